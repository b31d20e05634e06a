package io.picluster.comm.internal;

import io.picluster.comm.CommException;

/**
 * A synchronous send (MPI_Ssend): done once its bytes are copied out, so the caller may reuse its
 * array, and the receiver has matched it with a receive. Both can happen in either order: the
 * acknowledgement may come back while the end of a large payload is still being copied.
 */
final class SyncSend {
  private final Pending pending;
  private final int source;
  private final int tag;
  private final int kind;
  private final long length;
  private boolean copied;
  private boolean acknowledged;

  SyncSend(Pending pending, int source, int tag, int kind, long length) {
    this.pending = pending;
    this.source = source;
    this.tag = tag;
    this.kind = kind;
    this.length = length;
  }

  int tag() {
    return tag;
  }

  void copied() {
    copied = true;
    completeIfBoth();
  }

  void acknowledged() {
    acknowledged = true;
    completeIfBoth();
  }

  void fail(CommException why) {
    pending.fail(why);
  }

  private void completeIfBoth() {
    if (copied && acknowledged) {
      pending.complete(source, tag, kind, 0, length, null);
    }
  }
}
