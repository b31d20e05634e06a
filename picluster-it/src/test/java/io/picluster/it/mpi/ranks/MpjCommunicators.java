package io.picluster.it.mpi.ranks;

import mpi.CartParms;
import mpi.Cartcomm;
import mpi.Comm;
import mpi.GraphParms;
import mpi.Graphcomm;
import mpi.Group;
import mpi.Intercomm;
import mpi.Intracomm;
import mpi.MPI;
import mpi.Request;
import mpi.ShiftParms;
import mpi.Status;

/**
 * Communicators, groups and topologies in the mpiJava 1.2 (MPJ Express) vocabulary: Split, clone,
 * Create, Compare, Group set logic, Cartcomm and Graphcomm, intercommunicators and Merge. Rank 0
 * prints "MpjCommunicators passed on N ranks".
 */
public class MpjCommunicators {
  static Intracomm world;
  static int rank;
  static int size;

  public static void main(String[] args) throws Exception {
    String[] rest = MPI.Init(args);
    world = MPI.COMM_WORLD;
    rank = world.Rank();
    size = world.Size();
    Expect.rank = rank;
    new Sections()
        .add("split", MpjCommunicators::split)
        .add("clone-compare-isolation", MpjCommunicators::cloneCompareIsolation)
        .add("groups", MpjCommunicators::groups)
        .add("create-from-group", MpjCommunicators::createFromGroup)
        .add("cartesian", MpjCommunicators::cartesian)
        .add("graph", MpjCommunicators::graph)
        .add("intercomm-merge", MpjCommunicators::intercomm)
        .add("comm-self", MpjCommunicators::commSelf)
        .runAndReport(rest, rank, size, "MpjCommunicators", world::Barrier);
    MPI.Finalize();
  }

  static boolean isNullComm(Comm c) {
    return c == null || c == MPI.COMM_NULL;
  }

  static void split() throws Exception {
    int color = rank % 2;
    Intracomm half = world.Split(color, -rank); // reversed order inside each half
    int members = (size - color + 1) / 2;
    Expect.equal(half.Size(), members, "Split size");
    int higher = 0;
    for (int r = rank + 2; r < size; r += 2) {
      higher++;
    }
    Expect.equal(half.Rank(), higher, "Split rank ordered by key (reversed)");
    int[] sum = new int[1];
    half.Allreduce(new int[] {rank}, 0, sum, 0, 1, MPI.INT, MPI.SUM);
    int want = 0;
    for (int r = color; r < size; r += 2) {
      want += r;
    }
    Expect.equal(sum[0], want, "Allreduce inside the Split half");
    // Point to point inside: ring over the half with half's ranks.
    int n = half.Size();
    int me = half.Rank();
    int[] got = new int[1];
    half.Sendrecv(new int[] {rank}, 0, 1, MPI.INT, (me + 1) % n, 3, got, 0, 1, MPI.INT, (me - 1 + n) % n, 3);
    // Half rank me-1 is the next higher world rank of the colour; half rank n-1 the lowest.
    Expect.equal(got[0], n == 1 ? rank : (me == 0 ? color : rank + 2), "Sendrecv inside the Split half");
    Intracomm none = world.Split(rank == 0 ? MPI.UNDEFINED : 1, 0);
    if (rank == 0) {
      Expect.that(isNullComm(none), "Split with UNDEFINED gives no communicator");
    } else {
      Expect.equal(none.Size(), size - 1, "Split of the others");
      Expect.equal(none.Rank(), rank - 1, "rank among the others");
    }
  }

