package mpi;

import io.picluster.comm.SendMode;
import java.nio.Buffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A communicator, in both vocabularies: MPJ Express's ({@code Rank()}, {@code Send(buf, offset,
 * count, type, dest, tag)}, collectives on {@link Intracomm}) and Open MPI's ({@code getRank()},
 * {@code send(buf, count, type, dest, tag)} with arrays or {@link Buffer}s, collectives here).
 *
 * <p>Primitive data of a contiguous datatype goes straight through picluster-comm's array layer,
 * read from and written to the caller's array (never serialized); other datatypes are packed
 * first; MPI.OBJECT data ({@code Object[]}) travels through the object layer. Messages between two
 * ranks on one communicator are received in the order they were sent. Errors end the job unless
 * the communicator's error handler is MPI.ERRORS_RETURN, in which case they throw MPIException.
 */
public class Comm implements Freeable, Cloneable {
  /** Open MPI's split type: ranks that share a host (MPI_COMM_TYPE_SHARED). */
  public static final int TYPE_SHARED = 0;

  /** The largest tag (the value of attribute MPI.TAG_UB): picluster takes any non-negative int. */
  static final int TAG_UPPER_BOUND = Integer.MAX_VALUE;

  private static final AtomicInteger NEXT_KEYVAL = new AtomicInteger(1000);

  /** The picluster communicator; null for a null communicator or COMM_WORLD/SELF outside Init..Finalize. */
  private volatile io.picluster.comm.Comm base;
  private Errhandler errhandler;
  private String name = "";
  private Info info;
  private final Map<Integer, Object> attributes = new HashMap<>();
  private Intracomm neighbourChannel;

  /** A null communicator (MPI.COMM_NULL; what split and create give ranks left out in Open MPI's vocabulary). */
  Comm() {}

  Comm(io.picluster.comm.Comm base) {
    this.base = base;
  }

  // ---------------------------------------------------------------- binding and plumbing

  /** (Re)binds MPI.COMM_WORLD or MPI.COMM_SELF at Init. */
  void bind(io.picluster.comm.Comm comm, String name) {
    this.base = comm;
    this.name = name;
    this.errhandler = null;
    this.info = null;
    this.attributes.clear();
  }

  void unbind() {
    this.base = null;
  }

  /** The picluster communicator, or a clear error when there is none. */
  final io.picluster.comm.Comm base() {
    io.picluster.comm.Comm b = base;
    if (b == null) {
      throw unbound();
    }
    return b;
  }

  /** The base for collectives; an intercommunicator has none (see Intercomm). */
  io.picluster.comm.Comm collectiveBase() {
    return base();
  }

  private MPIException unbound() {
    if (this == MPI.COMM_WORLD || this == MPI.COMM_SELF) {
      Environment.requireActive();
    }
    return new MPIException(MPI.ERR_COMM, "this communicator is null (MPI.COMM_NULL, freed, or what split/create give a "
        + "rank that is left out)");
  }

  Errhandler errhandler() {
    Errhandler h = errhandler;
    return h == null ? MPI.ERRORS_ARE_FATAL : h;
  }

  /** Gives a communicator made from this one this one's error handler, as MPI says. */
  <C extends Comm> C inherit(C child) {
    if (child != null) {
      ((Comm) child).errhandler = this.errhandler;
    }
    return child;
  }

  /** Turns anything a call throws into MPI's error handling (see {@link Errors}). */
  final MPIException error(String call, Throwable e) {
    return Errors.handle(this, call, e);
  }

  // p2p hooks: an intracommunicator addresses its own ranks; Intercomm overrides them for remote ranks

  int localRank() {
    return base().rank();
  }

  int localSize() {
    return base().size();
  }

  io.picluster.comm.Request<Void> sendArray(Object array, int offset, int count, int dest, int tag, SendMode mode) {
    return base().isendArray(array, offset, count, dest, tag, mode);
  }

  io.picluster.comm.Request<Void> sendObject(Object value, int dest, int tag, SendMode mode) {
    return base().isendObject(value, dest, tag, mode);
  }

  /** {@link #sendArray} and its await, without the request object (the hot path of a blocking send). */
  void sendArrayNow(Object array, int offset, int count, int dest, int tag, SendMode mode) {
    base().sendArray(array, offset, count, dest, tag, mode);
  }

  /** {@link #recvArray} and its await, without the request object (the hot path of a blocking receive). */
  io.picluster.comm.Status recvArrayNow(Object array, int offset, int count, int source, int tag) {
    return base().recvArray(array, offset, count, source, tag);
  }

  io.picluster.comm.Request<io.picluster.comm.Status> recvArray(Object array, int offset, int count, int source, int tag) {
    return base().irecvArray(array, offset, count, source, tag);
  }

  io.picluster.comm.Request<Object> recvObject(int source, int tag) {
    return base().irecv(source, tag);
  }

  io.picluster.comm.Status probeMessage(int source, int tag) {
    return base().probe(source, tag);
  }

  io.picluster.comm.Status iprobeMessage(int source, int tag) {
    return base().iprobe(source, tag);
  }

  /** The duplicate of this communicator, of the same class (dup, clone). */
  Comm duplicate() {
    return inherit(new Intracomm(base().dup()));
  }

  // ---------------------------------------------------------------- point to point: one implementation

  private static int sourceArg(int source) {
    if (source == MPI.ANY_SOURCE) {
      return io.picluster.comm.Comm.ANY_SOURCE;
    }
    if (source < 0) {
      throw new MPIException(MPI.ERR_RANK, "source " + source + " is not a rank; give a rank, MPI.ANY_SOURCE or MPI.PROC_NULL");
    }
    return source;
  }

  private static int tagArg(int tag) {
    if (tag == MPI.ANY_TAG) {
      return io.picluster.comm.Comm.ANY_TAG;
    }
    if (tag < 0) {
      throw new MPIException(MPI.ERR_TAG, "tag " + tag + " is negative; tags are 0 to MPI.TAG_UB, or MPI.ANY_TAG to receive");
    }
    return tag;
  }

  private static int sendTag(int tag) {
    if (tag < 0) {
      throw new MPIException(MPI.ERR_TAG, "tag " + tag + " is negative; a send's tag is 0 to MPI.TAG_UB");
    }
    return tag;
  }

  /** A blocking send: returns once the data has left the buffer (SYNCHRONOUS: once it is matched). */
  final void sendNow(Region r, int dest, int tag, SendMode mode) {
    if (dest == MPI.PROC_NULL) {
      return;
    }
    if (r.direct()) {
      sendArrayNow(r.array(), r.first(), r.elements(), dest, sendTag(tag), mode);
    } else {
      startSend(r, dest, tag, mode).await();
    }
  }

  final Operation startSend(Region r, int dest, int tag, SendMode mode) {
    if (dest == MPI.PROC_NULL) {
      return Operation.done(Statuses.procNull());
    }
    int t = sendTag(tag);
    io.picluster.comm.Request<Void> p;
    if (r.isObjects()) {
      p = sendObject(r.pack(), dest, t, mode);
    } else if (r.direct()) {
      p = sendArray(r.array(), r.first(), r.elements(), dest, t, mode);
    } else {
      p = sendArray(r.pack(), 0, r.elements(), dest, t, mode);
    }
    return new Operation(p, Statuses::sent);
  }

