package io.picluster.it.mpi.ranks;

import mpi.CartComm;
import mpi.CartParms;
import mpi.Comm;
import mpi.GraphComm;
import mpi.GraphParms;
import mpi.Group;
import mpi.Intercomm;
import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;
import mpi.Request;
import mpi.ShiftParms;
import mpi.Status;

/**
 * Communicators, groups and topologies in the Open MPI Java vocabulary. Rank 0 prints
 * "OmpiCommunicators passed on N ranks".
 */
public class OmpiCommunicators {
  static Intracomm world;
  static int rank;
  static int size;

  public static void main(String[] args) throws MPIException, Exception {
    String[] rest = MPI.Init(args);
    world = MPI.COMM_WORLD;
    rank = world.getRank();
    size = world.getSize();
    Expect.rank = rank;
    new Sections()
        .add("split-dup-compare", OmpiCommunicators::splitDupCompare)
        .add("groups", OmpiCommunicators::groups)
        .add("create-from-group", OmpiCommunicators::create)
        .add("cartesian", OmpiCommunicators::cartesian)
        .add("graph", OmpiCommunicators::graph)
        .add("intercomm-merge", OmpiCommunicators::intercomm)
        .add("names-attributes-self", OmpiCommunicators::namesAttributesSelf)
        .runAndReport(rest, rank, size, "OmpiCommunicators", world::barrier);
    MPI.Finalize();
  }

  static void splitDupCompare() throws Exception {
    Intracomm half = world.split(rank % 2, rank);
    Expect.equal(half.getSize(), (size - rank % 2 + 1) / 2, "split size");
    Expect.equal(half.getRank(), rank / 2, "split rank");
    int[] sum = new int[1];
    half.allReduce(new int[] {rank}, sum, 1, MPI.INT, MPI.SUM);
    int want = 0;
    for (int r = rank % 2; r < size; r += 2) {
      want += r;
    }
    Expect.equal(sum[0], want, "allReduce on a split half");
    Intracomm none = world.split(rank == 0 ? MPI.UNDEFINED : 0, 0);
    if (rank == 0) {
      Expect.that(none == null || none.isNull(), "split with UNDEFINED gives the null communicator");
    } else {
      Expect.equal(none.getSize(), size - 1, "split of the others");
    }
    Intracomm dup = world.dup();
    Intracomm clone = world.clone();
    Expect.equal(Comm.compare(world, world), MPI.IDENT, "compare(world, world)");
    Expect.equal(Comm.compare(world, dup), MPI.CONGRUENT, "compare(world, dup)");
    Expect.equal(Comm.compare(world, clone), MPI.CONGRUENT, "compare(world, clone)");
    Intracomm reversed = world.split(0, size - rank);
    Expect.equal(Comm.compare(world, reversed), size == 1 ? MPI.CONGRUENT : MPI.SIMILAR, "compare(world, reversed)");
    // A message on dup is not seen on world.
    world.iSend(MPI.newIntBuffer(1).put(0, 1), 1, MPI.INT, rank, 4);
    dup.iSend(MPI.newIntBuffer(1).put(0, 2), 1, MPI.INT, rank, 4);
    int[] got = new int[1];
    dup.recv(got, 1, MPI.INT, MPI.ANY_SOURCE, MPI.ANY_TAG);
    Expect.equal(got[0], 2, "message on dup");
    world.recv(got, 1, MPI.INT, rank, 4);
    Expect.equal(got[0], 1, "message on world");
    Expect.that(!world.isInter(), "world is not an intercommunicator");
    Expect.equal(world.getTopology(), MPI.UNDEFINED, "world has no topology");
    dup.free();
  }

