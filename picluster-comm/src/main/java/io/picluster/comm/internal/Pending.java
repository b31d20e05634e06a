package io.picluster.comm.internal;

import io.picluster.comm.CommException;
import io.picluster.comm.PeerEndedException;

/**
 * The completion state of one send or receive. A thread that waits drives the transport's
 * progress engine until the operation is done, as MPI implementations do, instead of handing off
 * to a background thread: that keeps small-message latency near a raw socket's.
 */
public final class Pending {
  private final Progress progress;
  private volatile boolean done;
  private CommException error;
  private int source = -1;
  private int tag = -1;
  private int count;
  private long bytes;
  private RawMessage raw;
  private final int expectedSource;

  /** @param expectedSource the world rank a receive waits for, -1 for sends and any-source receives */
  Pending(Progress progress, int expectedSource) {
    this.progress = progress;
    this.expectedSource = expectedSource;
  }

  void complete(int source, int tag, int count, long bytes, RawMessage raw) {
    this.source = source;
    this.tag = tag;
    this.count = count;
    this.bytes = bytes;
    this.raw = raw;
    done = true;
  }

  void fail(CommException error) {
    if (!done) {
      this.error = error;
      done = true;
    }
  }

  public boolean isDone() {
    return done;
  }

  /** Drives progress until this operation is done; throws what made it fail. */
  public void await() {
    if (!done) {
      progress.progressUntil(this::isDone, expectedSource);
    }
    if (error != null) {
      // a fresh exception of the same kind, so the trace shows where the caller waited
      throw error instanceof PeerEndedException
          ? new PeerEndedException(error.getMessage(), error)
          : new CommException(error.getMessage(), error);
    }
  }

  /** Makes one non-blocking round of progress and says whether this operation is done. */
  public boolean test() {
    if (!done) {
      progress.poll();
    }
    return done;
  }

  /** The sender's world rank. */
  public int source() {
    return source;
  }

  public int tag() {
    return tag;
  }

  public int count() {
    return count;
  }

  public long bytes() {
    return bytes;
  }

  /** The payload of a receive that took any message (object receives); null for array receives. */
  public RawMessage raw() {
    return raw;
  }
}
