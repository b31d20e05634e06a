package mpi;

import java.util.List;

/**
 * A communicator of one group (MPI.COMM_WORLD, MPI.COMM_SELF, what split, create and dup give):
 * MPJ Express's collectives ({@code Bcast(buf, offset, count, type, root)} ...), communicator
 * constructors and topologies in both vocabularies, and Open MPI's scan/exScan.
 *
 * <p>MPJ Express's constructors ({@code Split}, {@code Create}, {@code Create_cart}) give null to a
 * rank that is left out; Open MPI's ({@code split}, {@code create}, {@code createCart}) give a null
 * communicator ({@code isNull()} true), as each API does.
 */
public class Intracomm extends Comm {
  Intracomm() {}

  Intracomm(io.picluster.comm.Comm base) {
    super(base);
  }

  @Override
  Comm duplicate() {
    return inherit(new Intracomm(base().dup()));
  }

  /** A null communicator of this class for ranks left out (Open MPI's vocabulary). */
  static Intracomm orNull(Intracomm c) {
    return c == null ? new Intracomm() : c;
  }

  // ---------------------------------------------------------------- MPJ Express

  /** As Comm.Compare. */
  public static int Compare(Comm comm1, Comm comm2) throws MPIException {
    return Comm.Compare(comm1, comm2);
  }

  /** Ranks giving the same colour form a new communicator, ordered by key; MPI.UNDEFINED gives null. */
  public Intracomm Split(int colour, int key) throws MPIException {
    try {
      return splitBy(colour, key);
    } catch (RuntimeException e) {
      throw error("Split", e);
    }
  }

  /** The ranks of {@code group} (which must be inside this communicator) as a new one; null elsewhere. */
  public Intracomm Create(Group group) throws MPIException {
    try {
      return createOf(group);
    } catch (RuntimeException e) {
      throw error("Create", e);
    }
  }

  @Override
  public Intracomm clone() {
    return (Intracomm) super.clone();
  }

  public void Barrier() throws MPIException {
    try {
      Collectives.barrier(base());
    } catch (RuntimeException e) {
      throw error("Barrier", e);
    }
  }

  public void Bcast(Object buf, int offset, int count, Datatype type, int root) throws MPIException {
    try {
      Collectives.bcast(base(), Region.of(buf, offset, count, type), root);
    } catch (RuntimeException e) {
      throw error("Bcast", e);
    }
  }

  public void Gather(Object sendbuf, int sendoffset, int sendcount, Datatype sendtype, Object recvbuf,
      int recvoffset, int recvcount, Datatype recvtype, int root) throws MPIException {
    try {
      io.picluster.comm.Comm c = base();
      Collectives.gather(c, Region.of(sendbuf, sendoffset, sendcount, sendtype),
          atRoot(c, root) ? Region.of(recvbuf, recvoffset, recvcount, recvtype) : null, null, null, root);
    } catch (RuntimeException e) {
      throw error("Gather", e);
    }
  }

  public void Gatherv(Object sendbuf, int sendoffset, int sendcount, Datatype sendtype, Object recvbuf,
      int recvoffset, int[] recvcount, int[] displs, Datatype recvtype, int root) throws MPIException {
    try {
      io.picluster.comm.Comm c = base();
      boolean isRoot = atRoot(c, root);
      Collectives.gather(c, Region.of(sendbuf, sendoffset, sendcount, sendtype),
          isRoot ? Region.of(recvbuf, recvoffset, 0, recvtype) : null, isRoot ? recvcount : null,
          isRoot ? displs : null, root);
    } catch (RuntimeException e) {
      throw error("Gatherv", e);
    }
  }

  public void Scatter(Object sendbuf, int sendoffset, int sendcount, Datatype sendtype, Object recvbuf,
      int recvoffset, int recvcount, Datatype recvtype, int root) throws MPIException {
    try {
      io.picluster.comm.Comm c = base();
      Collectives.scatter(c, atRoot(c, root) ? Region.of(sendbuf, sendoffset, sendcount, sendtype) : null, null,
          null, Region.of(recvbuf, recvoffset, recvcount, recvtype), root);
    } catch (RuntimeException e) {
      throw error("Scatter", e);
    }
  }

