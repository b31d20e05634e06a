package io.picluster.comm.internal;

/**
 * What a probe sees of a message that has arrived (at least its header) but is not received yet.
 *
 * @param source the sender's world rank
 * @param kind the frame kind: an object, or an array of one element type
 * @param length the payload's size in bytes
 */
public record Envelope(int source, int tag, int kind, long length) {
  /** Elements for an array message, bytes for an object message. */
  public int count() {
    return (int) Frame.elements(kind, length);
  }

  /** {@code int.class} for an int[] message..., Object.class for an object. */
  public Class<?> elementType() {
    return Frame.elementClass(kind);
  }
}
