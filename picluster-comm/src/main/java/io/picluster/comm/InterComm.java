package io.picluster.comm;

import io.picluster.comm.internal.ElementType;
import io.picluster.comm.internal.Group;
import io.picluster.comm.internal.GroupIds;
import io.picluster.comm.internal.Messages;
import io.picluster.comm.internal.Pending;
import io.picluster.comm.internal.World;

/**
 * An intercommunicator: two disjoint groups of ranks, where each rank sends to and receives from
 * the other group (MPI_Intercomm_create). Ranks given to point-to-point calls are ranks of the
 * remote group; {@link #rank()} and {@link #size()} are of the local group. Made by
 * {@link Comm#createIntercomm}; {@link #merge} turns it into an ordinary communicator.
 *
 * <p>Collective operations across the two groups are not offered, apart from {@link #barrier()}.
 */
public final class InterComm {
  /** Tags of the leaders' exchanges, in the intercommunicator's own control context. */
  private static final int DUP = 1;
  private static final int MERGE = 2;
  private static final int BARRIER = 3;

  private final World world;
  private final GroupIds groupIds;
  private final Group local;
  private final Group remote;
  private final PointToPoint p2p;
  /** The local group alone, for agreeing among ourselves before the leaders talk. */
  private final Comm localComm;
  /** Local rank 0 to remote rank 0 and back. */
  private final Messages leaders;

  /**
   * Uses the group ids {@code id} (messages between the groups) and {@code id + 1} (the local
   * group's own traffic); both must be new to every member of both groups.
   */
  InterComm(World world, GroupIds groupIds, Group local, Group remote, int id) {
    this.world = world;
    this.groupIds = groupIds;
    this.local = new Group(local.engine(), id, local.worldRanks());
    this.remote = new Group(local.engine(), id, remote.worldRanks());
    this.p2p = new PointToPoint(this.remote, this.remote.pointToPointContext(), "the remote group");
    this.localComm = new Comm(world, groupIds, new Group(local.engine(), id + 1, local.worldRanks()));
    this.leaders = new Messages(this.remote, this.remote.collectiveContext());
  }

  /** This rank's number in the local group. */
  public int rank() {
    return local.rank();
  }

  /** How many ranks the local group has. */
  public int size() {
    return local.size();
  }

  /** How many ranks the remote group has. */
  public int remoteSize() {
    return remote.size();
  }

  /** The job-wide rank of each member of the local group, in its order (a copy). */
  public int[] worldRanks() {
    return local.worldRanks();
  }

  /** The job-wide rank of each member of the remote group, in its order (a copy). */
  public int[] remoteWorldRanks() {
    return remote.worldRanks();
  }

  /** This process's job-wide rank. */
  public int worldRank() {
    return local.engine().rank();
  }

  // ---------------------------------------------------------------- point to point, to the remote group

  /** Sends any value to rank {@code dest} of the remote group. */
  public void send(Object value, int dest, int tag) {
    isend(value, dest, tag).await();
  }

  public Request<Void> isend(Object value, int dest, int tag) {
    return p2p.isendObject(value, dest, tag, SendMode.STANDARD);
  }

  public void sendObject(Object value, int dest, int tag, SendMode mode) {
    isendObject(value, dest, tag, mode).await();
  }

  public Request<Void> isendObject(Object value, int dest, int tag, SendMode mode) {
    return p2p.isendObject(value, dest, tag, mode);
  }

  /** Receives a value from rank {@code source} of the remote group (or {@link Comm#ANY_SOURCE}). */
  public <T> T recv(int source, int tag) {
    return this.<T>irecv(source, tag).await();
  }

  public <T> Received<T> recvWithStatus(int source, int tag) {
    Request<T> request = irecv(source, tag);
    return new Received<>(request.await(), request.status());
  }

  public <T> Request<T> irecv(int source, int tag) {
    return p2p.irecv(source, tag);
  }