  static void cloneCompareIsolation() throws Exception {
    Intracomm copy = (Intracomm) world.clone();
    Expect.equal(copy.Size(), size, "clone size");
    Expect.equal(copy.Rank(), rank, "clone rank");
    Expect.equal(Comm.Compare(world, world), MPI.IDENT, "Compare(world, world)");
    Expect.equal(Comm.Compare(world, copy), MPI.CONGRUENT, "Compare(world, clone)");
    Intracomm reversed = world.Split(0, -rank);
    Expect.equal(Comm.Compare(world, reversed), size == 1 ? MPI.CONGRUENT : MPI.SIMILAR, "Compare(world, reversed)");
    Intracomm half = world.Split(rank % 2, rank);
    if (size > 1) {
      Expect.equal(Comm.Compare(world, half), MPI.UNEQUAL, "Compare(world, half)");
    }
    // Same source, tag and rank on two communicators: each receive gets its own communicator's message.
    Request a = world.Isend(new int[] {1}, 0, 1, MPI.INT, rank, 5);
    Request b = copy.Isend(new int[] {2}, 0, 1, MPI.INT, rank, 5);
    int[] got = new int[1];
    copy.Recv(got, 0, 1, MPI.INT, MPI.ANY_SOURCE, MPI.ANY_TAG);
    Expect.equal(got[0], 2, "message on the clone");
    world.Recv(got, 0, 1, MPI.INT, rank, 5);
    Expect.equal(got[0], 1, "message on world");
    a.Wait();
    b.Wait();
    Expect.that(!world.Test_inter(), "world is not an intercommunicator");
    Expect.equal(world.Topo_test(), MPI.UNDEFINED, "world has no topology");
    copy.Free();
    reversed.Free();
  }

  static int[] range(int from, int to, int step) {
    int n = 0;
    for (int i = from; step > 0 ? i <= to : i >= to; i += step) {
      n++;
    }
    int[] a = new int[n];
    for (int i = 0, v = from; i < n; i++, v += step) {
      a[i] = v;
    }
    return a;
  }

  static void groups() throws Exception {
    Group g = world.Group();
    Expect.equal(g.Size(), size, "world group size");
    Expect.equal(g.Rank(), rank, "world group rank");
    Group reversed = g.Incl(range(size - 1, 0, -1));
    Expect.equal(reversed.Rank(), size - 1 - rank, "Incl reversed rank");
    Expect.equal(Group.Compare(g, reversed), size == 1 ? MPI.IDENT : MPI.SIMILAR, "Compare with reversed");
    Expect.equal(Group.Compare(g, g.Incl(range(0, size - 1, 1))), MPI.IDENT, "Compare with itself rebuilt");
    Group evens = g.Range_incl(new int[][] {{0, size - 1, 2}});
    Expect.equal(evens.Size(), (size + 1) / 2, "Range_incl evens size");
    Expect.equal(evens.Rank(), rank % 2 == 0 ? rank / 2 : MPI.UNDEFINED, "Range_incl evens rank");
    Group odds = g.Range_excl(new int[][] {{0, size - 1, 2}});
    Expect.equal(odds.Size(), size / 2, "Range_excl size");
    Group notZero = g.Excl(new int[] {0});
    Expect.equal(notZero.Size(), size - 1, "Excl size");
    Expect.equal(notZero.Rank(), rank == 0 ? MPI.UNDEFINED : rank - 1, "Excl rank");
    Expect.equal(Group.Union(evens, odds).Size(), size, "Union size");
    Expect.equal(Group.Compare(Group.Union(evens, odds), g), size <= 2 ? MPI.IDENT : MPI.SIMILAR,
        "Compare(Union(evens, odds), world)");
    // Union keeps the first group's order, then the second's new members: evens, then odds.
    int[] unionOrder = Group.Translate_ranks(Group.Union(evens, odds), range(0, size - 1, 1), g);
    int[] wantOrder = new int[size];
    int k = 0;
    for (int r = 0; r < size; r += 2) {
      wantOrder[k++] = r;
    }
    for (int r = 1; r < size; r += 2) {
      wantOrder[k++] = r;
    }
    Expect.equal(unionOrder, wantOrder, "Union order (first group, then the rest of the second)");
    Expect.equal(Group.Intersection(evens, odds).Size(), 0, "Intersection of evens and odds");
    Expect.equal(Group.Intersection(g, evens).Size(), evens.Size(), "Intersection with world");
    Expect.equal(Group.Difference(g, evens).Size(), odds.Size(), "Difference world - evens");
    Expect.equal(Group.Compare(Group.Difference(g, g), MPI.GROUP_EMPTY), MPI.IDENT, "empty difference is GROUP_EMPTY");
    Expect.equal(MPI.GROUP_EMPTY.Size(), 0, "GROUP_EMPTY size");
    Expect.equal(MPI.GROUP_EMPTY.Rank(), MPI.UNDEFINED, "GROUP_EMPTY rank");
    int[] tr = Group.Translate_ranks(reversed, range(0, size - 1, 1), g);
    Expect.equal(tr, range(size - 1, 0, -1), "Translate_ranks reversed -> world");
    int[] none = Group.Translate_ranks(evens, range(0, evens.Size() - 1, 1), odds);
    for (int i = 0; i < none.length; i++) {
      Expect.equal(none[i], MPI.UNDEFINED, "Translate_ranks to a disjoint group");
    }
  }

