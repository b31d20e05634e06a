package io.picluster.comm.internal;

/**
 * Point-to-point operations on one context of a group, in the group's ranks: what both the public
 * API and the collective algorithms are built from.
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
    return sendRaw(new RawMessage(Frame.OBJECT, ObjectCodec.encode(value)), dest, tag);
  }

  /** Sends a payload exactly as it was received (relaying without decoding). */
  public Pending sendRaw(RawMessage raw, int dest, int tag) {
    return group.engine().send(context, world(dest), tag, raw.kind(), BodySource.bytes(raw.bytes()));
  }

  public Pending sendArray(ElementType type, Object array, int offset, int count, int dest, int tag) {
    return group.engine().send(context, world(dest), tag, Frame.kindOf(type),
        BodySource.array(type, array, offset, count));
  }

  /** Receives any message; its payload is {@link Pending#raw()}. */
  public Pending receiveAny(int source, int tag) {
    return group.engine().receive(context, world(source), tag, RecvTarget.anyMessage());
  }

  /** Receives up to {@code capacity} elements of {@code type} into {@code array} at {@code offset}. */
  public Pending receiveArray(ElementType type, Object array, int offset, int capacity, int source, int tag) {
    return group.engine().receive(context, world(source), tag, RecvTarget.array(type, array, offset, capacity));
  }

  private int world(int rank) {
    return rank == ANY ? ANY : group.worldRank(rank);
  }
}
