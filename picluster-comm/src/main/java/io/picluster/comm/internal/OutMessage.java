package io.picluster.comm.internal;

import io.picluster.comm.CommException;
import java.nio.ByteBuffer;

/**
 * A message queued on a connection. It counts as sent once its last byte is copied into the
 * connection's send buffer: from then on the caller's array may be reused, as MPI promises. A
 * synchronous send is done only once the receiver has acknowledged it as well (see {@link SyncSend}).
 *
 * <p>A large message travels as two of these (see {@link Frame#RTS}): its request to send (the
 * header alone) and, once the receiver is ready, its payload in a DATA frame; only the second
 * completes the send.
 */
final class OutMessage {
  private static final BodySource EMPTY = BodySource.bytes(new byte[0]);

  /** The frame header's fields: the message's own, or a control or DATA frame's. */
  private final int frameContext;
  private final int frameTag;
  private final int frameKind;
  /** The tag and kind the send reports when done. */
  final int tag;
  final int kind;
  final BodySource body;
  /** Completed when copied out; null for control frames, requests to send and synchronous sends. */
  final Pending pending;
  /** Told when copied out, for a synchronous send; else null. */
  final SyncSend sync;
  /** The header announces the body's length but the body is not sent with it (a request to send). */
  private final boolean headerOnly;
  private long copied;
  private boolean headerCopied;

  OutMessage(int context, int tag, int kind, BodySource body, Pending pending) {
    this(context, tag, kind, tag, kind, body, pending, null, false);
  }

  private OutMessage(int frameContext, int frameTag, int frameKind, int tag, int kind, BodySource body,
      Pending pending, SyncSend sync, boolean headerOnly) {
    this.frameContext = frameContext;
    this.frameTag = frameTag;
    this.frameKind = frameKind;
    this.tag = tag;
    this.kind = kind;
    this.body = body;
    this.pending = pending;
    this.sync = sync;
    this.headerOnly = headerOnly;
  }

  static OutMessage synchronous(int context, int tag, int kind, BodySource body, SyncSend sync) {
    return new OutMessage(context, tag, kind, tag, kind, body, null, sync, false);
  }

  /** A payload-less control frame (SYNC, ACK, BYE, RTS, CTS) with its argument in the context field. */
  static OutMessage control(int kind, int argument) {
    return new OutMessage(argument, 0, kind, 0, kind, EMPTY, null, null, false);
  }

  /** The header of a large message, sent after an RTS frame: its envelope and size, no payload. */
  static OutMessage requestToSend(int context, int tag, int kind, BodySource body) {
    return new OutMessage(context, tag, kind, tag, kind, body, null, null, true);
  }

  /**
   * The payload of the large message whose request to send had {@code id}, for when the receiver
   * is ready; completes {@code pending} (or {@code sync}) once copied out.
   */
  static OutMessage data(int id, int tag, int kind, BodySource body, Pending pending, SyncSend sync) {
    return new OutMessage(id, 0, Frame.DATA, tag, kind, body, sync == null ? pending : null, sync, false);
  }

  /** Copies what fits into {@code out}; true when the whole message is in. */
  boolean fill(ByteBuffer out) {
    if (!headerCopied) {
      if (out.remaining() < Frame.HEADER_BYTES) {
        return false;
      }
      Frame.putHeader(out, frameContext, frameTag, frameKind, body.length());
      headerCopied = true;
      if (headerOnly) {
        return true;
      }
    }
    copied += body.fill(out);
    return copied == body.length();
  }

  /** The last byte is in the send buffer. */
  void copiedOut(int me) {
    if (headerOnly) {
      return; // the send is done when its DATA frame is
    }
    if (sync != null) {
      sync.copied();
    } else if (pending != null) {
      pending.complete(me, tag, kind, 0, body.length(), null);
    }
  }

  /** The message will never go out. */
  void fail(CommException why) {
    if (sync != null) {
      sync.fail(why);
    } else if (pending != null) {
      pending.fail(why);
    }
  }
}