  static void createFromGroup() throws Exception {
    Group evens = world.Group().Range_incl(new int[][] {{0, size - 1, 2}});
    Intracomm c = world.Create(evens);
    if (rank % 2 == 0) {
      Expect.equal(c.Size(), (size + 1) / 2, "Create(evens) size");
      Expect.equal(c.Rank(), rank / 2, "Create(evens) rank");
      int[] total = new int[1];
      c.Allreduce(new int[] {rank}, 0, total, 0, 1, MPI.INT, MPI.SUM);
      int want = 0;
      for (int r = 0; r < size; r += 2) {
        want += r;
      }
      Expect.equal(total[0], want, "Allreduce on Create(evens)");
      Expect.equal(Group.Compare(c.Group(), evens), MPI.IDENT, "the new communicator's group");
    } else {
      Expect.that(isNullComm(c), "Create gives no communicator outside the group");
    }
    Group reversed = world.Group().Incl(range(size - 1, 0, -1));
    Intracomm rc = world.Create(reversed);
    Expect.equal(rc.Rank(), size - 1 - rank, "Create(reversed) orders ranks as the group does");
  }

  static void cartesian() throws Exception {
    int[][] cases = {{1, 0, 0, 1, 1}, {2, 0, 0, 2, 1}, {3, 0, 0, 3, 1}, {4, 0, 0, 2, 2}, {6, 0, 0, 3, 2},
        {8, 0, 0, 4, 2}, {8, 0, 2, 4, 2}, {8, 2, 0, 2, 4}, {12, 0, 0, 4, 3}};
    for (int[] c : cases) {
      int[] dims = {c[1], c[2]};
      Cartcomm.Dims_create(c[0], dims);
      Expect.equal(dims, new int[] {c[3], c[4]}, "Dims_create(" + c[0] + ", {" + c[1] + "," + c[2] + "})");
    }
    int[] three = {0, 3, 0};
    Cartcomm.Dims_create(24, three);
    Expect.equal(three, new int[] {4, 3, 2}, "Dims_create(24, {0,3,0})");

    int[] dims = {0, 0};
    Cartcomm.Dims_create(size, dims);
    boolean[] periods = {true, false};
    Cartcomm cart = world.Create_cart(dims, periods, false);
    Expect.equal(cart.Topo_test(), MPI.CART, "Topo_test of a Cartcomm");
    Expect.equal(cart.Rank(), rank, "Cartcomm rank without reorder");
    CartParms p = cart.Get();
    Expect.equal(p.dims, dims, "CartParms.dims");
    Expect.equal(p.periods, periods, "CartParms.periods");
    int[] coords = {rank / dims[1], rank % dims[1]}; // row-major
    Expect.equal(p.coords, coords, "CartParms.coords (row-major)");
    Expect.equal(cart.Coords(rank), coords, "Coords(rank)");
    Expect.equal(cart.Rank(coords), rank, "Rank(coords)");
    Expect.equal(cart.Rank(new int[] {coords[0] + dims[0], coords[1]}), rank, "Rank wraps in a periodic dimension");
    ShiftParms down = cart.Shift(0, 1);
    Expect.equal(down.rank_source, ((coords[0] - 1 + dims[0]) % dims[0]) * dims[1] + coords[1], "Shift(0,1) source (periodic)");
    Expect.equal(down.rank_dest, ((coords[0] + 1) % dims[0]) * dims[1] + coords[1], "Shift(0,1) dest (periodic)");
    ShiftParms far = cart.Shift(0, dims[0] + 1);
    Expect.equal(far.rank_dest, down.rank_dest, "Shift by one more than the dimension wraps like a shift of 1");
    ShiftParms right = cart.Shift(1, 1);
    Expect.equal(right.rank_source, coords[1] == 0 ? MPI.PROC_NULL : rank - 1, "Shift(1,1) source (open edge)");
    Expect.equal(right.rank_dest, coords[1] == dims[1] - 1 ? MPI.PROC_NULL : rank + 1, "Shift(1,1) dest (open edge)");
    ShiftParms left2 = cart.Shift(1, -2);
    Expect.equal(left2.rank_dest, coords[1] - 2 < 0 ? MPI.PROC_NULL : rank - 2, "Shift(1,-2) dest");
    // Halo exchange along the open dimension, PROC_NULL at the edges.
    int[] got = {-1};
    Status s = cart.Sendrecv(new int[] {rank}, 0, 1, MPI.INT, right.rank_dest, 9, got, 0, 1, MPI.INT, right.rank_source, 9);
    Expect.equal(got[0], right.rank_source == MPI.PROC_NULL ? -1 : right.rank_source, "shift exchange value");
    Expect.equal(s.source, right.rank_source, "shift exchange source");
    Cartcomm row = cart.Sub(new boolean[] {false, true});
    Expect.equal(row.Size(), dims[1], "Sub keeping dimension 1: size");
    Expect.equal(row.Rank(), coords[1], "Sub keeping dimension 1: rank");
    Expect.equal(row.Get().dims, new int[] {dims[1]}, "Sub dims");
    int[] rowSum = new int[1];
    row.Allreduce(new int[] {rank}, 0, rowSum, 0, 1, MPI.INT, MPI.SUM);
    int want = 0;
    for (int j = 0; j < dims[1]; j++) {
      want += coords[0] * dims[1] + j;
    }
    Expect.equal(rowSum[0], want, "Allreduce along a row");
    Cartcomm reordered = world.Create_cart(dims, periods, true);
    int[] mine = reordered.Coords(reordered.Rank());
    Expect.equal(reordered.Rank(mine), reordered.Rank(), "a reordered grid: Rank(Coords(rank)) == rank");
    Cartcomm clone = (Cartcomm) cart.clone();
    Expect.equal(clone.Get().dims, dims, "clone of a Cartcomm keeps the topology");
    // A grid smaller than the job: the ranks left over get no communicator.
    Cartcomm small = world.Create_cart(new int[] {1}, new boolean[] {false}, false);
    if (rank == 0) {
      Expect.equal(small.Size(), 1, "one-rank grid");
    } else {
      Expect.that(isNullComm(small), "ranks outside the grid get no communicator");
    }
    Expect.equal(cart.Map(new int[] {1}, new boolean[] {false}), rank == 0 ? 0 : MPI.UNDEFINED, "Map onto a one-rank grid");
  }