  public void Scatterv(Object sendbuf, int sendoffset, int[] sendcount, int[] displs, Datatype sendtype,
      Object recvbuf, int recvoffset, int recvcount, Datatype recvtype, int root) throws MPIException {
    try {
      io.picluster.comm.Comm c = base();
      boolean isRoot = atRoot(c, root);
      Collectives.scatter(c, isRoot ? Region.of(sendbuf, sendoffset, 0, sendtype) : null,
          isRoot ? sendcount : null, isRoot ? displs : null, Region.of(recvbuf, recvoffset, recvcount, recvtype),
          root);
    } catch (RuntimeException e) {
      throw error("Scatterv", e);
    }
  }

  public void Allgather(Object sendbuf, int sendoffset, int sendcount, Datatype sendtype, Object recvbuf,
      int recvoffset, int recvcount, Datatype recvtype) throws MPIException {
    try {
      Collectives.allgather(base(), Region.of(sendbuf, sendoffset, sendcount, sendtype),
          Region.of(recvbuf, recvoffset, recvcount, recvtype), null, null);
    } catch (RuntimeException e) {
      throw error("Allgather", e);
    }
  }

  public void Allgatherv(Object sendbuf, int sendoffset, int sendcount, Datatype sendtype, Object recvbuf,
      int recvoffset, int[] recvcount, int[] displs, Datatype recvtype) throws MPIException {
    try {
      Collectives.allgather(base(), Region.of(sendbuf, sendoffset, sendcount, sendtype),
          Region.of(recvbuf, recvoffset, 0, recvtype), recvcount, displs);
    } catch (RuntimeException e) {
      throw error("Allgatherv", e);
    }
  }

  public void Alltoall(Object sendbuf, int sendoffset, int sendcount, Datatype sendtype, Object recvbuf,
      int recvoffset, int recvcount, Datatype recvtype) throws MPIException {
    try {
      Collectives.alltoall(base(), Region.of(sendbuf, sendoffset, sendcount, sendtype), null, null,
          Region.of(recvbuf, recvoffset, recvcount, recvtype), null, null);
    } catch (RuntimeException e) {
      throw error("Alltoall", e);
    }
  }

  public void Alltoallv(Object sendbuf, int sendoffset, int[] sendcount, int[] sdispls, Datatype sendtype,
      Object recvbuf, int recvoffset, int[] recvcount, int[] rdispls, Datatype recvtype) throws MPIException {
    try {
      Collectives.alltoall(base(), Region.of(sendbuf, sendoffset, 0, sendtype), sendcount, sdispls,
          Region.of(recvbuf, recvoffset, 0, recvtype), recvcount, rdispls);
    } catch (RuntimeException e) {
      throw error("Alltoallv", e);
    }
  }

  public void Reduce(Object sendbuf, int sendoffset, Object recvbuf, int recvoffset, int count, Datatype datatype,
      Op op, int root) throws MPIException {
    try {
      io.picluster.comm.Comm c = base();
      Collectives.reduce(c, Region.of(sendbuf, sendoffset, count, datatype),
          atRoot(c, root) ? Region.of(recvbuf, recvoffset, count, datatype) : null, op, root);
    } catch (RuntimeException e) {
      throw error("Reduce", e);
    }
  }

  public void Allreduce(Object sendbuf, int sendoffset, Object recvbuf, int recvoffset, int count,
      Datatype datatype, Op op) throws MPIException {
    try {
      Collectives.allreduce(base(), Region.of(sendbuf, sendoffset, count, datatype),
          Region.of(recvbuf, recvoffset, count, datatype), op);
    } catch (RuntimeException e) {
      throw error("Allreduce", e);
    }
  }

  public void Reduce_scatter(Object sendbuf, int sendoffset, Object recvbuf, int recvoffset, int[] recvcounts,
      Datatype datatype, Op op) throws MPIException {
    try {
      Collectives.reduceScatter(base(), Region.of(sendbuf, sendoffset, 0, datatype),
          Region.of(recvbuf, recvoffset, 0, datatype), recvcounts, op);
    } catch (RuntimeException e) {
      throw error("Reduce_scatter", e);
    }
  }

  public void Scan(Object sendbuf, int sendoffset, Object recvbuf, int recvoffset, int count, Datatype datatype,
      Op op) throws MPIException {
    try {
      Collectives.scan(base(), Region.of(sendbuf, sendoffset, count, datatype),
          Region.of(recvbuf, recvoffset, count, datatype), op);
    } catch (RuntimeException e) {
      throw error("Scan", e);
    }
  }

  /** A Cartesian grid over the first prod(dims) ranks (reorder is accepted and ignored); null elsewhere. */
  public Cartcomm Create_cart(int[] dims, boolean[] periods, boolean reorder) throws MPIException {
    try {
      return cartOf(dims, periods);
    } catch (RuntimeException e) {
      throw error("Create_cart", e);
    }
  }