  /** Sends {@code count} elements of any primitive array to rank {@code dest} of the remote group. */
  public void sendArray(Object buf, int offset, int count, int dest, int tag, SendMode mode) {
    p2p.sendArray(buf, offset, count, dest, tag, mode);
  }

  public Request<Void> isendArray(Object buf, int offset, int count, int dest, int tag, SendMode mode) {
    return p2p.isendArray(buf, offset, count, dest, tag, mode);
  }

  /** Receives at most {@code count} elements into any primitive array from the remote group. */
  public Status recvArray(Object buf, int offset, int count, int source, int tag) {
    return p2p.recvArray(buf, offset, count, source, tag);
  }

  public Request<Status> irecvArray(Object buf, int offset, int count, int source, int tag) {
    return p2p.irecvArray(buf, offset, count, source, tag);
  }

  /** Waits until a matching message from the remote group has arrived; its status's source is a remote rank. */
  public Status probe(int source, int tag) {
    return p2p.probe(source, tag);
  }

  /** Like {@link #probe}, without waiting: null when no such message has arrived yet. */
  public Status iprobe(int source, int tag) {
    return p2p.iprobe(source, tag);
  }

  // ---------------------------------------------------------------- collective over both groups

  /** Waits until every rank of both groups has called it. */
  public void barrier() {
    localComm.barrier();
    if (rank() == 0) {
      exchangeWithRemoteLeader(0, BARRIER);
    }
    localComm.barrier();
  }

  /**
   * A new intercommunicator with the same groups, whose messages never mix with this one's
   * (MPI_Comm_dup). Every rank of both groups must call it.
   */
  public InterComm dup() {
    int id = agreeOnNewId(DUP, 0)[0];
    groupIds.take(id + 1);
    return new InterComm(world, groupIds, local, remote, id);
  }

  /**
   * One communicator of both groups (MPI_Intercomm_merge): the group that passes {@code high} false
   * comes first; if both pass the same, the group holding the lower job-wide rank 0 comes first.
   * Every rank of both groups must call it, all ranks of a group with the same {@code high}.
   */
  public Comm merge(boolean high) {
    int[] agreed = agreeOnNewId(MERGE, high ? 1 : 0); // {id, the remote group's high}
    int id = agreed[0];
    boolean remoteHigh = agreed[1] == 1;
    groupIds.take(id);
    boolean localFirst = high != remoteHigh ? !high : local.worldRank(0) < remote.worldRank(0);
    Group first = localFirst ? local : remote;
    Group second = localFirst ? remote : local;
    int[] ranks = new int[first.size() + second.size()];
    System.arraycopy(first.worldRanks(), 0, ranks, 0, first.size());
    System.arraycopy(second.worldRanks(), 0, ranks, first.size(), second.size());
    return new Comm(world, groupIds, new Group(local.engine(), id, ranks));
  }

  /**
   * A group id new to every rank of both groups: each group's largest proposal meets the other's
   * through the leaders, who also swap {@code value} (the local leader's is used). Returns {id,
   * the remote group's value} on every rank.
   */
  private int[] agreeOnNewId(int tag, int value) {
    Integer localMax = localComm.reduce(groupIds.propose(), Op.MAX, 0);
    int[] agreed = null;
    if (rank() == 0) {
      long theirs = exchangeWithRemoteLeader(((long) localMax << 32) | value, tag);
      agreed = new int[] {Math.max(localMax, (int) (theirs >>> 32)), (int) theirs};
    }
    return localComm.bcast(agreed, 0);
  }

  /** The local leader (rank 0) sends {@code mine} to the remote leader and returns what it sent. */
  private long exchangeWithRemoteLeader(long mine, int tag) {
    long[] in = new long[1];
    Pending sent = leaders.sendArray(ElementType.LONG, new long[] {mine}, 0, 1, 0, tag);
    Pending received = leaders.receiveArray(ElementType.LONG, in, 0, 1, 0, tag);
    received.await();
    sent.await();
    return in[0];
  }

  @Override
  public String toString() {
    return "InterComm(rank " + rank() + " of " + size() + ", remote group of " + remoteSize() + ")";
  }
}
