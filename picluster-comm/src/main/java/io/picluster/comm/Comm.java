package io.picluster.comm;

import io.picluster.comm.internal.Collectives;
import io.picluster.comm.internal.ElementType;
import io.picluster.comm.internal.Group;
import io.picluster.comm.internal.GroupIds;
import io.picluster.comm.internal.HostName;
import io.picluster.comm.internal.Messages;
import io.picluster.comm.internal.ObjectCodec;
import io.picluster.comm.internal.Pending;
import io.picluster.comm.internal.RawMessage;
import io.picluster.comm.internal.World;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A communicator: a group of ranks that exchange messages. {@link #world()} is every rank of the
 * job; {@link #split} makes smaller ones.
 *
 * <p>Two layers, as in mpi4py. The object layer sends any value ({@code send(obj, dest, tag)},
 * {@code T recv(source, tag)}, {@code bcast}, {@code gather} returning a list...), serializing it;
 * boxed numbers, strings and primitive arrays take a fast path. The array layer moves
 * {@code byte[] int[] long[] double[]} regions given by offset and count, copied but never
 * serialized, and received straight into the caller's array; its {@code ...Array} methods take any
 * primitive array ({@code char[] short[] float[] boolean[]} too) as an {@code Object}.
 *
 * <p>Messages from one rank to another on one communicator and tag arrive in the order sent.
 * Collectives must be called by every rank of the communicator, in the same order.
 */
public final class Comm {
  /** Receive from any rank. */
  public static final int ANY_SOURCE = Messages.ANY;
  /** Receive with any tag. */
  public static final int ANY_TAG = Messages.ANY;
  /** The colour for {@link #split} that puts a rank in no new communicator. */
  public static final int UNDEFINED = -1;

  private static Comm worldComm;

  private final World world;
  private final GroupIds groupIds;
  private final Group group;
  private final PointToPoint p2p;
  private final Collectives collectives;
  private final ArrayCollectives arrays;

  /** @param world the job, for {@link #abort}; null in tests that make their own engines */
  Comm(World world, GroupIds groupIds, Group group) {
    this.world = world;
    this.groupIds = groupIds;
    this.group = group;
    this.p2p = new PointToPoint(group, group.pointToPointContext(), "this communicator");
    this.collectives = new Collectives(group);
    this.arrays = new ArrayCollectives(group, collectives);
  }

  /**
   * Every rank of the job. The first call joins it: through the launcher that started this process
   * (picluster, or MPICH's {@code mpiexec -pmi-port}), or as a world of one rank without one.
   */
  public static synchronized Comm world() {
    if (worldComm == null) {
      World world = World.get();
      worldComm = new Comm(world, world.groupIds(), world.group());
    }
    return worldComm;
  }

  /** This rank's number in the communicator, from 0. */
  public int rank() {
    return group.rank();
  }

  /** How many ranks the communicator has. */
  public int size() {
    return group.size();
  }

  /** Seconds since an arbitrary fixed moment, with nanosecond resolution: for timing. */
  public static double wtime() {
    return System.nanoTime() / 1e9;
  }

  /** The name of the host this rank runs on, as {@code hostname} prints it (MPI_Get_processor_name). */
  public static String processorName() {
    return HostName.get();
  }

  /** The resolution of {@link #wtime()} in seconds. */
  public static double wtick() {
    return 1e-9;
  }

  /** Ends the whole job at once with {@code code}, on every host. */
  public void abort(int code) {
    world.abort(code);
  }

  // ---------------------------------------------------------------- object layer: point to point

  /** Sends any value to rank {@code dest}; returns once the value is on its way. */
  public void send(Object value, int dest, int tag) {
    isend(value, dest, tag).await();
  }

  /** Sends any value; with {@link SendMode#SYNCHRONOUS} returns once the receiver has matched it. */
  public void sendObject(Object value, int dest, int tag, SendMode mode) {
    isendObject(value, dest, tag, mode).await();
  }

  /** Starts sending a value; the value is serialized before this returns. */
  public Request<Void> isend(Object value, int dest, int tag) {
    return p2p.isendObject(value, dest, tag, SendMode.STANDARD);
  }

  /**
   * Starts sending a value, serialized before this returns; the request is done once the value is
   * on its way ({@link SendMode#STANDARD}) or once the receiver has matched it ({@code SYNCHRONOUS}).
   */
  public Request<Void> isendObject(Object value, int dest, int tag, SendMode mode) {
    return p2p.isendObject(value, dest, tag, mode);
  }

  /** Receives a value sent with {@link #send(Object, int, int)} (or an array, as a new array). */
  public <T> T recv(int source, int tag) {
    return this.<T>irecv(source, tag).await();
  }

  /** Receives a value and says who sent it with which tag. */
  public <T> Received<T> recvWithStatus(int source, int tag) {
    Request<T> request = irecv(source, tag);
    return new Received<>(request.await(), request.status());
  }

  /** Starts receiving a value; {@link Request#await()} returns it. */
  public <T> Request<T> irecv(int source, int tag) {
    return p2p.irecv(source, tag);
  }

  /**
   * Waits, making progress, until a message that {@code recv(source, tag)} would take has arrived
   * (at least its header), and says what it is: source, tag, element type and count. The message
   * stays to be received. {@link #ANY_SOURCE} and {@link #ANY_TAG} are allowed.
   */
  public Status probe(int source, int tag) {
    return p2p.probe(source, tag);
  }

  /** Like {@link #probe} but without waiting: null when no such message has arrived yet. */
  public Status iprobe(int source, int tag) {
    return p2p.iprobe(source, tag);
  }

  // ---------------------------------------------------------------- object layer: collectives

  /** Waits until every rank has called it. */
  public void barrier() {
    collectives.barrier();
  }

  /** The root's value, on every rank. */
  @SuppressWarnings("unchecked")
  public <T> T bcast(T value, int root) {
    checkRank(root, "root");
    RawMessage sent = collectives.broadcast(rank() == root ? RawMessage.of(value) : null, root);
    return rank() == root ? value : (T) sent.decode();
  }

  /** Gives item i of the root's list (one per rank) to rank i; the list is read at the root only. */
  public <T> T scatter(List<T> items, int root) {
    checkRank(root, "root");
    List<byte[]> blocks = null;
    if (rank() == root) {
      if (items == null || items.size() != size()) {
        throw new IllegalArgumentException("scatter needs one item per rank at the root: " + size()
            + " items, got " + (items == null ? "null" : items.size()));
      }
      blocks = new ArrayList<>(size());
      for (T item : items) {
        blocks.add(ObjectCodec.encode(item));
      }
    }
    return decode(collectives.scatter(blocks, root));
  }

  /** Every rank's value in rank order at the root; null on the other ranks. */
  public <T> List<T> gather(T value, int root) {
    checkRank(root, "root");
    List<byte[]> blocks = collectives.gather(ObjectCodec.encode(value), root);
    return blocks == null ? null : decodeAll(blocks);
  }

  /** Every rank's value in rank order, on every rank. */
  public <T> List<T> allgather(T value) {
    return decodeAll(collectives.allgather(ObjectCodec.encode(value)));
  }

  /** Item j of this rank's list goes to rank j; returns what each rank sent this one, in rank order. */
  public <T> List<T> alltoall(List<T> items) {
    if (items == null || items.size() != size()) {
      throw new IllegalArgumentException("alltoall needs one item per rank: " + size() + " items, got "
          + (items == null ? "null" : items.size()));
    }
    List<byte[]> blocks = new ArrayList<>(size());
    for (T item : items) {
      blocks.add(ObjectCodec.encode(item));
    }
    return decodeAll(collectives.alltoall(blocks));
  }

  /** Every rank's value combined with {@code op}, at the root; null on the other ranks. */
  @SuppressWarnings("unchecked")
  public <T> T reduce(T value, Op op, int root) {
    checkRank(root, "root");
    return (T) collectives.reduce(value, root, op.commutative(), OBJECTS, op.onObjects);
  }

  /** Every rank's value combined with {@code op}, on every rank. */
  @SuppressWarnings("unchecked")
  public <T> T allreduce(T value, Op op) {
    return (T) collectives.allreduce(value, OBJECTS, op.onObjects);
  }

  /** Inclusive prefix reduction: rank i gets the values of ranks 0..i combined with {@code op}, in rank order. */
  @SuppressWarnings("unchecked")
  public <T> T scan(T value, Op op) {
    return (T) collectives.scan(value, false, OBJECTS, op.onObjects, v -> v);
  }

  /** Exclusive prefix reduction: rank i gets the values of ranks 0..i-1 combined with {@code op}; null at rank 0. */
  @SuppressWarnings("unchecked")
  public <T> T exscan(T value, Op op) {
    return (T) collectives.scan(value, true, OBJECTS, op.onObjects, v -> v);
  }

  // ---------------------------------------------------------------- communicators

  /**
   * Splits this communicator: ranks that give the same {@code color} form a new one, numbered in
   * order of {@code key} (ties by their rank here). A rank giving {@link #UNDEFINED} (or any
   * negative colour) gets null. Every rank must call it.
   */
  public Comm split(int color, int key) {
    List<int[]> all = allgather(new int[] {color, key, groupIds.propose()});
    int id = all.stream().mapToInt(a -> a[2]).max().orElseThrow();
    groupIds.take(id);
    if (color < 0) {
      return null;
    }
    Integer[] members = new Integer[0];
    List<Integer> same = new ArrayList<>();
    for (int r = 0; r < all.size(); r++) {
      if (all.get(r)[0] == color) {
        same.add(r);
      }
    }
    members = same.toArray(members);
    Arrays.sort(members, Comparator.<Integer>comparingInt(r -> all.get(r)[1]).thenComparingInt(r -> r));
    int[] worldRanks = Arrays.stream(members).mapToInt(group::worldRank).toArray();
    return new Comm(world, groupIds, new Group(group.engine(), id, worldRanks));
  }

  /**
   * A new communicator with the same ranks in the same order, whose messages and collectives never
   * mix with this one's (MPI_Comm_dup). Every rank must call it.
   */
  public Comm dup() {
    int id = allreduce(groupIds.propose(), Op.MAX);
    groupIds.take(id);
    return new Comm(world, groupIds, new Group(group.engine(), id, group.worldRanks()));
  }

  /**
   * A new communicator of the ranks {@code ranks} of this one, numbered in that order
   * (MPI_Comm_create). Every rank of this communicator must call it with the same list; ranks not
   * in the list get null.
   */
  public Comm create(int[] ranks) {
    String mistake = checkMembers(ranks);
    long digest = ranks == null ? 0 : Arrays.hashCode(ranks);
    List<long[]> all = allgather(new long[] {groupIds.propose(), digest, mistake == null ? 1 : 0});
    if (mistake != null) {
      throw new IllegalArgumentException("create: " + mistake);
    }
    for (int r = 0; r < all.size(); r++) {
      if (all.get(r)[2] == 0) {
        throw new IllegalArgumentException("create: rank " + r + " passed a list of ranks that is not valid; "
            + "every rank must pass the same valid list");
      }
      if (all.get(r)[1] != digest) {
        throw new IllegalArgumentException("create: rank " + r + " passed a different list of ranks from rank "
            + rank() + "; every rank must pass the same list");
      }
    }
    int id = (int) all.stream().mapToLong(a -> a[0]).max().orElseThrow();
    groupIds.take(id);
    int[] worldRanks = new int[ranks.length];
    boolean member = false;
    for (int i = 0; i < ranks.length; i++) {
      worldRanks[i] = group.worldRank(ranks[i]);
      member |= ranks[i] == rank();
    }
    return member ? new Comm(world, groupIds, new Group(group.engine(), id, worldRanks)) : null;
  }

  /** What is wrong with a list of member ranks, or null if nothing. */
  private String checkMembers(int[] ranks) {
    if (ranks == null) {
      return "the list of ranks is null; give this communicator's ranks for the new one";
    }
    boolean[] seen = new boolean[size()];
    for (int r : ranks) {
      if (r < 0 || r >= size()) {
        return "rank " + r + " is not a rank of this communicator (ranks 0 to " + (size() - 1) + ")";
      }
      if (seen[r]) {
        return "rank " + r + " is in the list twice; name each rank once";
      }
      seen[r] = true;
    }
    return null;
  }

  /**
   * An intercommunicator between this communicator's ranks and another, disjoint group
   * (MPI_Intercomm_create). Every rank of both groups calls it; each group names its leader
   * ({@code localLeader}, a rank here), and the two leaders, which must both belong to
   * {@code peerComm}, exchange the groups over it with {@code tag}: {@code remoteLeader} is the
   * other leader's rank in {@code peerComm}. Those two arguments count at the local leader only.
   */
  public InterComm createIntercomm(int localLeader, Comm peerComm, int remoteLeader, int tag) {
    checkRank(localLeader, "localLeader");
    Integer localMax = reduce(groupIds.propose(), Op.MAX, localLeader);
    Object agreed = rank() == localLeader ? exchangeGroups(localMax, peerComm, remoteLeader, tag) : null;
    agreed = bcast(agreed, localLeader); // {id, the remote group's world ranks...}, or what is wrong
    if (agreed instanceof String) {
      throw new IllegalArgumentException((String) agreed);
    }
    int[] idAndRemote = (int[]) agreed;
    int id = idAndRemote[0];
    groupIds.take(id + 1); // the intercommunicator uses id and id + 1
    int[] remoteRanks = Arrays.copyOfRange(idAndRemote, 1, idAndRemote.length);
    return new InterComm(world, groupIds, group, new Group(group.engine(), id, remoteRanks), id);
  }

  /** The local leader's half of createIntercomm: {id, remote world ranks...}, or what is wrong. */
  private Object exchangeGroups(int localMax, Comm peerComm, int remoteLeader, int tag) {
    if (peerComm == null) {
      return "createIntercomm: the peer communicator is null at the local leader; give one that holds both leaders";
    }
    if (remoteLeader < 0 || remoteLeader >= peerComm.size()) {
      return "createIntercomm: remoteLeader " + remoteLeader + " is not a rank of the peer communicator (ranks 0 to "
          + (peerComm.size() - 1) + ")";
    }
    if (tag < 0) {
      return "createIntercomm: tag " + tag + " is negative; tags are 0 or more";
    }
    int[] mine = new int[1 + size()];
    mine[0] = localMax;
    System.arraycopy(group.worldRanks(), 0, mine, 1, size());
    Request<Void> sent = peerComm.isend(mine, remoteLeader, tag);
    int[] theirs = peerComm.recv(remoteLeader, tag);
    sent.await();
    for (int i = 1; i < theirs.length; i++) {
      if (group.commRank(theirs[i]) >= 0) {
        return "createIntercomm: world rank " + theirs[i] + " is in both groups; the local and remote groups "
            + "must be disjoint (is remoteLeader the right rank of the peer communicator?)";
      }
    }
    theirs[0] = Math.max(localMax, theirs[0]);
    return theirs;
  }

  /** The job-wide rank of each member, in this communicator's order (a copy). */
  public int[] worldRanks() {
    return group.worldRanks();
  }

  /** This process's job-wide rank (its rank in {@link #world()}). */
  public int worldRank() {
    return group.engine().rank();
  }

  @Override
  public String toString() {
    return "Comm(rank " + rank() + " of " + size() + ")";
  }

  // ---------------------------------------------------------------- array layer: point to point

  /** Sends {@code count} elements of {@code buf} from {@code offset}; returns once they are copied out. */
  public void send(byte[] buf, int offset, int count, int dest, int tag) { sendArray(buf, offset, count, dest, tag, SendMode.STANDARD); }
  public void send(int[] buf, int offset, int count, int dest, int tag) { sendArray(buf, offset, count, dest, tag, SendMode.STANDARD); }
  public void send(long[] buf, int offset, int count, int dest, int tag) { sendArray(buf, offset, count, dest, tag, SendMode.STANDARD); }
  public void send(double[] buf, int offset, int count, int dest, int tag) { sendArray(buf, offset, count, dest, tag, SendMode.STANDARD); }

  /** Receives at most {@code count} elements into {@code buf} at {@code offset}; the status says how many came. */
  public Status recv(byte[] buf, int offset, int count, int source, int tag) { return recvArray(buf, offset, count, source, tag); }
  public Status recv(int[] buf, int offset, int count, int source, int tag) { return recvArray(buf, offset, count, source, tag); }
  public Status recv(long[] buf, int offset, int count, int source, int tag) { return recvArray(buf, offset, count, source, tag); }
  public Status recv(double[] buf, int offset, int count, int source, int tag) { return recvArray(buf, offset, count, source, tag); }

  /** Starts a send; leave {@code buf} alone until the request is done. */
  public Request<Void> isend(byte[] buf, int offset, int count, int dest, int tag) { return isendArray(buf, offset, count, dest, tag); }
  public Request<Void> isend(int[] buf, int offset, int count, int dest, int tag) { return isendArray(buf, offset, count, dest, tag); }
  public Request<Void> isend(long[] buf, int offset, int count, int dest, int tag) { return isendArray(buf, offset, count, dest, tag); }
  public Request<Void> isend(double[] buf, int offset, int count, int dest, int tag) { return isendArray(buf, offset, count, dest, tag); }

  /** Starts a receive into {@code buf}; leave it alone until the request is done. */
  public Request<Status> irecv(byte[] buf, int offset, int count, int source, int tag) { return irecvArray(buf, offset, count, source, tag); }
  public Request<Status> irecv(int[] buf, int offset, int count, int source, int tag) { return irecvArray(buf, offset, count, source, tag); }
  public Request<Status> irecv(long[] buf, int offset, int count, int source, int tag) { return irecvArray(buf, offset, count, source, tag); }
  public Request<Status> irecv(double[] buf, int offset, int count, int source, int tag) { return irecvArray(buf, offset, count, source, tag); }

  // ---------------------------------------------------------------- array layer: collectives

  /** The root's {@code count} elements, into {@code buf} at {@code offset} on every rank. */
  public void bcast(byte[] buf, int offset, int count, int root) { bcastArray(buf, offset, count, root); }
  public void bcast(int[] buf, int offset, int count, int root) { bcastArray(buf, offset, count, root); }
  public void bcast(long[] buf, int offset, int count, int root) { bcastArray(buf, offset, count, root); }
  public void bcast(double[] buf, int offset, int count, int root) { bcastArray(buf, offset, count, root); }

  /** Block i ({@code count} elements from {@code soffset + i*count}) of the root's {@code send} goes to rank i's {@code recv}. */
  public void scatter(byte[] send, int soffset, byte[] recv, int roffset, int count, int root) { scatterArray(send, soffset, recv, roffset, count, root); }
  public void scatter(int[] send, int soffset, int[] recv, int roffset, int count, int root) { scatterArray(send, soffset, recv, roffset, count, root); }
  public void scatter(long[] send, int soffset, long[] recv, int roffset, int count, int root) { scatterArray(send, soffset, recv, roffset, count, root); }
  public void scatter(double[] send, int soffset, double[] recv, int roffset, int count, int root) { scatterArray(send, soffset, recv, roffset, count, root); }

  /** Rank i's {@code count} elements land at {@code roffset + i*count} of the root's {@code recv}. */
  public void gather(byte[] send, int soffset, byte[] recv, int roffset, int count, int root) { gatherArray(send, soffset, recv, roffset, count, root); }
  public void gather(int[] send, int soffset, int[] recv, int roffset, int count, int root) { gatherArray(send, soffset, recv, roffset, count, root); }
  public void gather(long[] send, int soffset, long[] recv, int roffset, int count, int root) { gatherArray(send, soffset, recv, roffset, count, root); }
  public void gather(double[] send, int soffset, double[] recv, int roffset, int count, int root) { gatherArray(send, soffset, recv, roffset, count, root); }

  /** Like gather, on every rank. */
  public void allgather(byte[] send, int soffset, byte[] recv, int roffset, int count) { allgatherArray(send, soffset, recv, roffset, count); }
  public void allgather(int[] send, int soffset, int[] recv, int roffset, int count) { allgatherArray(send, soffset, recv, roffset, count); }
  public void allgather(long[] send, int soffset, long[] recv, int roffset, int count) { allgatherArray(send, soffset, recv, roffset, count); }
  public void allgather(double[] send, int soffset, double[] recv, int roffset, int count) { allgatherArray(send, soffset, recv, roffset, count); }

  /** Block j of this rank's {@code send} goes to rank j, which stores it as its block i (this rank). */
  public void alltoall(byte[] send, int soffset, byte[] recv, int roffset, int count) { alltoallArray(send, soffset, recv, roffset, count); }
  public void alltoall(int[] send, int soffset, int[] recv, int roffset, int count) { alltoallArray(send, soffset, recv, roffset, count); }
  public void alltoall(long[] send, int soffset, long[] recv, int roffset, int count) { alltoallArray(send, soffset, recv, roffset, count); }
  public void alltoall(double[] send, int soffset, double[] recv, int roffset, int count) { alltoallArray(send, soffset, recv, roffset, count); }

  /** Rank i's {@code count} elements land at {@code roffset + displs[i]} of the root's {@code recv}; {@code counts[i]} must match. */
  public void gatherv(byte[] send, int soffset, int count, byte[] recv, int roffset, int[] counts, int[] displs, int root) { gathervArray(send, soffset, count, recv, roffset, counts, displs, root); }
  public void gatherv(int[] send, int soffset, int count, int[] recv, int roffset, int[] counts, int[] displs, int root) { gathervArray(send, soffset, count, recv, roffset, counts, displs, root); }
  public void gatherv(long[] send, int soffset, int count, long[] recv, int roffset, int[] counts, int[] displs, int root) { gathervArray(send, soffset, count, recv, roffset, counts, displs, root); }
  public void gatherv(double[] send, int soffset, int count, double[] recv, int roffset, int[] counts, int[] displs, int root) { gathervArray(send, soffset, count, recv, roffset, counts, displs, root); }

  /** Rank i receives {@code counts[i]} elements from {@code soffset + displs[i]} of the root's {@code send}; its {@code count} must match. */
  public void scatterv(byte[] send, int soffset, int[] counts, int[] displs, byte[] recv, int roffset, int count, int root) { scattervArray(send, soffset, counts, displs, recv, roffset, count, root); }
  public void scatterv(int[] send, int soffset, int[] counts, int[] displs, int[] recv, int roffset, int count, int root) { scattervArray(send, soffset, counts, displs, recv, roffset, count, root); }
  public void scatterv(long[] send, int soffset, int[] counts, int[] displs, long[] recv, int roffset, int count, int root) { scattervArray(send, soffset, counts, displs, recv, roffset, count, root); }
  public void scatterv(double[] send, int soffset, int[] counts, int[] displs, double[] recv, int roffset, int count, int root) { scattervArray(send, soffset, counts, displs, recv, roffset, count, root); }

  /** Element-wise {@code op} over every rank's {@code count} elements, into the root's {@code recv}. */
  public void reduce(int[] send, int soffset, int[] recv, int roffset, int count, Op op, int root) { reduceArray(send, soffset, recv, roffset, count, op, root); }
  public void reduce(long[] send, int soffset, long[] recv, int roffset, int count, Op op, int root) { reduceArray(send, soffset, recv, roffset, count, op, root); }
  public void reduce(double[] send, int soffset, double[] recv, int roffset, int count, Op op, int root) { reduceArray(send, soffset, recv, roffset, count, op, root); }

  /** Element-wise {@code op} over every rank's {@code count} elements, into {@code recv} on every rank. */
  public void allreduce(int[] send, int soffset, int[] recv, int roffset, int count, Op op) { allreduceArray(send, soffset, recv, roffset, count, op); }
  public void allreduce(long[] send, int soffset, long[] recv, int roffset, int count, Op op) { allreduceArray(send, soffset, recv, roffset, count, op); }
  public void allreduce(double[] send, int soffset, double[] recv, int roffset, int count, Op op) { allreduceArray(send, soffset, recv, roffset, count, op); }

  // ---------------------------------------------------------------- array layer: any primitive array

  /**
   * Starts sending {@code count} elements of {@code buf} (any primitive array: {@code byte[] char[]
   * short[] boolean[] int[] long[] float[] double[]}) from {@code offset}. Leave {@code buf} alone
   * until the request is done: once the elements are copied out ({@link SendMode#STANDARD}), or
   * once the receiver has also matched the message ({@link SendMode#SYNCHRONOUS}).
   */
  public Request<Void> isendArray(Object buf, int offset, int count, int dest, int tag, SendMode mode) {
    return p2p.isendArray(buf, offset, count, dest, tag, mode);
  }

  /** Sends {@code count} elements of any primitive array; see {@link #isendArray}. */
  public void sendArray(Object buf, int offset, int count, int dest, int tag, SendMode mode) {
    p2p.sendArray(buf, offset, count, dest, tag, mode);
  }

  /**
   * Starts receiving at most {@code count} elements into any primitive array at {@code offset}; the
   * message must hold that element type. The status says how many came.
   */
  public Request<Status> irecvArray(Object buf, int offset, int count, int source, int tag) {
    return p2p.irecvArray(buf, offset, count, source, tag);
  }

  /** Receives at most {@code count} elements into any primitive array; see {@link #irecvArray}. */
  public Status recvArray(Object buf, int offset, int count, int source, int tag) {
    return p2p.recvArray(buf, offset, count, source, tag);
  }

  private Request<Void> isendArray(Object buf, int offset, int count, int dest, int tag) {
    return isendArray(buf, offset, count, dest, tag, SendMode.STANDARD);
  }

  // ---------------------------------------------------------------- array layer: collectives on any primitive array

  /** The root's {@code count} elements of any primitive array, into {@code buf} at {@code offset} on every rank. */
  public void bcastArray(Object buf, int offset, int count, int root) {
    arrays.bcast(buf, offset, count, root);
  }

  /** Block i ({@code count} elements from {@code soffset + i*count}) of the root's {@code send} goes to rank i's {@code recv}. */
  public void scatterArray(Object send, int soffset, Object recv, int roffset, int count, int root) {
    arrays.scatter(send, soffset, recv, roffset, count, root);
  }

  /** Rank i receives {@code counts[i]} elements from {@code soffset + displs[i]} of the root's {@code send}; its {@code count} must match. */
  public void scattervArray(Object send, int soffset, int[] counts, int[] displs, Object recv, int roffset, int count,
      int root) {
    arrays.scatterv(send, soffset, counts, displs, recv, roffset, count, root);
  }

  /** Rank i's {@code count} elements land at {@code roffset + i*count} of the root's {@code recv}. */
  public void gatherArray(Object send, int soffset, Object recv, int roffset, int count, int root) {
    arrays.gather(send, soffset, count, recv, roffset, null, null, root);
  }

  /** Rank i's {@code count} elements land at {@code roffset + displs[i]} of the root's {@code recv}; {@code counts[i]} must match. */
  public void gathervArray(Object send, int soffset, int count, Object recv, int roffset, int[] counts, int[] displs,
      int root) {
    arrays.gather(send, soffset, count, recv, roffset, counts, displs, root);
  }

  /** Like {@link #gatherArray}, on every rank. */
  public void allgatherArray(Object send, int soffset, Object recv, int roffset, int count) {
    arrays.allgather(send, soffset, recv, roffset, count);
  }

  /** Rank i's {@code scount} elements land at {@code roffset + displs[i]} of every rank's {@code recv}; {@code counts[i]} must match. */
  public void allgathervArray(Object send, int soffset, int scount, Object recv, int roffset, int[] counts,
      int[] displs) {
    arrays.allgatherv(send, soffset, scount, recv, roffset, counts, displs);
  }

  /** Block j of this rank's {@code send} goes to rank j, which stores it as its block i (this rank). */
  public void alltoallArray(Object send, int soffset, Object recv, int roffset, int count) {
    arrays.alltoall(send, soffset, recv, roffset, count);
  }

  /**
   * {@code scounts[j]} elements from {@code soffset + sdispls[j]} go to rank j, which stores them at
   * {@code roffset + rdispls[i]} (i: this rank); its {@code rcounts[i]} must match.
   */
  public void alltoallvArray(Object send, int soffset, int[] scounts, int[] sdispls, Object recv, int roffset,
      int[] rcounts, int[] rdispls) {
    arrays.alltoallv(send, soffset, scounts, sdispls, recv, roffset, rcounts, rdispls, "alltoallv");
  }

  /**
   * Element-wise {@code op} over every rank's {@code count} elements of any primitive array, into the
   * root's {@code recv}. Partial results are combined with lower ranks' on the {@code in} side; with
   * {@code commutative} false strictly in rank order, else in whatever order is fastest.
   */
  public void reduceArray(Object send, int soffset, Object recv, int roffset, int count, ArrayOp op,
      boolean commutative, int root) {
    arrays.reduce(send, soffset, recv, roffset, count, op, commutative, root);
  }

  /** Like {@link #reduceArray}, with the result on every rank (always combined in rank order). */
  public void allreduceArray(Object send, int soffset, Object recv, int roffset, int count, ArrayOp op,
      boolean commutative) {
    arrays.allreduce(send, soffset, recv, roffset, count, op);
  }

  /** Inclusive prefix reduction: rank i's {@code recv} gets the elements of ranks 0..i combined with {@code op}, in rank order. */
  public void scanArray(Object send, int soffset, Object recv, int roffset, int count, ArrayOp op,
      boolean commutative) {
    arrays.scan(send, soffset, recv, roffset, count, op, false);
  }

  /** Exclusive prefix reduction: rank i's {@code recv} gets ranks 0..i-1 combined; rank 0's {@code recv} is left untouched. */
  public void exscanArray(Object send, int soffset, Object recv, int roffset, int count, ArrayOp op,
      boolean commutative) {
    arrays.scan(send, soffset, recv, roffset, count, op, true);
  }

  /**
   * Reduces {@code sum(counts)} elements element-wise over every rank, then rank i receives block i of
   * the result ({@code counts[i]} elements) into {@code recv} at {@code roffset}.
   */
  public void reduceScatterArray(Object send, int soffset, Object recv, int roffset, int[] counts, ArrayOp op,
      boolean commutative) {
    arrays.reduceScatter(send, soffset, recv, roffset, counts, op, commutative);
  }

  private void reduceArray(Object send, int soffset, Object recv, int roffset, int count, Op op, int root) {
    arrays.reduce(send, soffset, recv, roffset, count, op, root);
  }

  private void allreduceArray(Object send, int soffset, Object recv, int roffset, int count, Op op) {
    arrays.allreduce(send, soffset, recv, roffset, count, op);
  }

  /** Moves reduction partials as serialized objects. */
  private static final Collectives.Transfer<Object> OBJECTS = new Collectives.Transfer<>() {
    @Override
    public Pending send(Messages messages, Object value, int dest, int tag) {
      return messages.sendObject(value, dest, tag);
    }

    @Override
    public Object receive(Messages messages, int source, int tag) {
      Pending in = messages.receiveAny(source, tag);
      in.await();
      return in.raw().decode();
    }
  };

  // ---------------------------------------------------------------- checks and conversions

  @SuppressWarnings("unchecked")
  private static <T> T decode(byte[] bytes) {
    return (T) ObjectCodec.decode(bytes);
  }

  private static <T> List<T> decodeAll(List<byte[]> blocks) {
    List<T> values = new ArrayList<>(blocks.size());
    for (byte[] block : blocks) {
      values.add(decode(block));
    }
    return values;
  }

  private void checkRank(int rank, String what) {
    p2p.checkRank(rank, what);
  }
}