  /** A graph over the first index.length ranks (reorder is accepted and ignored); null elsewhere. */
  public Graphcomm Create_graph(int[] index, int[] edges, boolean reorder) {
    try {
      return graphOf(index, edges);
    } catch (RuntimeException e) {
      throw error("Create_graph", e);
    }
  }

  // ---------------------------------------------------------------- Open MPI

  @Override
  public Intracomm dup() throws MPIException {
    return (Intracomm) super.dup();
  }

  @Override
  public Intracomm iDup() throws MPIException {
    return (Intracomm) super.iDup();
  }

  @Override
  public Intracomm dupWithInfo(Info info) throws MPIException {
    return (Intracomm) super.dupWithInfo(info);
  }

  public Intracomm split(int colour, int key) throws MPIException {
    try {
      return orNull(splitBy(colour, key));
    } catch (RuntimeException e) {
      throw error("split", e);
    }
  }

  /** With Comm.TYPE_SHARED: the ranks on this host; any other type gives a null communicator. */
  public Intracomm splitType(int splitType, int key, Info info) throws MPIException {
    try {
      io.picluster.comm.Comm c = base();
      String host = io.picluster.comm.Comm.processorName();
      List<String> hosts = c.allgather(host);
      int colour = splitType == TYPE_SHARED ? hosts.indexOf(host) : MPI.UNDEFINED;
      return orNull(splitBy(colour, key));
    } catch (RuntimeException e) {
      throw error("splitType", e);
    }
  }

  public Intracomm create(Group group) throws MPIException {
    try {
      return orNull(createOf(group));
    } catch (RuntimeException e) {
      throw error("create", e);
    }
  }

  /**
   * MPI_Comm_create_group: a communicator of the group's members, called by those members only (a
   * rank outside the group gets a null communicator). {@code tag} must not be in use by other
   * messages between the members on this communicator.
   */
  public Intracomm createGroup(Group group, int tag) throws MPIException {
    try {
      return orNull(createGroupOf(group, tag));
    } catch (RuntimeException e) {
      throw error("createGroup", e);
    }
  }

  public CartComm createCart(int[] dims, boolean[] periods, boolean reorder) throws MPIException {
    try {
      CartComm c = cartOf(dims, periods);
      return c == null ? new CartComm(null, null) : c;
    } catch (RuntimeException e) {
      throw error("createCart", e);
    }
  }

  public GraphComm createGraph(int[] index, int[] edges, boolean reorder) throws MPIException {
    try {
      GraphComm g = graphOf(index, edges);
      return g == null ? new GraphComm(null, (GraphTopology) null) : g;
    } catch (RuntimeException e) {
      throw error("createGraph", e);
    }
  }

  /** A distributed graph: each rank names edges from {@code sources[i]} to {@code degrees[i]} destinations. */
  public GraphComm createDistGraph(int[] sources, int[] degrees, int[] destinations, int[] weights, Info info,
      boolean reorder) throws MPIException {
    try {
      return distGraphOf(sources, degrees, destinations, weights);
    } catch (RuntimeException e) {
      throw error("createDistGraph", e);
    }
  }

  public GraphComm createDistGraph(int[] sources, int[] degrees, int[] destinations, Info info, boolean reorder)
      throws MPIException {
    try {
      return distGraphOf(sources, degrees, destinations, null);
    } catch (RuntimeException e) {
      throw error("createDistGraph", e);
    }
  }

  /** A distributed graph where each rank names its own in- and out-neighbours. */
  public GraphComm createDistGraphAdjacent(int[] sources, int[] sourceWeights, int[] destinations,
      int[] destWeights, Info info, boolean reorder) throws MPIException {
    try {
      return distGraphAdjacentOf(sources, sourceWeights, destinations, destWeights);
    } catch (RuntimeException e) {
      throw error("createDistGraphAdjacent", e);
    }
  }

  public GraphComm createDistGraphAdjacent(int[] sources, int[] destinations, Info info, boolean reorder)
      throws MPIException {
    try {
      return distGraphAdjacentOf(sources, null, destinations, null);
    } catch (RuntimeException e) {
      throw error("createDistGraphAdjacent", e);
    }
  }

  public void scan(Object sendbuf, Object recvbuf, int count, Datatype type, Op op) throws MPIException {
    try {
      Collectives.scan(base(), Region.of(sendbuf, 0, count, type), Region.of(recvbuf, 0, count, type), op);
    } catch (RuntimeException e) {
      throw error("scan", e);
    }
  }

