package io.picluster.comm;

import io.picluster.comm.internal.ElementType;
import io.picluster.comm.internal.Envelope;
import io.picluster.comm.internal.Group;
import io.picluster.comm.internal.Messages;
import io.picluster.comm.internal.Pending;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Sends, receives and probes addressed to the ranks of one group, with the argument checks and
 * status conversion the public calls share: for a communicator its own group, for an
 * intercommunicator the remote group.
 */
final class PointToPoint {
  private final Group addressed;
  private final Messages messages;
  private final String groupName;
  /**
   * The Status a receive last returned. A receive in a loop mostly gets an equal one, and a record
   * can be shared (any thread may see any one; each is immutable): then the hot path allocates
   * nothing at all.
   */
  private Status lastStatus;
  /** A receive's status, per element type: made once, not per receive. */
  private final List<Function<Pending, Status>> statusByType = new ArrayList<>();

  /** @param groupName how errors name the group ranks are numbers in: "this communicator" */
  PointToPoint(Group addressed, int context, String groupName) {
    this.addressed = addressed;
    this.messages = new Messages(addressed, context);
    this.groupName = groupName;
    for (ElementType type : ElementType.values()) {
      Class<?> expected = type.elementClass();
      statusByType.add(new StatusOf(expected));
    }
  }

  Request<Void> isendArray(Object buf, int offset, int count, int dest, int tag, SendMode mode) {
    ElementType type = ElementType.of(buf);
    type.checkRange(buf, offset, count, "send");
    checkRank(dest, "dest");
    checkSendTag(tag);
    return done(messages.sendArray(type, buf, offset, count, dest, tag, synchronous(mode)));
  }

  Request<Void> isendObject(Object value, int dest, int tag, SendMode mode) {
    checkRank(dest, "dest");
    checkSendTag(tag);
    return done(messages.sendObject(value, dest, tag, synchronous(mode)));
  }

  /** A blocking send: {@link #isendArray} and its await, without the request object. */
  void sendArray(Object buf, int offset, int count, int dest, int tag, SendMode mode) {
    ElementType type = ElementType.of(buf);
    type.checkRange(buf, offset, count, "send");
    checkRank(dest, "dest");
    checkSendTag(tag);
    messages.sendArray(type, buf, offset, count, dest, tag, synchronous(mode)).await();
  }

  /** A blocking receive: {@link #irecvArray} and its await, without the request object. */
  Status recvArray(Object buf, int offset, int count, int source, int tag) {
    ElementType type = ElementType.of(buf);
    type.checkRange(buf, offset, count, "recv");
    checkSource(source);
    checkReceiveTag(tag);
    Pending pending = messages.receiveArrayAndWait(type, buf, offset, count, source, tag);
    pending.await(); // done: this reports a failure
    Status status = status(pending, type.elementClass());
    messages.reuse(pending); // read: the next blocking receive may take it
    return status;
  }

  Request<Status> irecvArray(Object buf, int offset, int count, int source, int tag) {
    ElementType type = ElementType.of(buf);
    type.checkRange(buf, offset, count, "recv");
    checkSource(source);
    checkReceiveTag(tag);
    Function<Pending, Status> status = statusByType.get(type.ordinal());
    return new Request<>(messages.receiveArray(type, buf, offset, count, source, tag), status, status);
  }

  @SuppressWarnings("unchecked")
  <T> Request<T> irecv(int source, int tag) {
    checkSource(source);
    checkReceiveTag(tag);
    return new Request<>(messages.receiveAny(source, tag),
        p -> p.isCancelled() ? null : (T) p.raw().decode(), p -> status(p, Object.class));
  }

  Status probe(int source, int tag) {
    checkSource(source);
    checkReceiveTag(tag);
    return status(messages.probe(source, tag));
  }

  Status iprobe(int source, int tag) {
    checkSource(source);
    checkReceiveTag(tag);
    Envelope found = messages.probeNow(source, tag);
    return found == null ? null : status(found);
  }

  private Status status(Envelope e) {
    return new Status(addressed.commRank(e.source()), e.tag(), e.count(), e.length(), e.elementType(), false);
  }

  /** @param expected the element class the receive asked for, reported when nothing came */
  private Status status(Pending p, Class<?> expected) {
    Class<?> type = p.elementType() == null ? expected : p.elementType();
    int source = addressed.commRank(p.source());
    Status last = lastStatus;
    if (last != null && last.source() == source && last.tag() == p.tag() && last.count() == p.count()
        && last.bytes() == p.bytes() && last.elementType() == type && last.cancelled() == p.isCancelled()) {
      return last;
    }
    Status status = new Status(source, p.tag(), p.count(), p.bytes(), type, p.isCancelled());
    lastStatus = status;
    return status;
  }

  private static boolean synchronous(SendMode mode) {
    if (mode == null) {
      throw new IllegalArgumentException("the send mode is null; give SendMode.STANDARD or SendMode.SYNCHRONOUS");
    }
    return mode == SendMode.SYNCHRONOUS;
  }

  Request<Void> done(Pending pending) {
    if (pending.isShared()) {
      Request<Void> shared = sharedDone;
      if (shared == null || !shared.wraps(pending)) {
        shared = new Request<>(pending, p -> null, p -> null);
        sharedDone = shared; // a benign race: any thread's copy is as good
      }
      return shared;
    }
    return new Request<>(pending, p -> null, p -> null);
  }

  /**
   * The request around the engine's shared completed send, made once per communicator (not once
   * per JVM: ranks as threads have an engine each, and would replace each other's at every send).
   */
  private volatile Request<Void> sharedDone;

  int size() {
    return addressed.size();
  }

  void checkRank(int rank, String what) {
    if (rank < 0 || rank >= addressed.size()) {
      throw new IllegalArgumentException(what + " " + rank + " is not a rank of " + groupName + " (ranks 0 to "
          + (addressed.size() - 1) + ")");
    }
  }

  private void checkSource(int source) {
    if (source != Comm.ANY_SOURCE) {
      checkRank(source, "source");
    }
  }

  private static void checkSendTag(int tag) {
    if (tag < 0) {
      throw new IllegalArgumentException("tag " + tag + " is negative; tags are 0 or more");
    }
  }

  private static void checkReceiveTag(int tag) {
    if (tag < 0 && tag != Comm.ANY_TAG) {
      throw new IllegalArgumentException("tag " + tag + " is negative; tags are 0 or more, or ANY_TAG");
    }
  }

  /**
   * A receive's status for one element type. A class, not a lambda: every rank that runs as a thread
   * has its own copy of this class, and would spin the lambda again when its first communicator is made.
   */
  private final class StatusOf implements Function<Pending, Status> {
    private final Class<?> expected;

    StatusOf(Class<?> expected) {
      this.expected = expected;
    }

    @Override
    public Status apply(Pending p) {
      return status(p, expected);
    }
  }
}
