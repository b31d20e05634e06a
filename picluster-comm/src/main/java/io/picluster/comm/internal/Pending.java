package io.picluster.comm.internal;

import io.picluster.comm.CommException;
import io.picluster.comm.PeerEndedException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The completion state of one send or receive. A thread that waits drives the transport's
 * progress engine until the operation is done, as MPI implementations do, instead of handing off
 * to a background thread: that keeps small-message latency near a raw socket's.
 */
public final class Pending implements BooleanSupplier {
  /**
   * {@link #done} is published with a release store and read with an acquire load: whoever sees it
   * set sees the results written before it, and an x86 store needs no fence (a volatile one does,
   * once per message).
   */
  private static final VarHandle DONE;

  static {
    try {
      DONE = MethodHandles.lookup().findVarHandle(Pending.class, "done", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Progress progress;
  @SuppressWarnings("unused") // through DONE only
  private boolean done;
  private CommException error;
  private boolean cancelled;
  private int source = -1;
  private int tag = -1;
  private int kind = -1;
  private int count;
  private long bytes;
  private RawMessage raw;
  private int expectedSource;
  /** One engine-wide object standing for every send that completed at once (see {@link #completedSend}). */
  private boolean shared;
  // What a receive waits for while it is posted in the Matcher (which queues this object itself).
  private int postedContext;
  private int postedSource;
  private int postedTag;
  private RecvTarget postedTarget;
  /** The array target this object brings when it is reused for blocking receives; made at first need. */
  private RecvTarget.IntoArray ownTarget;

  /**
   * @param expectedSource the world rank whose message completes it (a receive's source, a
   *     synchronous send's destination), -1 for other sends and any-source receives
   */
  Pending(Progress progress, int expectedSource) {
    this.progress = progress;
    this.expectedSource = expectedSource;
  }

  /**
   * A send that was copied out as it was made: nothing about it can change any more, so one such
   * object serves all of them and the hot path allocates nothing for it.
   */
  static Pending completedSend(Progress progress) {
    Pending p = new Pending(progress, -1);
    p.shared = true;
    p.markDone();
    return p;
  }

  /**
   * Makes this done receive new again, waiting for a message from {@code expectedSource}, for the
   * next blocking receive of arrays (see {@link Engine#receiveArrayAndWait}). Only for an object that
   * nothing else refers to any more: the engine lets go of a receive before completing it (the
   * Matcher unposts it, a sink is detached before its complete), and its caller has read it.
   */
  void recycle(int expectedSource) {
    DONE.set(this, false); // published by the post under the engine's lock
    this.expectedSource = expectedSource;
    error = null;
    cancelled = false;
    source = -1;
    tag = -1;
    kind = -1;
    count = 0;
    bytes = 0;
    raw = null;
    postedTarget = null;
  }

  /** Drops this reused receive's hold on the caller's array, which must not be kept from the GC. */
  void releaseArray() {
    if (ownTarget != null) {
      ownTarget.aim(null, null, 0, 0);
    }
  }

  /** This object's own array target, aimed at {@code capacity} elements of {@code array} at {@code offset}. */
  RecvTarget arrayTarget(ElementType type, Object array, int offset, int capacity) {
    if (ownTarget == null) {
      ownTarget = new RecvTarget.IntoArray();
    }
    return ownTarget.aim(type, array, offset, capacity);
  }

  /** True for the object {@link #completedSend} made, which callers may share too. */
  public boolean isShared() {
    return shared;
  }

  /** {@link #isDone()}, as the condition progress waits for (no method reference to allocate). */
  @Override
  public boolean getAsBoolean() {
    return isDone();
  }

  /** This receive waits in the Matcher for a message of (context, source, tag), to go into {@code target}. */
  void post(int context, int source, int tag, RecvTarget target) {
    this.postedContext = context;
    this.postedSource = source;
    this.postedTag = tag;
    this.postedTarget = target;
  }

  /** Whether this posted receive takes a message of (context, source, tag); ANY matches any source or tag. */
  boolean takes(int context, int source, int tag) {
    return postedContext == context && (postedSource == Matcher.ANY || postedSource == source)
        && (postedTag == Matcher.ANY || postedTag == tag);
  }

  int postedSource() {
    return postedSource;
  }

  RecvTarget postedTarget() {
    return postedTarget;
  }

  void complete(int source, int tag, int kind, int count, long bytes, RawMessage raw) {
    this.source = source;
    this.tag = tag;
    this.kind = kind;
    this.count = count;
    this.bytes = bytes;
    this.raw = raw;
    markDone();
  }

  private void markDone() {
    DONE.setRelease(this, true);
  }

  void fail(CommException error) {
    if (!isDone()) {
      this.error = error;
      markDone();
    }
  }

  /** The receive was withdrawn before any message matched it. */
  void markCancelled() {
    cancelled = true;
    markDone();
  }

  public boolean isDone() {
    return (boolean) DONE.getAcquire(this);
  }

  /** True once {@link #cancel()} has withdrawn this receive. */
  public boolean isCancelled() {
    return cancelled;
  }

  /** Drives progress until this operation is done; throws what made it fail. */
  public void await() {
    if (!isDone()) {
      progress.progressUntil(this, expectedSource);
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
    if (!isDone()) {
      progress.poll();
    }
    return isDone();
  }

  /**
   * Withdraws a receive that no message has matched yet: true if it was withdrawn (it is then done
   * and cancelled); false for a send, or a receive that is matched or done, which completes as usual.
   */
  public boolean cancel() {
    return !isDone() && progress.withdraw(this);
  }

  /**
   * Waits until one of {@code pendings} is done, driving progress (spinning briefly, then blocking
   * in the selector); returns the lowest index of one that is done. Null entries are skipped; -1
   * when every entry is null.
   */
  public static int awaitAny(List<Pending> pendings) {
    Progress driver = null;
    for (Pending p : pendings) {
      if (p != null) {
        if (p.isDone()) {
          return firstDone(pendings);
        }
        driver = driver == null ? p.progress : driver;
      }
    }
    if (driver == null) {
      return -1;
    }
    driver.progressUntil(() -> firstDone(pendings) >= 0, commonSource(pendings));
    return firstDone(pendings);
  }

  /** The lowest index of a done entry after one round of progress, or -1. */
  public static int testAny(List<Pending> pendings) {
    int index = firstDone(pendings);
    if (index >= 0) {
      return index;
    }
    for (Pending p : pendings) {
      if (p != null) {
        p.progress.poll();
        return firstDone(pendings);
      }
    }
    return -1;
  }

  private static int firstDone(List<Pending> pendings) {
    for (int i = 0; i < pendings.size(); i++) {
      Pending p = pendings.get(i);
      if (p != null && p.isDone()) {
        return i;
      }
    }
    return -1;
  }

  /** The one world rank every waiting entry depends on, or -1: lets the engine spin on that socket. */
  private static int commonSource(List<Pending> pendings) {
    int common = -2;
    for (Pending p : pendings) {
      if (p != null && !p.isDone()) {
        if (common == -2) {
          common = p.expectedSource;
        } else if (common != p.expectedSource) {
          return -1;
        }
      }
    }
    return common < 0 ? -1 : common;
  }

  /** The sender's world rank. */
  public int source() {
    return source;
  }

  public int tag() {
    return tag;
  }

  /** Elements received for an array message, bytes for an object message. */
  public int count() {
    return count;
  }

  public long bytes() {
    return bytes;
  }

  /** The element class of the message received: {@code int.class}..., Object.class for an object; null if none came. */
  public Class<?> elementType() {
    return kind < 0 ? null : Frame.elementClass(kind);
  }

  /** The payload of a receive that took any message (object receives); null for array receives. */
  public RawMessage raw() {
    return raw;
  }
}