  /** A buffered send: the data is copied now and charged to the attached buffer until it has left. */
  final Operation startBsend(Region r, int dest, int tag) {
    if (dest == MPI.PROC_NULL) {
      return Operation.done(Statuses.procNull());
    }
    int t = sendTag(tag);
    AttachedBuffer attached = Environment.bsendBuffer();
    Object packed = r.pack();
    long reserved = attached.reserve(r.isObjects() ? AttachedBuffer.serializedSize(packed) : r.type.packSize(r.count));
    try {
      io.picluster.comm.Request<Void> p = r.isObjects()
          ? sendObject(packed, dest, t, SendMode.STANDARD)
          : sendArray(packed, 0, r.elements(), dest, t, SendMode.STANDARD);
      attached.track(p, reserved);
    } catch (RuntimeException e) {
      attached.release(reserved);
      throw e;
    }
    return Operation.done(Statuses.sent());
  }

  /** A blocking receive. */
  final Status recvNow(Region r, int source, int tag) {
    if (r.direct() && source != MPI.PROC_NULL) {
      io.picluster.comm.Status s = recvArrayNow(r.array(), r.first(), r.elements(), sourceArg(source), tagArg(tag));
      return Statuses.received(s, s.count(), r);
    }
    return startRecv(r, source, tag).await();
  }

  final Operation startRecv(Region r, int source, int tag) {
    if (source == MPI.PROC_NULL) {
      return Operation.done(Statuses.procNull());
    }
    int s = sourceArg(source);
    int t = tagArg(tag);
    if (r.isObjects()) {
      io.picluster.comm.Request<Object> p = recvObject(s, t);
      return new Operation(p, () -> finishObjects(r, p));
    }
    if (r.direct()) {
      io.picluster.comm.Request<io.picluster.comm.Status> p = recvArray(r.array(), r.first(), r.elements(), s, t);
      return new Operation(p, () -> {
        io.picluster.comm.Status st = p.await();
        return Statuses.received(st, st.count(), r);
      });
    }
    Object temp = r.base().newArray(r.elements());
    io.picluster.comm.Request<io.picluster.comm.Status> p = recvArray(temp, 0, r.elements(), s, t);
    return new Operation(p, () -> {
      io.picluster.comm.Status st = p.await();
      if (!st.cancelled()) {
        r.unpack(temp, st.count());
      }
      return Statuses.received(st, st.count(), r);
    });
  }

  private static Status finishObjects(Region r, io.picluster.comm.Request<Object> p) {
    Object got = p.await();
    io.picluster.comm.Status st = p.status();
    if (st.cancelled()) {
      return Statuses.received(st, 0, r);
    }
    if (!(got instanceof Object[])) {
      throw new MPIException(MPI.ERR_TYPE, "the message holds a " + (got == null ? "null" : got.getClass().getName())
          + ", not MPI.OBJECT data (an Object[]); receive it with the datatype it was sent with");
    }
    Object[] objects = (Object[]) got;
    if (objects.length > r.elements()) {
      throw new MPIException(MPI.ERR_TRUNCATE, "message truncated: " + objects.length + " objects arrived but the receive has room for "
          + r.elements() + "; give a larger count");
    }
    r.unpack(objects, objects.length);
    return Statuses.received(st, objects.length, r);
  }

  /** Sends and receives at once; both may proceed in any order, so two ranks exchanging cannot deadlock. */
  final Status sendRecvNow(Region send, int dest, int sendTag, Region recv, int source, int recvTag) {
    Operation in = startRecv(recv, source, recvTag);
    startSend(send, dest, sendTag, SendMode.STANDARD).await();
    return in.await();
  }

  /** Sends the buffer's data and receives into the same buffer: the outgoing data is copied first. */
  final Status sendRecvReplaceNow(Region buf, int dest, int sendTag, int source, int recvTag) {
    Region outgoing = dest == MPI.PROC_NULL ? null : buf.packedCopy();
    Operation in = startRecv(buf, source, recvTag);
    if (outgoing != null) {
      startSend(outgoing, dest, sendTag, SendMode.STANDARD).await();
    }
    return in.await();
  }

  final Status probeNow(int source, int tag) {
    if (source == MPI.PROC_NULL) {
      return Statuses.procNull();
    }
    return Statuses.probed(probeMessage(sourceArg(source), tagArg(tag)));
  }

  final Status iprobeNow(int source, int tag) {
    if (source == MPI.PROC_NULL) {
      return Statuses.procNull();
    }
    io.picluster.comm.Status s = iprobeMessage(sourceArg(source), tagArg(tag));
    return s == null ? null : Statuses.probed(s);
  }

  final Request request(Operation op) {
    return new Request(this, op);
  }

  // ---------------------------------------------------------------- MPJ Express: management

  /** Number of ranks (the local group's, for an intercommunicator). */
  public int Size() throws MPIException {
    try {
      return localSize();
    } catch (RuntimeException e) {
      throw error("Size", e);
    }
  }

  /** This process's rank in the communicator. */
  public int Rank() throws MPIException {
    try {
      return localRank();
    } catch (RuntimeException e) {
      throw error("Rank", e);
    }
  }

  /** The communicator's group (the local group, for an intercommunicator). */
  public Group Group() throws MPIException {
    try {
      return localGroup();
    } catch (RuntimeException e) {
      throw error("Group", e);
    }
  }

  Group localGroup() {
    io.picluster.comm.Comm b = base();
    return new Group(b.worldRanks(), b.worldRank());
  }

  /** MPI.IDENT, CONGRUENT (same ranks in the same order), SIMILAR (same ranks) or UNEQUAL. */
  public static int Compare(Comm comm1, Comm comm2) throws MPIException {
    try {
      return compareComms(comm1, comm2);
    } catch (RuntimeException e) {
      throw Errors.handle(comm1, "Compare", e);
    }
  }

  static int compareComms(Comm a, Comm b) {
    if (a == b) {
      return MPI.IDENT;
    }
    if (a.base != null && a.base == b.base) {
      return MPI.IDENT;
    }
    if (a.Test_inter() != b.Test_inter()) {
      return MPI.UNEQUAL;
    }
    int groups = mpi.Group.Compare(a.localGroup(), b.localGroup());
    if (a instanceof Intercomm) {
      int remote = mpi.Group.Compare(((Intercomm) a).remoteGroup(), ((Intercomm) b).remoteGroup());
      groups = Math.max(groups == MPI.IDENT ? 0 : groups, remote == MPI.IDENT ? 0 : remote) == 0 ? MPI.IDENT
          : groups == MPI.UNEQUAL || remote == MPI.UNEQUAL ? MPI.UNEQUAL : MPI.SIMILAR;
    }
    return groups == MPI.IDENT ? MPI.CONGRUENT : groups;
  }

  /** Releases the communicator (MPJ Express: nothing to do; the predefined ones stay). */
  public void Free() throws MPIException {
    try {
      release();
    } catch (RuntimeException e) {
      throw error("Free", e);
    }
  }

  void release() {
    if (this == MPI.COMM_WORLD || this == MPI.COMM_SELF) {
      throw new MPIException("MPI.COMM_WORLD and MPI.COMM_SELF cannot be freed");
    }
    base = null;
  }

  /** True for an intercommunicator. */
  public boolean Test_inter() throws MPIException {
    return false;
  }

  /** MPI.CART, MPI.GRAPH, or MPI.UNDEFINED for a communicator without a topology. */
  public int Topo_test() throws MPIException {
    return topology();
  }

  int topology() {
    return MPI.UNDEFINED;
  }

  /** Ends the whole job with {@code errorcode}, on every host. */
  public void Abort(int errorcode) throws MPIException {
    Environment.abortJob(errorcode);
  }

  /** An attribute: MPI.TAG_UB, MPI.HOST, MPI.IO (and MPI.WTIME_IS_GLOBAL), or one set with setAttr. */
  public Object Attr_get(int keyval) throws MPIException {
    try {
      return attribute(keyval);
    } catch (RuntimeException e) {
      throw error("Attr_get", e);
    }
  }