  public void scan(Object buf, int count, Datatype type, Op op) throws MPIException {
    try {
      Region r = Region.of(buf, 0, count, type);
      Collectives.scan(base(), copyOf(r), r, op);
    } catch (RuntimeException e) {
      throw error("scan", e);
    }
  }

  public void exScan(Object sendbuf, Object recvbuf, int count, Datatype type, Op op) throws MPIException {
    try {
      Collectives.exscan(base(), Region.of(sendbuf, 0, count, type), Region.of(recvbuf, 0, count, type), op);
    } catch (RuntimeException e) {
      throw error("exScan", e);
    }
  }

  public void exScan(Object buf, int count, Datatype type, Op op) throws MPIException {
    try {
      Region r = Region.of(buf, 0, count, type);
      Collectives.exscan(base(), copyOf(r), r, op);
    } catch (RuntimeException e) {
      throw error("exScan", e);
    }
  }

  public Request iScan(java.nio.Buffer sendbuf, java.nio.Buffer recvbuf, int count, Datatype type, Op op)
      throws MPIException {
    scan(sendbuf, recvbuf, count, type, op);
    return Request.completed(this);
  }

  public Request iScan(java.nio.Buffer buf, int count, Datatype type, Op op) throws MPIException {
    scan(buf, count, type, op);
    return Request.completed(this);
  }

  public Request iExScan(java.nio.Buffer sendbuf, java.nio.Buffer recvbuf, int count, Datatype type, Op op)
      throws MPIException {
    exScan(sendbuf, recvbuf, count, type, op);
    return Request.completed(this);
  }

  public Request iExScan(java.nio.Buffer buf, int count, Datatype type, Op op) throws MPIException {
    exScan(buf, count, type, op);
    return Request.completed(this);
  }

  // Dynamic process management: picluster starts every rank of a job at once.

  public static String openPort() throws MPIException {
    throw noDynamicProcesses("openPort");
  }

  public static String openPort(Info info) throws MPIException {
    throw noDynamicProcesses("openPort");
  }

  public static void closePort(String name) throws MPIException {
    throw noDynamicProcesses("closePort");
  }

  public Intercomm accept(String port, int root) throws MPIException {
    throw noDynamicProcesses("accept");
  }

  public Intercomm accept(String port, Info info, int root) throws MPIException {
    throw noDynamicProcesses("accept");
  }

  public Intercomm connect(String port, int root) throws MPIException {
    throw noDynamicProcesses("connect");
  }

  public Intercomm connect(String port, Info info, int root) throws MPIException {
    throw noDynamicProcesses("connect");
  }

  public static void publishName(String service, String port) throws MPIException {
    throw noDynamicProcesses("publishName");
  }

  public static void publishName(String service, Info info, String port) throws MPIException {
    throw noDynamicProcesses("publishName");
  }

  public static void unpublishName(String service, String port) throws MPIException {
    throw noDynamicProcesses("unpublishName");
  }

  public static void unpublishName(String service, Info info, String port) throws MPIException {
    throw noDynamicProcesses("unpublishName");
  }

  public static String lookupName(String service) throws MPIException {
    throw noDynamicProcesses("lookupName");
  }

  public static String lookupName(String service, Info info) throws MPIException {
    throw noDynamicProcesses("lookupName");
  }

  public Intercomm spawn(String command, String[] argv, int maxprocs, Info info, int root, int[] errcodes)
      throws MPIException {
    throw noDynamicProcesses("spawn");
  }

  public Intercomm spawnMultiple(String[] commands, String[][] argv, int[] maxprocs, Info[] info, int root,
      int[] errcodes) throws MPIException {
    throw noDynamicProcesses("spawnMultiple");
  }

  static MPIException noDynamicProcesses(String call) {
    return Errors.handle(MPI.COMM_WORLD, call, new MPIException(MPI.ERR_UNSUPPORTED_OPERATION,
        "dynamic process management (spawn, connect, accept, ports, names) is not supported: picluster "
            + "starts every rank of a job together; start them all with picluster exec -n N"));
  }

  // ---------------------------------------------------------------- one implementation

  Intracomm splitBy(int colour, int key) {
    if (colour < 0 && colour != MPI.UNDEFINED) {
      throw new MPIException("colour " + colour + " is negative; give 0 or more, or MPI.UNDEFINED");
    }
    io.picluster.comm.Comm sub = base().split(colour == MPI.UNDEFINED ? io.picluster.comm.Comm.UNDEFINED : colour, key);
    return sub == null ? null : inherit(new Intracomm(sub));
  }

