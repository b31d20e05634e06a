package mpi;

import io.picluster.comm.SendMode;

/**
 * An intercommunicator: two disjoint groups, made by Create_intercomm/createIntercomm. Point-to-point
 * calls address the remote group's ranks; Merge/merge makes one intracommunicator of both.
 * Collective operations on intercommunicators are not supported (they throw MPIException).
 */
public final class Intercomm extends Comm {
  private volatile io.picluster.comm.InterComm inter;

  /** A null intercommunicator (getParent of a process that was not spawned). */
  Intercomm() {}

  Intercomm(io.picluster.comm.InterComm inter) {
    this.inter = inter;
  }

  /** MPI_Intercomm_create over {@code local}, whose leader reaches the remote leader through {@code peer}. */
  static Intercomm create(io.picluster.comm.Comm local, int localLeader, io.picluster.comm.Comm peer,
      int remoteLeader, int tag) {
    return new Intercomm(local.createIntercomm(localLeader, peer, remoteLeader, tag));
  }

  io.picluster.comm.InterComm inter() {
    io.picluster.comm.InterComm i = inter;
    if (i == null) {
      throw new MPIException(MPI.ERR_COMM, "this intercommunicator is null (freed, or MPI_COMM_NULL)");
    }
    return i;
  }

  @Override
  boolean isInterBound() {
    return inter != null;
  }

  @Override
  io.picluster.comm.Comm collectiveBase() {
    inter();
    throw new MPIException(MPI.ERR_UNSUPPORTED_OPERATION,
        "collective operations other than barrier are not supported on an intercommunicator; merge it into an "
            + "intracommunicator first");
  }

  @Override
  void collectiveBarrierIfIntra() {
    inter();
  }

  @Override
  Comm duplicate() {
    return inherit(new Intercomm(inter().dup()));
  }

  @Override
  int localRank() {
    return inter().rank();
  }

  @Override
  int localSize() {
    return inter().size();
  }

  @Override
  Group localGroup() {
    io.picluster.comm.InterComm i = inter();
    return new Group(i.worldRanks(), i.worldRank());
  }

  Group remoteGroup() {
    io.picluster.comm.InterComm i = inter();
    return new Group(i.remoteWorldRanks(), i.worldRank());
  }

  @Override
  io.picluster.comm.Request<Void> sendArray(Object array, int offset, int count, int dest, int tag, SendMode mode) {
    return inter().isendArray(array, offset, count, dest, tag, mode);
  }

  @Override
  io.picluster.comm.Request<Void> sendObject(Object value, int dest, int tag, SendMode mode) {
    return inter().isendObject(value, dest, tag, mode);
  }

  @Override
  io.picluster.comm.Request<io.picluster.comm.Status> recvArray(Object array, int offset, int count, int source, int tag) {
    return inter().irecvArray(array, offset, count, source, tag);
  }

  @Override
  void sendArrayNow(Object array, int offset, int count, int dest, int tag, SendMode mode) {
    inter().sendArray(array, offset, count, dest, tag, mode);
  }

  @Override
  io.picluster.comm.Status recvArrayNow(Object array, int offset, int count, int source, int tag) {
    return inter().recvArray(array, offset, count, source, tag);
  }

  @Override
  io.picluster.comm.Request<Object> recvObject(int source, int tag) {
    return inter().irecv(source, tag);
  }

  @Override
  io.picluster.comm.Status probeMessage(int source, int tag) {
    return inter().probe(source, tag);
  }

  @Override
  io.picluster.comm.Status iprobeMessage(int source, int tag) {
    return inter().iprobe(source, tag);
  }

  /** Waits until every rank of both groups has called it (the one intercommunicator collective supported). */
  @Override
  public void barrier() throws MPIException {
    try {
      inter().barrier();
    } catch (RuntimeException e) {
      throw error("barrier", e);
    }
  }

  @Override
  public boolean Test_inter() throws MPIException {
    return true;
  }

  @Override
  public Intercomm clone() {
    return (Intercomm) super.clone();
  }

  // ---------------------------------------------------------------- MPJ Express

  /** Number of ranks in the remote group. */
  public int Remote_size() throws MPIException {
    try {
      return inter().remoteSize();
    } catch (RuntimeException e) {
      throw error("Remote_size", e);
    }
  }

  public Group Remote_group() throws MPIException {
    try {
      return remoteGroup();
    } catch (RuntimeException e) {
      throw error("Remote_group", e);
    }
  }

  /** One intracommunicator of both groups; the group passing {@code high} true comes second. */
  public Intracomm Merge(boolean high) throws MPIException {
    try {
      return inherit(new Intracomm(inter().merge(high)));
    } catch (RuntimeException e) {
      throw error("Merge", e);
    }
  }

  // ---------------------------------------------------------------- Open MPI

  public int getRemoteSize() throws MPIException {
    try {
      return inter().remoteSize();
    } catch (RuntimeException e) {
      throw error("getRemoteSize", e);
    }
  }

  public Group getRemoteGroup() throws MPIException {
    try {
      return remoteGroup();
    } catch (RuntimeException e) {
      throw error("getRemoteGroup", e);
    }
  }

  public Intracomm merge(boolean high) throws MPIException {
    try {
      return inherit(new Intracomm(inter().merge(high)));
    } catch (RuntimeException e) {
      throw error("merge", e);
    }
  }

  @Override
  public Intercomm dup() throws MPIException {
    return (Intercomm) super.dup();
  }

  @Override
  public Intercomm iDup() throws MPIException {
    return (Intercomm) super.iDup();
  }

  @Override
  public Intercomm dupWithInfo(Info info) throws MPIException {
    return (Intercomm) super.dupWithInfo(info);
  }

  /** The intercommunicator to the parent of a spawned process: null here, as picluster spawns none. */
  public static Intercomm getParent() throws MPIException {
    return new Intercomm();
  }

  @Override
  void release() {
    inter = null;
  }
}