  public void Attr_delete(int keyval) throws MPIException {
    try {
      deleteAttribute(keyval);
    } catch (RuntimeException e) {
      throw error("Attr_delete", e);
    }
  }

  /** MPI_Intercomm_create, called on the peer communicator (the one that joins both leaders). */
  public Intercomm Create_intercomm(Comm local_comm, int local_leader, int remote_leader, int tag) throws MPIException {
    try {
      return intercommOf(local_comm, local_leader, remote_leader, tag);
    } catch (RuntimeException e) {
      throw error("Create_intercomm", e);
    }
  }

  Intercomm intercommOf(Comm local, int localLeader, int remoteLeader, int tag) {
    if (local == null) {
      throw new MPIException("the local communicator is null");
    }
    return local.inherit(Intercomm.create(local.base(), localLeader, base(), remoteLeader, sendTag(tag)));
  }

  /** A duplicate: same ranks, its own message space (MPI_Comm_dup). */
  @Override
  public Comm clone() {
    try {
      return duplicate();
    } catch (RuntimeException e) {
      throw error("clone", e);
    }
  }

  // ---------------------------------------------------------------- MPJ Express: point to point

  public void Send(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
    try {
      sendNow(Region.of(buf, offset, count, datatype), dest, tag, SendMode.STANDARD);
    } catch (RuntimeException e) {
      throw error("Send", e);
    }
  }