  static int[] ascending(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  static void groups() throws Exception {
    Group g = world.getGroup();
    Expect.equal(g.getSize(), size, "group size");
    Expect.equal(g.getRank(), rank, "group rank");
    int[] rev = new int[size];
    for (int i = 0; i < size; i++) {
      rev[i] = size - 1 - i;
    }
    Group reversed = g.incl(rev);
    Expect.equal(reversed.getRank(), size - 1 - rank, "incl reversed rank");
    Expect.equal(Group.compare(g, reversed), size == 1 ? MPI.IDENT : MPI.SIMILAR, "compare with reversed");
    Group evens = g.rangeIncl(new int[][] {{0, size - 1, 2}});
    Group odds = g.rangeExcl(new int[][] {{0, size - 1, 2}});
    Expect.equal(evens.getSize() + odds.getSize(), size, "rangeIncl + rangeExcl sizes");
    Expect.equal(evens.getRank(), rank % 2 == 0 ? rank / 2 : MPI.UNDEFINED, "rangeIncl rank");
    Expect.equal(g.excl(new int[] {0}).getSize(), size - 1, "excl size");
    Expect.equal(Group.union(odds, evens).getSize(), size, "union size");
    Expect.equal(Group.intersection(evens, odds).getSize(), 0, "intersection size");
    Expect.equal(Group.difference(g, odds).getSize(), evens.getSize(), "difference size");
    Expect.equal(Group.translateRanks(reversed, ascending(size), g), rev, "translateRanks");
    Expect.equal(Group.translateRanks(g, new int[] {MPI.PROC_NULL}, reversed), new int[] {MPI.PROC_NULL},
        "translateRanks of PROC_NULL");
    Expect.equal(MPI.GROUP_EMPTY.getSize(), 0, "GROUP_EMPTY size");
    Expect.equal(Group.compare(Group.difference(g, g), MPI.GROUP_EMPTY), MPI.IDENT, "empty difference");
    g.free();
  }

  static void create() throws Exception {
    Group odds = world.getGroup().rangeExcl(new int[][] {{0, size - 1, 2}});
    Intracomm c = world.create(odds);
    if (rank % 2 == 1) {
      Expect.equal(c.getSize(), size / 2, "create(odds) size");
      Expect.equal(c.getRank(), rank / 2, "create(odds) rank");
    } else {
      Expect.that(c == null || c.isNull(), "create gives the null communicator outside the group");
    }
    Group evens = world.getGroup().rangeIncl(new int[][] {{0, size - 1, 2}});
    if (rank % 2 == 0) {
      Intracomm e = world.createGroup(evens, 5); // collective over the group only
      Expect.equal(e.getSize(), (size + 1) / 2, "createGroup(evens) size");
      int[] sum = new int[1];
      e.allReduce(new int[] {1}, sum, 1, MPI.INT, MPI.SUM);
      Expect.equal(sum[0], (size + 1) / 2, "allReduce on createGroup(evens)");
    }
  }

  static void cartesian() throws Exception {
    int[] dims = {0, 0};
    CartComm.createDims(size, dims);
    int[] balanced = size == 8 ? new int[] {4, 2} : size == 4 ? new int[] {2, 2} : new int[] {size, 1};
    Expect.equal(dims, balanced, "createDims(" + size + ", {0,0})");
    int[] preset = {0, 3};
    CartComm.createDims(6, preset);
    Expect.equal(preset, new int[] {2, 3}, "createDims(6, {0,3})");
    CartComm cart = world.createCart(dims, new boolean[] {false, true}, false);
    Expect.equal(cart.getTopology(), MPI.CART, "getTopology of a CartComm");
    CartParms p = cart.getTopo();
    Expect.equal(p.getDimCount(), 2, "CartParms.getDimCount");
    Expect.equal(new int[] {p.getDim(0), p.getDim(1)}, dims, "CartParms.getDim");
    Expect.that(!p.getPeriod(0) && p.getPeriod(1), "CartParms.getPeriod");
    int[] coords = {rank / dims[1], rank % dims[1]};
    Expect.equal(new int[] {p.getCoord(0), p.getCoord(1)}, coords, "CartParms.getCoord");
    Expect.equal(cart.getCoords(rank), coords, "getCoords");
    Expect.equal(cart.getRank(coords), rank, "getRank(coords)");
    ShiftParms up = cart.shift(0, -1);
    Expect.equal(up.getRankDest(), coords[0] == 0 ? MPI.PROC_NULL : rank - dims[1], "shift(0,-1) dest");
    Expect.equal(up.getRankSource(), coords[0] == dims[0] - 1 ? MPI.PROC_NULL : rank + dims[1], "shift(0,-1) source");
    ShiftParms around = cart.shift(1, 1);
    Expect.equal(around.getRankDest(), coords[0] * dims[1] + (coords[1] + 1) % dims[1], "shift(1,1) dest (periodic)");
    CartComm column = cart.sub(new boolean[] {true, false});
    Expect.equal(column.getSize(), dims[0], "sub column size");
    Expect.equal(column.getRank(), coords[0], "sub column rank");
    Expect.equal(cart.map(dims, new boolean[] {false, true}), rank, "map onto the same grid");
    // neighborAllGather: per dimension the -1 neighbour, then the +1 neighbour; PROC_NULL blocks untouched.
    int[] heard = {-1, -1, -1, -1};
    cart.neighborAllGather(new int[] {rank}, 1, MPI.INT, heard, 1, MPI.INT);
    ShiftParms d0 = cart.shift(0, 1);
    ShiftParms d1 = cart.shift(1, 1);
    int[] wantHeard = {d0.getRankSource(), d0.getRankDest(), d1.getRankSource(), d1.getRankDest()};
    for (int i = 0; i < 4; i++) {
      if (wantHeard[i] == MPI.PROC_NULL) {
        wantHeard[i] = -1;
      }
    }
    Expect.equal(heard, wantHeard, "neighborAllGather on the grid");
  }

  static void graph() throws Exception {
    // A star: node 0 joined to every other node.
    int[] index = new int[size];
    int[] edges = new int[2 * (size - 1)];
    int e = 0;
    for (int i = 1; i < size; i++) {
      edges[e++] = i;
    }
    index[0] = size - 1;
    for (int i = 1; i < size; i++) {
      edges[e++] = 0;
      index[i] = e;
    }
    GraphComm g = world.createGraph(index, edges, false);
    Expect.equal(g.getTopology(), MPI.GRAPH, "getTopology of a GraphComm");
    GraphParms p = g.getDims();
    Expect.equal(p.getIndexCount(), size, "GraphParms.getIndexCount");
    Expect.equal(p.getEdgeCount(), edges.length, "GraphParms.getEdgeCount");
    for (int i = 0; i < size; i++) {
      Expect.equal(p.getIndex(i), index[i], "GraphParms.getIndex(" + i + ")");
    }
    int[] nb = g.getNeighbors(rank);
    Expect.equal(nb.length, rank == 0 ? size - 1 : 1, "number of neighbours");
    if (rank > 0) {
      Expect.equal(nb[0], 0, "a leaf's neighbour is the centre");
    }
  }

  static void intercomm() throws Exception {
    if (size < 2) {
      return;
    }
    int color = rank % 2;
    Intracomm local = world.split(color, rank);
    Intercomm inter = world.createIntercomm(local, 0, color == 0 ? 1 : 0, 12);
    Expect.that(inter.isInter(), "isInter of an intercommunicator");
    int localSize = color == 0 ? (size + 1) / 2 : size / 2;
    Expect.equal(inter.getSize(), localSize, "intercomm getSize (local group)");
    Expect.equal(inter.getRemoteSize(), size - localSize, "getRemoteSize");
    Expect.equal(inter.getRemoteGroup().getSize(), size - localSize, "getRemoteGroup size");
    // Local rank 0 of each side exchanges with remote rank 0.
    if (inter.getRank() == 0) {
      int[] got = new int[1];
      inter.sendRecv(new int[] {rank + 40}, 1, MPI.INT, 0, 13, got, 1, MPI.INT, 0, 13);
      Expect.equal(got[0], (color == 0 ? 1 : 0) + 40, "exchange between the leaders");
    }
    // Every rank to remote rank (its rank % remote size); receives with ANY_SOURCE name remote ranks.
    int me = inter.getRank();
    int remote = inter.getRemoteSize();
    Request out = inter.iSend(MPI.newIntBuffer(1).put(0, rank), 1, MPI.INT, me % remote, 14);
    int expected = 0;
    for (int j = 0; j < remote; j++) {
      if (j % localSize == me) {
        expected++;
      }
    }
    for (int k = 0; k < expected; k++) {
      Status p = inter.probe(MPI.ANY_SOURCE, 14);
      int[] got = new int[1];
      Status s = inter.recv(got, 1, MPI.INT, MPI.ANY_SOURCE, 14);
      Expect.equal(s.getSource(), p.getSource(), "intercomm recv takes the probed message's source");
      int from = s.getSource();
      Expect.that(from >= 0 && from < remote && from % localSize == me, "intercomm ANY_SOURCE gives a remote rank: " + from);
      int remoteWorld = color == 0 ? 2 * from + 1 : 2 * from; // the other colour, in world order
      Expect.equal(got[0], remoteWorld, "intercomm message from remote rank " + from);
    }
    out.waitFor();
    Intercomm twin = inter.dup();
    Expect.equal(twin.getRemoteSize(), remote, "dup of an intercommunicator keeps the remote group");
    Intracomm merged = inter.merge(color == 1);
    // Low group (evens) first, each side in its local order.
    int expectRank = color == 0 ? rank / 2 : (size + 1) / 2 + rank / 2;
    Expect.equal(merged.getRank(), expectRank, "merge rank");
    int[] sum = new int[1];
    merged.allReduce(new int[] {rank}, sum, 1, MPI.INT, MPI.SUM);
    Expect.equal(sum[0], size * (size - 1) / 2, "allReduce on the merged communicator");
  }

  static void namesAttributesSelf() throws Exception {
    Intracomm dup = world.dup();
    dup.setName("mine");
    Expect.equal(dup.getName(), "mine", "setName/getName");
    Object tagUb = world.getAttr(MPI.TAG_UB);
    Expect.that(tagUb instanceof Integer && (Integer) tagUb >= 32767, "TAG_UB attribute is an Integer >= 32767: " + tagUb);
    Intracomm self = MPI.COMM_SELF;
    Expect.equal(self.getSize(), 1, "COMM_SELF size");
    int[] v = {rank};
    self.bcast(v, 1, MPI.INT, 0);
    Expect.equal(v[0], rank, "bcast on COMM_SELF");
    Expect.that(world.getErrhandler() == MPI.ERRORS_ARE_FATAL, "errors are fatal by default");
  }
}
