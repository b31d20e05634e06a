package io.picluster.comm.internal;

/** A received payload as it came: its kind (object or primitive array) and its bytes. */
public record RawMessage(int kind, byte[] bytes) {
  /** An object of the object layer, encoded. */
  public static RawMessage of(Object value) {
    return new RawMessage(Frame.OBJECT, ObjectCodec.encode(value));
  }

  /** The payload as the object layer sees it: decoded objects, or a fresh array for array messages. */
  public Object decode() {
    ElementType type = Frame.typeOf(kind);
    return type == null ? ObjectCodec.decode(bytes) : type.fromBytes(bytes);
  }
}