  /** Synchronous send: returns once the receiver has matched the message. */
  public void Ssend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
    try {
      sendNow(Region.of(buf, offset, count, datatype), dest, tag, SendMode.SYNCHRONOUS);
    } catch (RuntimeException e) {
      throw error("Ssend", e);
    }
  }

  /** Buffered send: copies the message (charged to the buffer of MPI.Buffer_attach) and returns. */
  public void Bsend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
    try {
      startBsend(Region.of(buf, offset, count, datatype), dest, tag);
    } catch (RuntimeException e) {
      throw error("Bsend", e);
    }
  }

  /** Ready send: as Send (a matching receive must already be posted, which picluster does not need). */
  public void Rsend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
    try {
      sendNow(Region.of(buf, offset, count, datatype), dest, tag, SendMode.STANDARD);
    } catch (RuntimeException e) {
      throw error("Rsend", e);
    }
  }

  public Request Isend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
    try {
      return request(startSend(Region.of(buf, offset, count, datatype), dest, tag, SendMode.STANDARD));
    } catch (RuntimeException e) {
      throw error("Isend", e);
    }
  }

  public Request Ibsend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
    try {
      return request(startBsend(Region.of(buf, offset, count, datatype), dest, tag));
    } catch (RuntimeException e) {
      throw error("Ibsend", e);
    }
  }

  public Request Issend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
    try {
      return request(startSend(Region.of(buf, offset, count, datatype), dest, tag, SendMode.SYNCHRONOUS));
    } catch (RuntimeException e) {
      throw error("Issend", e);
    }
  }

  public Request Irsend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
    try {
      return request(startSend(Region.of(buf, offset, count, datatype), dest, tag, SendMode.STANDARD));
    } catch (RuntimeException e) {
      throw error("Irsend", e);
    }
  }

  public Status Recv(Object buf, int offset, int count, Datatype datatype, int source, int tag) throws MPIException {
    try {
      return recvNow(Region.of(buf, offset, count, datatype), source, tag);
    } catch (RuntimeException e) {
      throw error("Recv", e);
    }
  }

  public Request Irecv(Object buf, int offset, int count, Datatype datatype, int source, int tag) throws MPIException {
    try {
      return request(startRecv(Region.of(buf, offset, count, datatype), source, tag));
    } catch (RuntimeException e) {
      throw error("Irecv", e);
    }
  }

  /** Waits until a matching message has arrived and says what it is, without receiving it. */
  public Status Probe(int source, int tag) throws MPIException {
    try {
      return probeNow(source, tag);
    } catch (RuntimeException e) {
      throw error("Probe", e);
    }
  }

  /** What a matching message that has arrived is, or null if none has. */
  public Status Iprobe(int source, int tag) throws MPIException {
    try {
      return iprobeNow(source, tag);
    } catch (RuntimeException e) {
      throw error("Iprobe", e);
    }
  }

  public Prequest Send_init(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
    try {
      Region r = Region.of(buf, offset, count, datatype);
      return new Prequest(this, () -> startSend(r, dest, tag, SendMode.STANDARD));
    } catch (RuntimeException e) {
      throw error("Send_init", e);
    }
  }

  public Prequest Bsend_init(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
    try {
      Region r = Region.of(buf, offset, count, datatype);
      return new Prequest(this, () -> startBsend(r, dest, tag));
    } catch (RuntimeException e) {
      throw error("Bsend_init", e);
    }
  }

  public Prequest Ssend_init(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
    try {
      Region r = Region.of(buf, offset, count, datatype);
      return new Prequest(this, () -> startSend(r, dest, tag, SendMode.SYNCHRONOUS));
    } catch (RuntimeException e) {
      throw error("Ssend_init", e);
    }
  }

  public Prequest Rsend_init(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
    try {
      Region r = Region.of(buf, offset, count, datatype);
      return new Prequest(this, () -> startSend(r, dest, tag, SendMode.STANDARD));
    } catch (RuntimeException e) {
      throw error("Rsend_init", e);
    }
  }

  public Prequest Recv_init(Object buf, int offset, int count, Datatype datatype, int source, int tag) throws MPIException {
    try {
      Region r = Region.of(buf, offset, count, datatype);
      return new Prequest(this, () -> startRecv(r, source, tag));
    } catch (RuntimeException e) {
      throw error("Recv_init", e);
    }
  }

  public Status Sendrecv(Object sendbuf, int sendoffset, int sendcount, Datatype sendtype, int dest, int sendtag,
      Object recvbuf, int recvoffset, int recvcount, Datatype recvtype, int source, int recvtag) throws MPIException {
    try {
      return sendRecvNow(Region.of(sendbuf, sendoffset, sendcount, sendtype), dest, sendtag,
          Region.of(recvbuf, recvoffset, recvcount, recvtype), source, recvtag);
    } catch (RuntimeException e) {
      throw error("Sendrecv", e);
    }
  }

  public Status Sendrecv_replace(Object buf, int offset, int count, Datatype datatype, int dest, int sendtag,
      int source, int recvtag) throws MPIException {
    try {
      return sendRecvReplaceNow(Region.of(buf, offset, count, datatype), dest, sendtag, source, recvtag);
    } catch (RuntimeException e) {
      throw error("Sendrecv_replace", e);
    }
  }

  /** Bytes that Pack needs for {@code incount} items of {@code datatype}. */
  public int Pack_size(int incount, Datatype datatype) throws MPIException {
    try {
      return datatype.packSize(incount);
    } catch (RuntimeException e) {
      throw error("Pack_size", e);
    }
  }

  /** Packs items into {@code outbuf} from {@code position}; returns the position after them (mpiJava's byte[] form). */
  public int Pack(Object inbuf, int offset, int incount, Datatype datatype, byte[] outbuf, int position) throws MPIException {
    try {
      return packInto(Region.of(inbuf, offset, incount, datatype), outbuf, position);
    } catch (RuntimeException e) {
      throw error("Pack", e);
    }
  }

  /** Unpacks items from {@code inbuf} at {@code position}; returns the position after them. */
  public int Unpack(byte[] inbuf, int position, Object outbuf, int offset, int outcount, Datatype datatype) throws MPIException {
    try {
      return unpackFrom(inbuf, position, Region.of(outbuf, offset, outcount, datatype));
    } catch (RuntimeException e) {
      throw error("Unpack", e);
    }
  }

  static int packInto(Region r, byte[] out, int position) {
    if (r.isUserArray()) {
      return r.type.pack(r.array(), r.offset(), r.count, out, position);
    }
    return Datatypes.basic(r.base()).pack(r.pack(), 0, r.elements(), out, position);
  }

  static int unpackFrom(byte[] in, int position, Region r) {
    if (r.isUserArray()) {
      return r.type.unpack(in, position, r.array(), r.offset(), r.count);
    }
    Object temp = r.base().newArray(r.elements());
    int after = Datatypes.basic(r.base()).unpack(in, position, temp, 0, r.elements());
    r.unpack(temp, r.elements());
    return after;
  }

  // ---------------------------------------------------------------- Open MPI: management

  public int getSize() throws MPIException {
    try {
      return localSize();
    } catch (RuntimeException e) {
      throw error("getSize", e);
    }
  }

  public int getRank() throws MPIException {
    try {
      return localRank();
    } catch (RuntimeException e) {
      throw error("getRank", e);
    }
  }

  public Group getGroup() throws MPIException {
    try {
      return localGroup();
    } catch (RuntimeException e) {
      throw error("getGroup", e);
    }
  }

  public static int compare(Comm comm1, Comm comm2) throws MPIException {
    try {
      return compareComms(comm1, comm2);
    } catch (RuntimeException e) {
      throw Errors.handle(comm1, "compare", e);
    }
  }

  /** Releases the communicator; it becomes null ({@link #isNull()}). */
  @Override
  public void free() throws MPIException {
    try {
      release();
    } catch (RuntimeException e) {
      throw error("free", e);
    }
  }

  /** True for a null communicator: freed, or what split/create give a rank left out. */
  public boolean isNull() {
    return base == null && this != MPI.COMM_WORLD && this != MPI.COMM_SELF && !isInterBound();
  }

  boolean isInterBound() {
    return false;
  }

  /** Waits for pending communication (there is none to wait for once calls have returned) and frees. */
  public void disconnect() throws MPIException {
    try {
      collectiveBarrierIfIntra();
      release();
    } catch (RuntimeException e) {
      throw error("disconnect", e);
    }
  }

  void collectiveBarrierIfIntra() {
    base().barrier();
  }

  public boolean isInter() throws MPIException {
    return Test_inter();
  }

  public Intercomm createIntercomm(Comm localComm, int localLeader, int remoteLeader, int tag) throws MPIException {
    try {
      return intercommOf(localComm, localLeader, remoteLeader, tag);
    } catch (RuntimeException e) {
      throw error("createIntercomm", e);
    }
  }

  public Comm dup() throws MPIException {
    try {
      return duplicate();
    } catch (RuntimeException e) {
      throw error("dup", e);
    }
  }

  /** As dup (done at once; {@link #getRequest()} gives its completed request). */
  public Comm iDup() throws MPIException {
    try {
      return duplicate();
    } catch (RuntimeException e) {
      throw error("iDup", e);
    }
  }

  public Comm dupWithInfo(Info info) throws MPIException {
    try {
      Comm c = duplicate();
      c.info = info == null ? null : info.dup();
      return c;
    } catch (RuntimeException e) {
      throw error("dupWithInfo", e);
    }
  }

  /** The request of the last iDup: complete, since iDup completes at once. */
  public final Request getRequest() {
    return Request.completed(this);
  }

  public void setInfo(Info info) throws MPIException {
    this.info = info == null ? null : info.dup();
  }

  public Info getInfo() throws MPIException {
    return info == null ? new Info() : info.dup();
  }

  public static int createKeyval() throws MPIException {
    return NEXT_KEYVAL.getAndIncrement();
  }

  public static void freeKeyval(int keyval) throws MPIException {}

  public void setAttr(int keyval, Object value) throws MPIException {
    try {
      if (isPredefinedKey(keyval)) {
        throw new MPIException("attribute " + keyval + " is predefined and cannot be set");
      }
      synchronized (attributes) {
        attributes.put(keyval, value);
      }
    } catch (RuntimeException e) {
      throw error("setAttr", e);
    }
  }

  public Object getAttr(int keyval) throws MPIException {
    try {
      return attribute(keyval);
    } catch (RuntimeException e) {
      throw error("getAttr", e);
    }
  }

  public void deleteAttr(int keyval) throws MPIException {
    try {
      deleteAttribute(keyval);
    } catch (RuntimeException e) {
      throw error("deleteAttr", e);
    }
  }

  private static boolean isPredefinedKey(int keyval) {
    return keyval == MPI.TAG_UB || keyval == MPI.HOST || keyval == MPI.IO || keyval == MPI.WTIME_IS_GLOBAL;
  }

  private Object attribute(int keyval) {
    if (keyval == MPI.TAG_UB) {
      return TAG_UPPER_BOUND;
    }
    if (keyval == MPI.HOST) {
      return MPI.PROC_NULL;
    }
    if (keyval == MPI.IO) {
      return localRank();
    }
    if (keyval == MPI.WTIME_IS_GLOBAL) {
      return 0;
    }
    synchronized (attributes) {
      return attributes.get(keyval);
    }
  }

  private void deleteAttribute(int keyval) {
    synchronized (attributes) {
      attributes.remove(keyval);
    }
  }

  /** MPI.CART, MPI.GRAPH, MPI.DIST_GRAPH or MPI.UNDEFINED. */
  public int getTopology() throws MPIException {
    return topology();
  }

  /** Ends the whole job with {@code errorcode}, on every host. */
  public void abort(int errorcode) throws MPIException {
    Environment.abortJob(errorcode);
  }

  /** MPI.ERRORS_ARE_FATAL (the default) or MPI.ERRORS_RETURN (errors throw MPIException). */
  public void setErrhandler(Errhandler errhandler) throws MPIException {
    this.errhandler = errhandler;
  }

  public Errhandler getErrhandler() throws MPIException {
    return errhandler();
  }

  /** Raises error {@code errorCode} on this communicator, through its error handler. */
  public void callErrhandler(int errorCode) throws MPIException {
    throw error("callErrhandler", new MPIException("error code " + errorCode + " raised by the program"));
  }

  public void setName(String name) throws MPIException {
    this.name = name == null ? "" : name;
  }

  public String getName() throws MPIException {
    return name;
  }

  // ---------------------------------------------------------------- Open MPI: point to point

  public void send(Object buf, int count, Datatype type, int dest, int tag) throws MPIException {
    try {
      sendNow(Region.of(buf, 0, count, type), dest, tag, SendMode.STANDARD);
    } catch (RuntimeException e) {
      throw error("send", e);
    }
  }

  public void bSend(Object buf, int count, Datatype type, int dest, int tag) throws MPIException {
    try {
      startBsend(Region.of(buf, 0, count, type), dest, tag);
    } catch (RuntimeException e) {
      throw error("bSend", e);
    }
  }

  public void sSend(Object buf, int count, Datatype type, int dest, int tag) throws MPIException {
    try {
      sendNow(Region.of(buf, 0, count, type), dest, tag, SendMode.SYNCHRONOUS);
    } catch (RuntimeException e) {
      throw error("sSend", e);
    }
  }

  public void rSend(Object buf, int count, Datatype type, int dest, int tag) throws MPIException {
    try {
      sendNow(Region.of(buf, 0, count, type), dest, tag, SendMode.STANDARD);
    } catch (RuntimeException e) {
      throw error("rSend", e);
    }
  }

  public Status recv(Object buf, int count, Datatype type, int source, int tag) throws MPIException {
    try {
      return recvNow(Region.of(buf, 0, count, type), source, tag);
    } catch (RuntimeException e) {
      throw error("recv", e);
    }
  }

  public Status sendRecv(Object sendbuf, int sendcount, Datatype sendtype, int dest, int sendtag, Object recvbuf,
      int recvcount, Datatype recvtype, int source, int recvtag) throws MPIException {
    try {
      return sendRecvNow(Region.of(sendbuf, 0, sendcount, sendtype), dest, sendtag,
          Region.of(recvbuf, 0, recvcount, recvtype), source, recvtag);
    } catch (RuntimeException e) {
      throw error("sendRecv", e);
    }
  }

  public Status sendRecvReplace(Object buf, int count, Datatype type, int dest, int sendtag, int source, int recvtag)
      throws MPIException {
    try {
      return sendRecvReplaceNow(Region.of(buf, 0, count, type), dest, sendtag, source, recvtag);
    } catch (RuntimeException e) {
      throw error("sendRecvReplace", e);
    }
  }

  /** Non-blocking send; Open MPI wants a direct buffer, picluster takes any Buffer. */
  public Request iSend(Buffer buf, int count, Datatype type, int dest, int tag) throws MPIException {
    try {
      return request(startSend(Region.of(buf, 0, count, type), dest, tag, SendMode.STANDARD));
    } catch (RuntimeException e) {
      throw error("iSend", e);
    }
  }

  public Request ibSend(Buffer buf, int count, Datatype type, int dest, int tag) throws MPIException {
    try {
      return request(startBsend(Region.of(buf, 0, count, type), dest, tag));
    } catch (RuntimeException e) {
      throw error("ibSend", e);
    }
  }

  public Request isSend(Buffer buf, int count, Datatype type, int dest, int tag) throws MPIException {
    try {
      return request(startSend(Region.of(buf, 0, count, type), dest, tag, SendMode.SYNCHRONOUS));
    } catch (RuntimeException e) {
      throw error("isSend", e);
    }
  }

  public Request irSend(Buffer buf, int count, Datatype type, int dest, int tag) throws MPIException {
    try {
      return request(startSend(Region.of(buf, 0, count, type), dest, tag, SendMode.STANDARD));
    } catch (RuntimeException e) {
      throw error("irSend", e);
    }
  }

  public Request iRecv(Buffer buf, int count, Datatype type, int source, int tag) throws MPIException {
    try {
      return request(startRecv(Region.of(buf, 0, count, type), source, tag));
    } catch (RuntimeException e) {
      throw error("iRecv", e);
    }
  }

  public Prequest sendInit(Buffer buf, int count, Datatype type, int dest, int tag) throws MPIException {
    try {
      Region r = Region.of(buf, 0, count, type);
      return new Prequest(this, () -> startSend(r, dest, tag, SendMode.STANDARD));
    } catch (RuntimeException e) {
      throw error("sendInit", e);
    }
  }

  public Prequest bSendInit(Buffer buf, int count, Datatype type, int dest, int tag) throws MPIException {
    try {
      Region r = Region.of(buf, 0, count, type);
      return new Prequest(this, () -> startBsend(r, dest, tag));
    } catch (RuntimeException e) {
      throw error("bSendInit", e);
    }
  }

  public Prequest sSendInit(Buffer buf, int count, Datatype type, int dest, int tag) throws MPIException {
    try {
      Region r = Region.of(buf, 0, count, type);
      return new Prequest(this, () -> startSend(r, dest, tag, SendMode.SYNCHRONOUS));
    } catch (RuntimeException e) {
      throw error("sSendInit", e);
    }
  }

  public Prequest rSendInit(Buffer buf, int count, Datatype type, int dest, int tag) throws MPIException {
    try {
      Region r = Region.of(buf, 0, count, type);
      return new Prequest(this, () -> startSend(r, dest, tag, SendMode.STANDARD));
    } catch (RuntimeException e) {
      throw error("rSendInit", e);
    }
  }

  public Prequest recvInit(Buffer buf, int count, Datatype type, int source, int tag) throws MPIException {
    try {
      Region r = Region.of(buf, 0, count, type);
      return new Prequest(this, () -> startRecv(r, source, tag));
    } catch (RuntimeException e) {
      throw error("recvInit", e);
    }
  }

  public Status probe(int source, int tag) throws MPIException {
    try {
      return probeNow(source, tag);
    } catch (RuntimeException e) {
      throw error("probe", e);
    }
  }

  public Status iProbe(int source, int tag) throws MPIException {
    try {
      return iprobeNow(source, tag);
    } catch (RuntimeException e) {
      throw error("iProbe", e);
    }
  }

  public int pack(Object inbuf, int incount, Datatype type, byte[] outbuf, int position) throws MPIException {
    try {
      return packInto(Region.of(inbuf, 0, incount, type), outbuf, position);
    } catch (RuntimeException e) {
      throw error("pack", e);
    }
  }

  public int unpack(byte[] inbuf, int position, Object outbuf, int outcount, Datatype type) throws MPIException {
    try {
      return unpackFrom(inbuf, position, Region.of(outbuf, 0, outcount, type));
    } catch (RuntimeException e) {
      throw error("unpack", e);
    }
  }

  public int packSize(int incount, Datatype type) throws MPIException {
    try {
      return type.packSize(incount);
    } catch (RuntimeException e) {
      throw error("packSize", e);
    }
  }

  // ---------------------------------------------------------------- Open MPI: collectives

  /** Blocks until every rank has called it. */
  public void barrier() throws MPIException {
    try {
      Collectives.barrier(collectiveBase());
    } catch (RuntimeException e) {
      throw error("barrier", e);
    }
  }

  public void bcast(Object buf, int count, Datatype type, int root) throws MPIException {
    try {
      Collectives.bcast(collectiveBase(), Region.of(buf, 0, count, type), root);
    } catch (RuntimeException e) {
      throw error("bcast", e);
    }
  }

  public void gather(Object sendbuf, int sendcount, Datatype sendtype, Object recvbuf, int recvcount,
      Datatype recvtype, int root) throws MPIException {
    try {
      io.picluster.comm.Comm c = collectiveBase();
      Collectives.gather(c, Region.of(sendbuf, 0, sendcount, sendtype),
          atRoot(c, root) ? Region.of(recvbuf, 0, recvcount, recvtype) : null, null, null, root);
    } catch (RuntimeException e) {
      throw error("gather", e);
    }
  }

  /** In place: the root's own block is already in {@code buf}; other ranks send {@code count} items of {@code buf}. */
  public void gather(Object buf, int count, Datatype type, int root) throws MPIException {
    try {
      io.picluster.comm.Comm c = collectiveBase();
      boolean isRoot = atRoot(c, root);
      Region all = Region.of(buf, 0, count, type);
      Region send = isRoot ? all.at(Math.multiplyExact(root, count), count) : all;
      Collectives.gather(c, send, isRoot ? all : null, null, null, root);
    } catch (RuntimeException e) {
      throw error("gather", e);
    }
  }

  public void gatherv(Object sendbuf, int sendcount, Datatype sendtype, Object recvbuf, int[] recvcount,
      int[] displs, Datatype recvtype, int root) throws MPIException {
    try {
      io.picluster.comm.Comm c = collectiveBase();
      boolean isRoot = atRoot(c, root);
      Collectives.gather(c, Region.of(sendbuf, 0, sendcount, sendtype),
          isRoot ? Region.of(recvbuf, 0, 0, recvtype) : null, isRoot ? recvcount : null,
          isRoot ? displs : null, root);
    } catch (RuntimeException e) {
      throw error("gatherv", e);
    }
  }

  /** In place, at the root: its own block is already at {@code displs[root]} of {@code recvbuf}. */
  public void gatherv(Object recvbuf, int[] recvcount, int[] displs, Datatype recvtype, int root) throws MPIException {
    try {
      io.picluster.comm.Comm c = collectiveBase();
      Region all = Region.of(recvbuf, 0, 0, recvtype);
      int me = c.rank();
      requireRank(recvcount, displs, me, "gatherv");
      Collectives.gather(c, all.at(displs[me], recvcount[me]), all, recvcount, displs, root);
    } catch (RuntimeException e) {
      throw error("gatherv", e);
    }
  }

  /** In place, at a non-root rank: sends {@code sendcount} items of {@code sendbuf}. */
  public void gatherv(Object sendbuf, int sendcount, Datatype sendtype, int root) throws MPIException {
    try {
      Collectives.gather(collectiveBase(), Region.of(sendbuf, 0, sendcount, sendtype), null, null, null, root);
    } catch (RuntimeException e) {
      throw error("gatherv", e);
    }
  }

  public void scatter(Object sendbuf, int sendcount, Datatype sendtype, Object recvbuf, int recvcount,
      Datatype recvtype, int root) throws MPIException {
    try {
      io.picluster.comm.Comm c = collectiveBase();
      Collectives.scatter(c, atRoot(c, root) ? Region.of(sendbuf, 0, sendcount, sendtype) : null, null, null,
          Region.of(recvbuf, 0, recvcount, recvtype), root);
    } catch (RuntimeException e) {
      throw error("scatter", e);
    }
  }

  /** In place: the root keeps its own block in {@code buf}; other ranks receive {@code count} items into {@code buf}. */
  public void scatter(Object buf, int count, Datatype type, int root) throws MPIException {
    try {
      io.picluster.comm.Comm c = collectiveBase();
      boolean isRoot = atRoot(c, root);
      Region all = Region.of(buf, 0, count, type);
      Region recv = isRoot ? all.at(Math.multiplyExact(root, count), count) : all;
      Collectives.scatter(c, isRoot ? all : null, null, null, recv, root);
    } catch (RuntimeException e) {
      throw error("scatter", e);
    }
  }

  public void scatterv(Object sendbuf, int[] sendcount, int[] displs, Datatype sendtype, Object recvbuf,
      int recvcount, Datatype recvtype, int root) throws MPIException {
    try {
      io.picluster.comm.Comm c = collectiveBase();
      boolean isRoot = atRoot(c, root);
      Collectives.scatter(c, isRoot ? Region.of(sendbuf, 0, 0, sendtype) : null, isRoot ? sendcount : null,
          isRoot ? displs : null, Region.of(recvbuf, 0, recvcount, recvtype), root);
    } catch (RuntimeException e) {
      throw error("scatterv", e);
    }
  }

  /** In place, at the root: its own block stays at {@code displs[root]} of {@code sendbuf}. */
  public void scatterv(Object sendbuf, int[] sendcount, int[] displs, Datatype sendtype, int root) throws MPIException {
    try {
      io.picluster.comm.Comm c = collectiveBase();
      Region all = Region.of(sendbuf, 0, 0, sendtype);
      int me = c.rank();
      requireRank(sendcount, displs, me, "scatterv");
      Collectives.scatter(c, all, sendcount, displs, all.at(displs[me], sendcount[me]), root);
    } catch (RuntimeException e) {
      throw error("scatterv", e);
    }
  }

  /** In place, at a non-root rank: receives {@code recvcount} items into {@code recvbuf}. */
  public void scatterv(Object recvbuf, int recvcount, Datatype recvtype, int root) throws MPIException {
    try {
      Collectives.scatter(collectiveBase(), null, null, null, Region.of(recvbuf, 0, recvcount, recvtype), root);
    } catch (RuntimeException e) {
      throw error("scatterv", e);
    }
  }

  public void allGather(Object sendbuf, int sendcount, Datatype sendtype, Object recvbuf, int recvcount,
      Datatype recvtype) throws MPIException {
    try {
      Collectives.allgather(collectiveBase(), Region.of(sendbuf, 0, sendcount, sendtype),
          Region.of(recvbuf, 0, recvcount, recvtype), null, null);
    } catch (RuntimeException e) {
      throw error("allGather", e);
    }
  }

  /** In place: this rank's block is already at its place in {@code buf}. */
  public void allGather(Object buf, int count, Datatype type) throws MPIException {
    try {
      io.picluster.comm.Comm c = collectiveBase();
      Region all = Region.of(buf, 0, count, type);
      Collectives.allgather(c, all.at(Math.multiplyExact(c.rank(), count), count), all, null, null);
    } catch (RuntimeException e) {
      throw error("allGather", e);
    }
  }

  public void allGatherv(Object sendbuf, int sendcount, Datatype sendtype, Object recvbuf, int[] recvcount,
      int[] displs, Datatype recvtype) throws MPIException {
    try {
      Collectives.allgather(collectiveBase(), Region.of(sendbuf, 0, sendcount, sendtype),
          Region.of(recvbuf, 0, 0, recvtype), recvcount, displs);
    } catch (RuntimeException e) {
      throw error("allGatherv", e);
    }
  }

  /** In place: this rank's block is already at {@code displs[rank]} of {@code recvbuf}. */
  public void allGatherv(Object recvbuf, int[] recvcount, int[] displs, Datatype recvtype) throws MPIException {
    try {
      io.picluster.comm.Comm c = collectiveBase();
      Region all = Region.of(recvbuf, 0, 0, recvtype);
      requireRank(recvcount, displs, c.rank(), "allGatherv");
      Collectives.allgather(c, all.at(displs[c.rank()], recvcount[c.rank()]), all, recvcount, displs);
    } catch (RuntimeException e) {
      throw error("allGatherv", e);
    }
  }

  public void allToAll(Object sendbuf, int sendcount, Datatype sendtype, Object recvbuf, int recvcount,
      Datatype recvtype) throws MPIException {
    try {
      Collectives.alltoall(collectiveBase(), Region.of(sendbuf, 0, sendcount, sendtype), null, null,
          Region.of(recvbuf, 0, recvcount, recvtype), null, null);
    } catch (RuntimeException e) {
      throw error("allToAll", e);
    }
  }

  public void allToAllv(Object sendbuf, int[] sendcount, int[] sdispls, Datatype sendtype, Object recvbuf,
      int[] recvcount, int[] rdispls, Datatype recvtype) throws MPIException {
    try {
      Collectives.alltoall(collectiveBase(), Region.of(sendbuf, 0, 0, sendtype), sendcount, sdispls,
          Region.of(recvbuf, 0, 0, recvtype), recvcount, rdispls);
    } catch (RuntimeException e) {
      throw error("allToAllv", e);
    }
  }

  /** MPI_Alltoallw: per-peer counts, byte displacements and datatypes. */
  public void allToAllw(Object sendBuf, int[] sendCount, int[] sDispls, Datatype[] sendTypes, Object recvBuf,
      int[] recvCount, int[] rDispls, Datatype[] recvTypes) throws MPIException {
    try {
      Collectives.alltoallw(collectiveBase(), sendBuf, sendCount, sDispls, sendTypes, recvBuf, recvCount, rDispls,
          recvTypes);
    } catch (RuntimeException e) {
      throw error("allToAllw", e);
    }
  }

  /** Open MPI 4.1's signature of allToAllw (Buffers); the same operation. */
  public void allToAllw(Buffer sendBuf, int[] sendCount, int[] sDispls, Datatype[] sendTypes, Buffer recvBuf,
      int[] recvCount, int[] rDispls, Datatype[] recvTypes) throws MPIException {
    allToAllw((Object) sendBuf, sendCount, sDispls, sendTypes, (Object) recvBuf, recvCount, rDispls, recvTypes);
  }

  public void reduce(Object sendbuf, Object recvbuf, int count, Datatype type, Op op, int root) throws MPIException {
    try {
      io.picluster.comm.Comm c = collectiveBase();
      Collectives.reduce(c, Region.of(sendbuf, 0, count, type),
          atRoot(c, root) ? Region.of(recvbuf, 0, count, type) : null, op, root);
    } catch (RuntimeException e) {
      throw error("reduce", e);
    }
  }

  /** In place: {@code buf} is the contribution, and at the root also the result. */
  public void reduce(Object buf, int count, Datatype type, Op op, int root) throws MPIException {
    try {
      io.picluster.comm.Comm c = collectiveBase();
      Region r = Region.of(buf, 0, count, type);
      Collectives.reduce(c, copyOf(r), atRoot(c, root) ? r : null, op, root);
    } catch (RuntimeException e) {
      throw error("reduce", e);
    }
  }

  public void allReduce(Object sendbuf, Object recvbuf, int count, Datatype type, Op op) throws MPIException {
    try {
      Collectives.allreduce(collectiveBase(), Region.of(sendbuf, 0, count, type), Region.of(recvbuf, 0, count, type), op);
    } catch (RuntimeException e) {
      throw error("allReduce", e);
    }
  }

  /** In place: {@code buf} is the contribution and the result. */
  public void allReduce(Object buf, int count, Datatype type, Op op) throws MPIException {
    try {
      Region r = Region.of(buf, 0, count, type);
      Collectives.allreduce(collectiveBase(), copyOf(r), r, op);
    } catch (RuntimeException e) {
      throw error("allReduce", e);
    }
  }

  public void reduceScatter(Object sendbuf, Object recvbuf, int[] recvcounts, Datatype type, Op op) throws MPIException {
    try {
      Collectives.reduceScatter(collectiveBase(), Region.of(sendbuf, 0, 0, type), Region.of(recvbuf, 0, 0, type),
          recvcounts, op);
    } catch (RuntimeException e) {
      throw error("reduceScatter", e);
    }
  }

  /** In place: {@code buf} holds every rank's full contribution; this rank's block lands at its start. */
  public void reduceScatter(Object buf, int[] counts, Datatype type, Op op) throws MPIException {
    try {
      Region r = Region.of(buf, 0, 0, type);
      Collectives.reduceScatter(collectiveBase(), copyOf(r.at(0, sum(counts))), r, counts, op);
    } catch (RuntimeException e) {
      throw error("reduceScatter", e);
    }
  }

  public void reduceScatterBlock(Object sendbuf, Object recvbuf, int recvcount, Datatype type, Op op) throws MPIException {
    try {
      io.picluster.comm.Comm c = collectiveBase();
      Collectives.reduceScatter(c, Region.of(sendbuf, 0, 0, type), Region.of(recvbuf, 0, 0, type),
          uniform(c.size(), recvcount), op);
    } catch (RuntimeException e) {
      throw error("reduceScatterBlock", e);
    }
  }

  public void reduceScatterBlock(Object buf, int count, Datatype type, Op op) throws MPIException {
    try {
      io.picluster.comm.Comm c = collectiveBase();
      int[] counts = uniform(c.size(), count);
      Region r = Region.of(buf, 0, 0, type);
      Collectives.reduceScatter(c, copyOf(r.at(0, sum(counts))), r, counts, op);
    } catch (RuntimeException e) {
      throw error("reduceScatterBlock", e);
    }
  }

  /** inoutbuf = inbuf op inoutbuf, locally. */
  public static void reduceLocal(Object inbuf, Object inoutbuf, int count, Datatype datatype, Op op) throws MPIException {
    try {
      Collectives.reduceLocal(Region.of(inbuf, 0, count, datatype), Region.of(inoutbuf, 0, count, datatype), op);
    } catch (RuntimeException e) {
      throw Errors.handle(MPI.COMM_WORLD, "reduceLocal", e);
    }
  }

  // Non-blocking collectives: done at once, the request they return is complete.

  public Request iBarrier() throws MPIException {
    barrier();
    return Request.completed(this);
  }

  public Request iBcast(Buffer buf, int count, Datatype type, int root) throws MPIException {
    bcast(buf, count, type, root);
    return Request.completed(this);
  }

  public Request iGather(Buffer sendbuf, int sendcount, Datatype sendtype, Buffer recvbuf, int recvcount,
      Datatype recvtype, int root) throws MPIException {
    gather(sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype, root);
    return Request.completed(this);
  }

  public Request iGather(Buffer buf, int count, Datatype type, int root) throws MPIException {
    gather(buf, count, type, root);
    return Request.completed(this);
  }

  public Request iGatherv(Buffer sendbuf, int sendcount, Datatype sendtype, Buffer recvbuf, int[] recvcount,
      int[] displs, Datatype recvtype, int root) throws MPIException {
    gatherv(sendbuf, sendcount, sendtype, recvbuf, recvcount, displs, recvtype, root);
    return Request.completed(this);
  }

  public Request iGatherv(Buffer recvbuf, int[] recvcount, int[] displs, Datatype recvtype, int root)
      throws MPIException {
    gatherv(recvbuf, recvcount, displs, recvtype, root);
    return Request.completed(this);
  }

  public Request iGatherv(Buffer sendbuf, int sendcount, Datatype sendtype, int root) throws MPIException {
    gatherv(sendbuf, sendcount, sendtype, root);
    return Request.completed(this);
  }

  public Request iScatter(Buffer sendbuf, int sendcount, Datatype sendtype, Buffer recvbuf, int recvcount,
      Datatype recvtype, int root) throws MPIException {
    scatter(sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype, root);
    return Request.completed(this);
  }

  public Request iScatter(Buffer buf, int count, Datatype type, int root) throws MPIException {
    scatter(buf, count, type, root);
    return Request.completed(this);
  }

  public Request iScatterv(Buffer sendbuf, int[] sendcount, int[] displs, Datatype sendtype, Buffer recvbuf,
      int recvcount, Datatype recvtype, int root) throws MPIException {
    scatterv(sendbuf, sendcount, displs, sendtype, recvbuf, recvcount, recvtype, root);
    return Request.completed(this);
  }

  public Request iScatterv(Buffer buf, int[] sendcount, int[] displs, Datatype type, int root) throws MPIException {
    scatterv(buf, sendcount, displs, type, root);
    return Request.completed(this);
  }

  public Request iScatterv(Buffer recvbuf, int recvcount, Datatype recvtype, int root) throws MPIException {
    scatterv(recvbuf, recvcount, recvtype, root);
    return Request.completed(this);
  }

  public Request iAllGather(Buffer sendbuf, int sendcount, Datatype sendtype, Buffer recvbuf, int recvcount,
      Datatype recvtype) throws MPIException {
    allGather(sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype);
    return Request.completed(this);
  }

  public Request iAllGather(Buffer buf, int count, Datatype type) throws MPIException {
    allGather(buf, count, type);
    return Request.completed(this);
  }

  public Request iAllGatherv(Buffer sendbuf, int sendcount, Datatype sendtype, Buffer recvbuf, int[] recvcount,
      int[] displs, Datatype recvtype) throws MPIException {
    allGatherv(sendbuf, sendcount, sendtype, recvbuf, recvcount, displs, recvtype);
    return Request.completed(this);
  }

  public Request iAllGatherv(Buffer buf, int[] count, int[] displs, Datatype type) throws MPIException {
    allGatherv(buf, count, displs, type);
    return Request.completed(this);
  }

  public Request iAllToAll(Buffer sendbuf, int sendcount, Datatype sendtype, Buffer recvbuf, int recvcount,
      Datatype recvtype) throws MPIException {
    allToAll(sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype);
    return Request.completed(this);
  }

  public Request iAllToAllv(Buffer sendbuf, int[] sendcount, int[] sdispls, Datatype sendtype, Buffer recvbuf,
      int[] recvcount, int[] rdispls, Datatype recvtype) throws MPIException {
    allToAllv(sendbuf, sendcount, sdispls, sendtype, recvbuf, recvcount, rdispls, recvtype);
    return Request.completed(this);
  }

  public Request iAllToAllw(Buffer sendBuf, int[] sendCount, int[] sDispls, Datatype[] sendTypes, Buffer recvBuf,
      int[] recvCount, int[] rDispls, Datatype[] recvTypes) throws MPIException {
    allToAllw((Object) sendBuf, sendCount, sDispls, sendTypes, (Object) recvBuf, recvCount, rDispls, recvTypes);
    return Request.completed(this);
  }

  public Request iReduce(Buffer sendbuf, Buffer recvbuf, int count, Datatype type, Op op, int root) throws MPIException {
    reduce(sendbuf, recvbuf, count, type, op, root);
    return Request.completed(this);
  }

  public Request iReduce(Buffer buf, int count, Datatype type, Op op, int root) throws MPIException {
    reduce(buf, count, type, op, root);
    return Request.completed(this);
  }

  public Request iAllReduce(Buffer sendbuf, Buffer recvbuf, int count, Datatype type, Op op) throws MPIException {
    allReduce(sendbuf, recvbuf, count, type, op);
    return Request.completed(this);
  }

  public Request iAllReduce(Buffer buf, int count, Datatype type, Op op) throws MPIException {
    allReduce(buf, count, type, op);
    return Request.completed(this);
  }

  public Request iReduceScatter(Buffer sendbuf, Buffer recvbuf, int[] recvcounts, Datatype type, Op op)
      throws MPIException {
    reduceScatter(sendbuf, recvbuf, recvcounts, type, op);
    return Request.completed(this);
  }

  public Request iReduceScatter(Buffer buf, int[] counts, Datatype type, Op op) throws MPIException {
    reduceScatter(buf, counts, type, op);
    return Request.completed(this);
  }

  public Request iReduceScatterBlock(Buffer sendbuf, Buffer recvbuf, int recvcount, Datatype type, Op op)
      throws MPIException {
    reduceScatterBlock(sendbuf, recvbuf, recvcount, type, op);
    return Request.completed(this);
  }

  public Request iReduceScatterBlock(Buffer buf, int count, Datatype type, Op op) throws MPIException {
    reduceScatterBlock(buf, count, type, op);
    return Request.completed(this);
  }

  // Neighbourhood collectives: on communicators with a topology (Cartcomm, Graphcomm).

  public void neighborAllGather(Object sendbuf, int sendcount, Datatype sendtype, Object recvbuf, int recvcount,
      Datatype recvtype) throws MPIException {
    try {
      Neighbours.allGather(this, Region.of(sendbuf, 0, sendcount, sendtype), Region.of(recvbuf, 0, recvcount, recvtype),
          null, null);
    } catch (RuntimeException e) {
      throw error("neighborAllGather", e);
    }
  }

  public void neighborAllGatherv(Object sendbuf, int sendcount, Datatype sendtype, Object recvbuf, int[] recvcount,
      int[] displs, Datatype recvtype) throws MPIException {
    try {
      Neighbours.allGather(this, Region.of(sendbuf, 0, sendcount, sendtype), Region.of(recvbuf, 0, 0, recvtype),
          recvcount, displs);
    } catch (RuntimeException e) {
      throw error("neighborAllGatherv", e);
    }
  }

  public void neighborAllToAll(Object sendbuf, int sendcount, Datatype sendtype, Object recvbuf, int recvcount,
      Datatype recvtype) throws MPIException {
    try {
      Neighbours.allToAll(this, Region.of(sendbuf, 0, sendcount, sendtype), null, null,
          Region.of(recvbuf, 0, recvcount, recvtype), null, null);
    } catch (RuntimeException e) {
      throw error("neighborAllToAll", e);
    }
  }

  public void neighborAllToAllv(Object sendbuf, int[] sendcount, int[] sdispls, Datatype sendtype, Object recvbuf,
      int[] recvcount, int[] rdispls, Datatype recvtype) throws MPIException {
    try {
      Neighbours.allToAll(this, Region.of(sendbuf, 0, 0, sendtype), sendcount, sdispls,
          Region.of(recvbuf, 0, 0, recvtype), recvcount, rdispls);
    } catch (RuntimeException e) {
      throw error("neighborAllToAllv", e);
    }
  }

  public Request iNeighborAllGather(Buffer sendbuf, int sendcount, Datatype sendtype, Buffer recvbuf, int recvcount,
      Datatype recvtype) throws MPIException {
    neighborAllGather(sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype);
    return Request.completed(this);
  }

  public Request iNeighborAllGatherv(Buffer sendbuf, int sendcount, Datatype sendtype, Buffer recvbuf,
      int[] recvcount, int[] displs, Datatype recvtype) throws MPIException {
    neighborAllGatherv(sendbuf, sendcount, sendtype, recvbuf, recvcount, displs, recvtype);
    return Request.completed(this);
  }

  public Request iNeighborAllToAll(Buffer sendbuf, int sendcount, Datatype sendtype, Buffer recvbuf, int recvcount,
      Datatype recvtype) throws MPIException {
    neighborAllToAll(sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype);
    return Request.completed(this);
  }

  public Request iNeighborAllToAllv(Buffer sendbuf, int[] sendcount, int[] sdispls, Datatype sendtype, Buffer recvbuf,
      int[] recvcount, int[] rdispls, Datatype recvtype) throws MPIException {
    neighborAllToAllv(sendbuf, sendcount, sdispls, sendtype, recvbuf, recvcount, rdispls, recvtype);
    return Request.completed(this);
  }

  /** The ranks this rank receives from and sends to in neighbourhood collectives; topologies override. */
  Neighbourhood neighbourhood() {
    throw new MPIException("neighbourhood collectives need a communicator with a topology (createCart, "
        + "createGraph, createDistGraph)");
  }

  /** A private duplicate for neighbourhood collectives, made by the first one (they are collective too). */
  final synchronized Intracomm neighbourChannel() {
    if (neighbourChannel == null) {
      neighbourChannel = new Intracomm(base().dup());
    }
    return neighbourChannel;
  }

  // ---------------------------------------------------------------- small helpers

  static boolean atRoot(io.picluster.comm.Comm c, int root) {
    return c.rank() == root;
  }

  /** A packed copy of a region: the send side of an in-place reduction. */
  static Region copyOf(Region r) {
    return r.packedCopy();
  }

  static int[] uniform(int ranks, int count) {
    int[] counts = new int[ranks];
    java.util.Arrays.fill(counts, count);
    return counts;
  }

  static int sum(int[] counts) {
    int total = 0;
    for (int c : counts) {
      total = Math.addExact(total, c);
    }
    return total;
  }

  private static void requireRank(int[] counts, int[] displs, int rank, String what) {
    if (counts == null || displs == null || counts.length <= rank || displs.length <= rank) {
      throw new MPIException(what + " needs counts and displacements with one entry per rank");
    }
  }

  @Override
  public String toString() {
    io.picluster.comm.Comm b = base;
    return (name.isEmpty() ? getClass().getSimpleName() : name)
        + (b == null ? " (null)" : " (rank " + b.rank() + " of " + b.size() + ")");
  }
}
