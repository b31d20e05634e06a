package io.picluster.comm.internal;

/**
 * Point-to-point operations on one context, addressed in the ranks of one group: what both the
 * public API and the collective algorithms are built from. For an intercommunicator the group is
 * the remote one.
 */
public final class Messages {
  public static final int ANY = Matcher.ANY;

  private final Group group;
  private final int context;

  public Messages(Group group, int context) {
    this.group = group;
    this.context = context;
  }

  public Pending sendObject(Object value, int dest, int tag) {
    return sendObject(value, dest, tag, false);
  }

  /** Sends a serialized value; a synchronous send completes once the receiver has matched it. */
  public Pending sendObject(Object value, int dest, int tag, boolean synchronous) {
    return send(new RawMessage(Frame.OBJECT, ObjectCodec.encode(value)), dest, tag, synchronous);
  }

  /** Sends a payload exactly as it was received (relaying without decoding). */
  public Pending sendRaw(RawMessage raw, int dest, int tag) {
    return send(raw, dest, tag, false);
  }

  private Pending send(RawMessage raw, int dest, int tag, boolean synchronous) {
    return group.engine().send(context, world(dest), tag, raw.kind(), BodySource.bytes(raw.bytes()), synchronous);
  }

  public Pending sendArray(ElementType type, Object array, int offset, int count, int dest, int tag) {
    return sendArray(type, array, offset, count, dest, tag, false);
  }

  public Pending sendArray(ElementType type, Object array, int offset, int count, int dest, int tag,
      boolean synchronous) {
    return group.engine().sendArray(context, world(dest), tag, type, array, offset, count, synchronous);
  }

  /** Receives any message; its payload is {@link Pending#raw()}. */
  public Pending receiveAny(int source, int tag) {
    return group.engine().receive(context, world(source), tag, RecvTarget.anyMessage());
  }

  /** Receives up to {@code capacity} elements of {@code type} into {@code array} at {@code offset}. */
  public Pending receiveArray(ElementType type, Object array, int offset, int capacity, int source, int tag) {
    return group.engine().receive(context, world(source), tag, RecvTarget.array(type, array, offset, capacity));
  }

  /** {@link #receiveArray} and the wait for it in one go (see {@link Engine#receiveArrayAndWait}). */
  public Pending receiveArrayAndWait(ElementType type, Object array, int offset, int capacity, int source, int tag) {
    return group.engine().receiveArrayAndWait(context, world(source), tag, type, array, offset, capacity);
  }

  /** Gives back what {@link #receiveArrayAndWait} returned, once its results are read ({@link Engine#reuse}). */
  public void reuse(Pending received) {
    group.engine().reuse(received);
  }

  /** Waits until a matching message has arrived; its source is a world rank. Does not receive it. */
  public Envelope probe(int source, int tag) {
    return group.engine().probe(context, world(source), tag);
  }

  /** A matching message that has arrived, or null; one round of progress first. */
  public Envelope probeNow(int source, int tag) {
    return group.engine().probeNow(context, world(source), tag);
  }

  private int world(int rank) {
    return rank == ANY ? ANY : group.worldRank(rank);
  }
}
