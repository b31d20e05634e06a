package io.picluster.comm.internal;

import java.nio.ByteBuffer;

/**
 * A message queued on a connection. It counts as sent once its last byte is copied into the
 * connection's send buffer: from then on the caller's array may be reused, as MPI promises. A
 * synchronous send is done only once the receiver has acknowledged it as well (see {@link SyncSend}).
 */
final class OutMessage {
  private static final BodySource EMPTY = BodySource.bytes(new byte[0]);

  final int context;
  final int tag;
  final int kind;
  final BodySource body;
  /** Completed when copied out; null for control frames and synchronous sends. */
  final Pending pending;
  /** Told when copied out, for a synchronous send; else null. */
  final SyncSend sync;
  private long copied;
  private boolean headerCopied;

  OutMessage(int context, int tag, int kind, BodySource body, Pending pending) {
    this(context, tag, kind, body, pending, null);
  }

  private OutMessage(int context, int tag, int kind, BodySource body, Pending pending, SyncSend sync) {
    this.context = context;
    this.tag = tag;
    this.kind = kind;
    this.body = body;
    this.pending = pending;
    this.sync = sync;
  }

  static OutMessage synchronous(int context, int tag, int kind, BodySource body, SyncSend sync) {
    return new OutMessage(context, tag, kind, body, null, sync);
  }

  /** A payload-less control frame (SYNC, ACK, BYE) with its argument in the context field. */
  static OutMessage control(int kind, int argument) {
    return new OutMessage(argument, 0, kind, EMPTY, null, null);
  }

  /** Copies what fits into {@code out}; true when the whole message is in. */
  boolean fill(ByteBuffer out) {
    if (!headerCopied) {
      if (out.remaining() < Frame.HEADER_BYTES) {
        return false;
      }
      Frame.putHeader(out, context, tag, kind, body.length());
      headerCopied = true;
    }
    copied += body.fill(out);
    return copied == body.length();
  }

  /** The last byte is in the send buffer. */
  void copiedOut(int me) {
    if (sync != null) {
      sync.copied();
    } else if (pending != null) {
      pending.complete(me, tag, kind, 0, body.length(), null);
    }
  }
}
