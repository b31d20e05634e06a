package io.picluster.comm.internal;

import java.nio.ByteBuffer;

/**
 * The frame every message travels in: a 20-byte little-endian header (context, tag, kind, payload
 * length) and the payload. The source is the connection it arrives on, so it is not sent.
 *
 * <p>Control frames have no payload; SYNC, ACK, RTS and CTS carry their argument, a send's id, in
 * the context field.
 *
 * <p>Messages over {@link #EAGER_BYTES} go by rendezvous, as in MPICH: RTS, then the message's own
 * header with no payload after it (the request to send: envelope and size, matched like any message);
 * the receiver answers CTS with the same id when a receive takes it (or when it chooses to buffer
 * it), and only then does the sender send the payload, in a DATA frame carrying that id.
 */
final class Frame {
  static final int HEADER_BYTES = 20;

  /** A serialized object (see {@link ObjectCodec}). */
  static final int OBJECT = 0;
  // 1..8: primitive arrays, 1 + ElementType.ordinal()
  /** The next data frame on this connection is a synchronous send: acknowledge it when matched. */
  static final int SYNC = 13;
  /** The receiver has matched the synchronous send with this id. */
  static final int ACK = 14;
  /** The sender has finished and will send nothing more on this connection. */
  static final int BYE = 15;
  /** The next data header on this connection is a request to send, id in the context: no payload follows it. */
  static final int RTS = 16;
  /** The receiver is ready for the payload of the request to send with this id. */
  static final int CTS = 17;
  /** The payload of the request to send whose id is in the context field, after its CTS. */
  static final int DATA = 18;

  /** Larger messages go by rendezvous; smaller ones are sent at once (eager). */
  static final int EAGER_BYTES = 64 * 1024;

  /**
   * The largest payload a data frame may announce: the largest Java array of the widest element
   * (2^31 - 1 longs or doubles). A peer's header drives what this rank allocates and reads, so a
   * larger (or negative) length, an unknown kind or a length that is not a whole number of
   * elements is a broken stream, not a message.
   */
  static final long MAX_PAYLOAD = 8L * Integer.MAX_VALUE;

  /** A frame that only signals (its argument in the context field), never with a payload. */
  static boolean isControl(int kind) {
    return kind == SYNC || kind == ACK || kind == BYE || kind == RTS || kind == CTS;
  }

  /** What is wrong with a frame's header from a peer, or null if it can be a message or a control frame. */
  static String headerProblem(int kind, long length) {
    if (isControl(kind)) {
      return length == 0 ? null : "it sent control frame " + kind + " announcing " + length + " bytes (it has none)";
    }
    if (kind != OBJECT && kind != DATA && typeOf(kind) == null) {
      return "it sent a frame of unknown kind " + kind;
    }
    if (length < 0 || length > MAX_PAYLOAD) {
      return "it sent a frame announcing " + length + " bytes (at most " + MAX_PAYLOAD + ")";
    }
    ElementType type = typeOf(kind);
    if (type != null && length % type.size() != 0) {
      return "it sent " + length + " bytes of " + type.javaName() + ", not a whole number of elements";
    }
    return null;
  }

  private Frame() {}

  static int kindOf(ElementType type) {
    return 1 + type.ordinal();
  }

  /** By kind - 1: {@code values()} would copy the array on every message. */
  private static final ElementType[] TYPES = ElementType.values();

  /** The element type a kind carries, or null for objects and control frames. */
  static ElementType typeOf(int kind) {
    return kind >= 1 && kind <= TYPES.length ? TYPES[kind - 1] : null;
  }

  /** The element class of a data kind: {@code int.class} for an int[] message, Object.class for an object. */
  static Class<?> elementClass(int kind) {
    ElementType type = typeOf(kind);
    return type == null ? Object.class : type.elementClass();
  }

  /** How many elements a payload of {@code length} bytes holds: bytes for objects. */
  static long elements(int kind, long length) {
    ElementType type = typeOf(kind);
    return type == null ? length : length / type.size();
  }

  static String describe(int kind) {
    ElementType type = typeOf(kind);
    return type != null ? type.javaName() : kind == OBJECT ? "an object" : "control frame " + kind;
  }

  static void putHeader(ByteBuffer out, int context, int tag, int kind, long length) {
    out.putInt(context).putInt(tag).putInt(kind).putLong(length);
  }
}