  Intracomm createOf(Group group) {
    io.picluster.comm.Comm c = base();
    int[] members = ranksHere(c, group);
    io.picluster.comm.Comm sub = c.create(members);
    return sub == null ? null : inherit(new Intracomm(sub));
  }

  /**
   * Builds the group's communicator among its members only: each starts alone, then blocks of 1,
   * 2, 4 ... consecutive members join pairwise (an intercommunicator between the two blocks'
   * leaders through this communicator, merged with the lower block first), so the ranks come out in
   * the group's order after log2(n) rounds.
   */
  Intracomm createGroupOf(Group group, int tag) {
    io.picluster.comm.Comm c = base();
    int[] members = ranksHere(c, group);
    int me = -1;
    for (int i = 0; i < members.length; i++) {
      if (members[i] == c.rank()) {
        me = i;
      }
    }
    if (me < 0) {
      return null;
    }
    io.picluster.comm.Comm current = MPI.COMM_SELF.base().dup();
    for (int width = 1; width < members.length; width *= 2) {
      int start = me / width * width;
      boolean lower = (me / width) % 2 == 0;
      int partner = lower ? start + width : start - width;
      if (partner >= members.length) {
        continue;
      }
      io.picluster.comm.InterComm pair = current.createIntercomm(0, c, members[partner], sendTagOf(tag));
      current = pair.merge(!lower);
    }
    return inherit(new Intracomm(current));
  }

  private static int sendTagOf(int tag) {
    if (tag < 0) {
      throw new MPIException(MPI.ERR_TAG, "tag " + tag + " is negative; give 0 to MPI.TAG_UB");
    }
    return tag;
  }

  /** The ranks in this communicator of a group's members, in the group's order. */
  static int[] ranksHere(io.picluster.comm.Comm c, Group group) {
    if (group == null) {
      throw new MPIException("the group is null");
    }
    int[] mine = c.worldRanks();
    int[] theirs = group.worldRanks();
    if (theirs == null) {
      throw new MPIException("the group is MPI.GROUP_NULL");
    }
    int[] ranks = new int[theirs.length];
    for (int i = 0; i < theirs.length; i++) {
      ranks[i] = -1;
      for (int r = 0; r < mine.length; r++) {
        if (mine[r] == theirs[i]) {
          ranks[i] = r;
          break;
        }
      }
      if (ranks[i] < 0) {
        throw new MPIException("the group holds a process (world rank " + theirs[i]
            + ") that is not in this communicator; make the group from this communicator's group");
      }
    }
    return ranks;
  }

  /** The first {@code count} ranks as a new communicator (collective), null for the others. */
  private io.picluster.comm.Comm firstRanks(int count, String what) {
    io.picluster.comm.Comm c = base();
    if (count > c.size()) {
      throw new MPIException(MPI.ERR_ARG, what + " needs " + count + " processes but the communicator has "
          + c.size());
    }
    int[] ranks = new int[count];
    for (int i = 0; i < count; i++) {
      ranks[i] = i;
    }
    return c.create(ranks);
  }

  CartComm cartOf(int[] dims, boolean[] periods) {
    CartTopology topology = new CartTopology(dims, periods);
    io.picluster.comm.Comm sub = firstRanks(topology.size(), "a Cartesian grid of " + topology.size() + " processes");
    return sub == null ? null : inherit(new CartComm(sub, topology));
  }

  GraphComm graphOf(int[] index, int[] edges) {
    GraphTopology topology = new GraphTopology(index, edges);
    io.picluster.comm.Comm sub = firstRanks(topology.nodes(), "a graph of " + topology.nodes() + " nodes");
    return sub == null ? null : inherit(new GraphComm(sub, topology));
  }

  GraphComm distGraphOf(int[] sources, int[] degrees, int[] destinations, int[] weights) {
    io.picluster.comm.Comm c = base();
    DistGraphNeighbors mine = DistGraphNeighbors.fromEdges(c, sources, degrees, destinations, weights);
    return inherit(new GraphComm(c.dup(), mine));
  }

  GraphComm distGraphAdjacentOf(int[] sources, int[] sourceWeights, int[] destinations, int[] destWeights) {
    io.picluster.comm.Comm c = base();
    DistGraphNeighbors mine = DistGraphNeighbors.adjacent(c.size(), sources, sourceWeights, destinations, destWeights);
    return inherit(new GraphComm(c.dup(), mine));
  }
}