  static void graph() throws Exception {
    // A ring: node i is joined to i-1 and i+1.
    int[] index = new int[size];
    int[] edges = new int[2 * size];
    for (int i = 0; i < size; i++) {
      index[i] = 2 * (i + 1);
      edges[2 * i] = (i - 1 + size) % size;
      edges[2 * i + 1] = (i + 1) % size;
    }
    Graphcomm g = world.Create_graph(index, edges, false);
    Expect.equal(g.Topo_test(), MPI.GRAPH, "Topo_test of a Graphcomm");
    GraphParms p = g.Get();
    Expect.equal(p.index, index, "GraphParms.index");
    Expect.equal(p.edges, edges, "GraphParms.edges");
    int[] nb = g.Neighbours(rank);
    Expect.equal(nb, new int[] {(rank - 1 + size) % size, (rank + 1) % size}, "Neighbours");
    int[] sum = new int[1];
    g.Allreduce(new int[] {1}, 0, sum, 0, 1, MPI.INT, MPI.SUM);
    Expect.equal(sum[0], size, "Allreduce on a Graphcomm");
  }

  static void intercomm() throws Exception {
    if (size < 2) {
      return;
    }
    int half = size / 2;
    int color = rank < half ? 0 : 1;
    Intracomm local = world.Split(color, rank);
    int remoteLeader = color == 0 ? half : 0;
    Intercomm inter = world.Create_intercomm(local, 0, remoteLeader, 77);
    int localSize = color == 0 ? half : size - half;
    int remoteSize = size - localSize;
    Expect.that(inter.Test_inter(), "Test_inter of an intercommunicator");
    Expect.equal(inter.Size(), localSize, "intercomm local size");
    Expect.equal(inter.Rank(), local.Rank(), "intercomm local rank");
    Expect.equal(inter.Remote_size(), remoteSize, "Remote_size");
    Expect.equal(inter.Remote_group().Size(), remoteSize, "Remote_group size");
    // Every local rank i sends to remote rank i % remoteSize, and receives from each remote rank sending to it.
    int me = inter.Rank();
    Request sent = inter.Isend(new int[] {rank}, 0, 1, MPI.INT, me % remoteSize, 8);
    for (int j = 0; j < remoteSize; j++) {
      if (j % localSize == me) {
        int[] got = new int[1];
        Status s = inter.Recv(got, 0, 1, MPI.INT, j, 8);
        int remoteWorld = color == 0 ? half + j : j;
        Expect.equal(got[0], remoteWorld, "message from remote rank " + j);
        Expect.equal(s.source, j, "status.source is the remote rank");
      }
    }
    sent.Wait();
    Intracomm merged = inter.Merge(color == 1);
    Expect.equal(merged.Size(), size, "Merge size");
    Expect.equal(merged.Rank(), rank, "Merge puts the low group first");
    int[] total = new int[1];
    merged.Allreduce(new int[] {rank}, 0, total, 0, 1, MPI.INT, MPI.SUM);
    Expect.equal(total[0], size * (size - 1) / 2, "Allreduce on the merged communicator");
    Intracomm flipped = inter.Merge(color == 0);
    int flippedRank = color == 1 ? rank - half : rank + (size - half);
    Expect.equal(flipped.Rank(), flippedRank, "Merge with the high flag the other way");
  }

  static void commSelf() throws Exception {
    Comm self = MPI.COMM_SELF;
    Expect.equal(self.Size(), 1, "COMM_SELF size");
    Expect.equal(self.Rank(), 0, "COMM_SELF rank");
    Request r = self.Isend(new double[] {rank + 0.5}, 0, 1, MPI.DOUBLE, 0, 1);
    double[] got = new double[1];
    self.Recv(got, 0, 1, MPI.DOUBLE, 0, 1);
    r.Wait();
    Expect.equal(got[0], rank + 0.5, "message to oneself on COMM_SELF");
    double[] sum = new double[1];
    ((Intracomm) self).Allreduce(new double[] {2.5}, 0, sum, 0, 1, MPI.DOUBLE, MPI.SUM);
    Expect.equal(sum[0], 2.5, "Allreduce on COMM_SELF");
  }
}
