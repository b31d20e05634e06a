package io.picluster.comm.internal;

import java.nio.ByteBuffer;

/**
 * A message queued on a connection. It counts as sent once its last byte is copied into the
 * connection's send buffer: from then on the caller's array may be reused, as MPI promises.
 */
final class OutMessage {
  final int context;
  final int tag;
  final int kind;
  final BodySource body;
  final Pending pending;
  private long copied;
  private boolean headerCopied;

  OutMessage(int context, int tag, int kind, BodySource body, Pending pending) {
    this.context = context;
    this.tag = tag;
    this.kind = kind;
    this.body = body;
    this.pending = pending;
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
}
