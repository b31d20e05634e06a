package io.picluster.it.mpi.ranks;

import java.util.Arrays;
import mpi.Datatype;
import mpi.Intracomm;
import mpi.MPI;
import mpi.Op;
import mpi.User_function;

/**
 * Collectives in the mpiJava 1.2 (MPJ Express) vocabulary on Intracomm: every root, offsets on
 * both sides, uneven and zero v-counts with gaps, every builtin operation on every type it allows,
 * MAXLOC/MINLOC pairs, non-commutative user operations, MPI.OBJECT. Rank 0 prints
 * "MpjCollectives passed on N ranks".
 */
public class MpjCollectives {
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
        .add("bcast", MpjCollectives::bcast)
        .add("gather-scatter-allgather-alltoall", MpjCollectives::gatherScatter)
        .add("v-collectives-uneven-with-gaps", MpjCollectives::vCollectives)
        .add("reduce-allreduce-every-op-and-type", MpjCollectives::reduceEveryOp)
        .add("maxloc-minloc", MpjCollectives::maxlocMinloc)
        .add("user-ops-non-commutative", MpjCollectives::userOps)
        .add("scan-reduce-scatter", MpjCollectives::scanReduceScatter)
        .add("objects", MpjCollectives::objects)
        .add("zero-counts", MpjCollectives::zeroCounts)
        .runAndReport(rest, rank, size, "MpjCollectives", world::Barrier);
    MPI.Finalize();
  }

  static void bcast() throws Exception {
    for (int root = 0; root < size; root++) {
      for (Datatype type : Values.basicTypes()) {
        Object data = Values.filled(type, 5, root + 20);
        Object buf = rank == root ? Values.filled(type, 5, root + 20) : Values.zeros(type, 5);
        world.Bcast(buf, 1, 3, type, root);
        Object expected = rank == root ? data
            : Values.with(Values.zeros(type, 5), 1, Values.range(data, 1, 3), 3);
        Expect.equal(buf, expected, "Bcast " + Values.name(type) + " from root " + root);
      }
    }
  }

  static void gatherScatter() throws Exception {
    for (int root = 0; root < size; root++) {
      // Gather: 2 ints from each rank, sent from offset 1, placed from offset 3 at the root.
      int[] mine = {-1, rank * 10, rank * 10 + 1};
      int[] all = new int[3 + 2 * size + 1];
      world.Gather(mine, 1, 2, MPI.INT, all, 3, 2, MPI.INT, root);
      if (rank == root) {
        int[] want = new int[all.length];
        for (int r = 0; r < size; r++) {
          want[3 + 2 * r] = r * 10;
          want[4 + 2 * r] = r * 10 + 1;
        }
        Expect.equal(all, want, "Gather at root " + root);
      }
      // Gather receiving each rank's two ints as one item of a contiguous pair type.
      Datatype pair = Datatype.Contiguous(2, MPI.INT);
      pair.Commit();
      int[] asPairs = new int[2 * size];
      world.Gather(mine, 1, 2, MPI.INT, asPairs, 0, 1, pair, root);
      if (rank == root) {
        for (int r = 0; r < size; r++) {
          Expect.equal(asPairs[2 * r], r * 10, "Gather into pair type, rank " + r);
          Expect.equal(asPairs[2 * r + 1], r * 10 + 1, "Gather into pair type, rank " + r + " second");
        }
      }
      // Scatter: the root deals 2 doubles to each rank from offset 2.
      double[] deal = new double[2 + 2 * size];
      if (rank == root) {
        for (int i = 0; i < 2 * size; i++) {
          deal[2 + i] = root * 1000 + i + 0.5;
        }
      }
      double[] got = {-1, -1, -1, -1};
      world.Scatter(deal, 2, 2, MPI.DOUBLE, got, 1, 2, MPI.DOUBLE, root);
      Expect.equal(got, new double[] {-1, root * 1000 + 2 * rank + 0.5, root * 1000 + 2 * rank + 1.5, -1},
          "Scatter from root " + root);
    }
    // Allgather: 3 shorts from each rank.
    short[] mine = {(short) rank, (short) -rank, (short) (rank * 100)};
    short[] all = new short[1 + 3 * size];
    world.Allgather(mine, 0, 3, MPI.SHORT, all, 1, 3, MPI.SHORT);
    short[] want = new short[1 + 3 * size];
    for (int r = 0; r < size; r++) {
      want[1 + 3 * r] = (short) r;
      want[2 + 3 * r] = (short) -r;
      want[3 + 3 * r] = (short) (r * 100);
    }
    Expect.equal(all, want, "Allgather");
    // Alltoall: block j of rank r holds r*100 + j*10 + k.
    long[] out = new long[2 * size + 1];
    for (int j = 0; j < size; j++) {
      out[1 + 2 * j] = rank * 100 + j * 10;
      out[2 + 2 * j] = rank * 100 + j * 10 + 1;
    }
    long[] in = new long[2 * size];
    world.Alltoall(out, 1, 2, MPI.LONG, in, 0, 2, MPI.LONG);
    for (int r = 0; r < size; r++) {
      Expect.equal(in[2 * r], r * 100 + rank * 10, "Alltoall block from " + r);
      Expect.equal(in[2 * r + 1], r * 100 + rank * 10 + 1, "Alltoall block from " + r + " second");
    }
  }

  /** Rank i's count: 1, 0, 3, 4, 0, 2, 3, 0: uneven, and zero from two ranks on. */
  static int count(int i) {
    return i % 3 == 1 ? 0 : (i % 4) + 1;
  }

  /** Blocks in reverse rank order, each after a one-element gap: {gap, block n-1, gap, ..., block 0}. */
  static int[] reverseDispls(int[] counts) {
    int[] displs = new int[counts.length];
    int at = 0;
    for (int i = counts.length - 1; i >= 0; i--) {
      at += 1;
      displs[i] = at;
      at += counts[i];
    }
    return displs;
  }

  static int span(int[] counts, int[] displs) {
    int end = 0;
    for (int i = 0; i < counts.length; i++) {
      end = Math.max(end, displs[i] + counts[i]);
    }
    return end + 1;
  }

  static final int GAP = -7;

  static void vCollectives() throws Exception {
    int[] counts = new int[size];
    for (int i = 0; i < size; i++) {
      counts[i] = count(i);
    }
    int[] displs = reverseDispls(counts);
    int len = span(counts, displs) + 2;
    int[] mine = new int[counts[rank] + 1];
    for (int k = 0; k < counts[rank]; k++) {
      mine[1 + k] = rank * 100 + k;
    }
    int[] full = new int[len];
    Arrays.fill(full, GAP);
    for (int r = 0; r < size; r++) {
      for (int k = 0; k < counts[r]; k++) {
        full[2 + displs[r] + k] = r * 100 + k;
      }
    }
    for (int root = 0; root < size; root++) {
      int[] all = new int[len];
      Arrays.fill(all, GAP);
      world.Gatherv(mine, 1, counts[rank], MPI.INT, all, 2, counts, displs, MPI.INT, root);
      if (rank == root) {
        Expect.equal(all, full, "Gatherv at root " + root + " (counts " + Arrays.toString(counts) + ")");
      }
      int[] got = new int[counts[rank] + 2];
      Arrays.fill(got, GAP);
      world.Scatterv(rank == root ? full : new int[len], 2, counts, displs, MPI.INT, got, 1,
          counts[rank], MPI.INT, root);
      int[] wantGot = new int[counts[rank] + 2];
      Arrays.fill(wantGot, GAP);
      for (int k = 0; k < counts[rank]; k++) {
        wantGot[1 + k] = rank * 100 + k;
      }
      Expect.equal(got, wantGot, "Scatterv from root " + root);
    }
    int[] all = new int[len];
    Arrays.fill(all, GAP);
    world.Allgatherv(mine, 1, counts[rank], MPI.INT, all, 2, counts, displs, MPI.INT);
    Expect.equal(all, full, "Allgatherv");

    // Alltoallv: rank r sends (r + j) % 3 elements to j; send blocks in reverse order with gaps,
    // receive blocks in order with two-element gaps.
    int[] scounts = new int[size];
    int[] rcounts = new int[size];
    for (int j = 0; j < size; j++) {
      scounts[j] = (rank + j) % 3;
      rcounts[j] = (j + rank) % 3;
    }
    int[] sdispls = reverseDispls(scounts);
    int[] rdispls = new int[size];
    int at = 2;
    for (int j = 0; j < size; j++) {
      rdispls[j] = at;
      at += rcounts[j] + 2;
    }
    int[] out = new int[span(scounts, sdispls) + 1];
    Arrays.fill(out, GAP);
    for (int j = 0; j < size; j++) {
      for (int k = 0; k < scounts[j]; k++) {
        out[1 + sdispls[j] + k] = rank * 1000 + j * 10 + k;
      }
    }
    int[] in = new int[at + 1];
    Arrays.fill(in, GAP);
    world.Alltoallv(out, 1, scounts, sdispls, MPI.INT, in, 1, rcounts, rdispls, MPI.INT);
    int[] want = new int[at + 1];
    Arrays.fill(want, GAP);
    for (int j = 0; j < size; j++) {
      for (int k = 0; k < rcounts[j]; k++) {
        want[1 + rdispls[j] + k] = j * 1000 + rank * 10 + k;
      }
    }
    Expect.equal(in, want, "Alltoallv");
  }

  static void reduceEveryOp() throws Exception {
    int root = size - 1;
    for (Op op : Reductions.ops()) {
      for (Datatype type : Reductions.typesFor(op)) {
        String what = Reductions.name(op) + " on " + Values.name(type);
        Object contribution = Reductions.contribution(type, op, rank);
        Object send = Values.with(Values.zeros(type, Reductions.COUNT + 1), 1, contribution, Reductions.COUNT);
        Object expected = Reductions.expected(type, op, size);
        Object recv = Values.zeros(type, Reductions.COUNT + 2);
        world.Reduce(send, 1, recv, 2, Reductions.COUNT, type, op, root);
        if (rank == root) {
          Expect.equal(Values.range(recv, 2, Reductions.COUNT), expected, "Reduce " + what);
        }
        Object all = Values.zeros(type, Reductions.COUNT);
        world.Allreduce(send, 1, all, 0, Reductions.COUNT, type, op);
        Expect.equal(all, expected, "Allreduce " + what);
        Expect.equal(Values.range(send, 1, Reductions.COUNT), contribution, "send buffer unchanged by " + what);
      }
    }
  }

  /** Pairs (value, index): item 0 has its maximum at the last rank, item 1 ties everywhere, item 2 alternates. */
  static void maxlocMinloc() throws Exception {
    Datatype[] types = {MPI.SHORT2, MPI.INT2, MPI.LONG2, MPI.FLOAT2, MPI.DOUBLE2};
    Datatype[] bases = {MPI.SHORT, MPI.INT, MPI.LONG, MPI.FLOAT, MPI.DOUBLE};
    String[] names = {"SHORT2", "INT2", "LONG2", "FLOAT2", "DOUBLE2"};
    for (int t = 0; t < types.length; t++) {
      Object in = Values.zeros(bases[t], 6);
      set(in, 0, rank);
      set(in, 2, 5);
      set(in, 4, rank % 2 == 0 ? 10 : 20);
      for (int i = 0; i < 3; i++) {
        set(in, 2 * i + 1, rank * 10 + 7);
      }
      Object max = Values.zeros(bases[t], 6);
      Object min = Values.zeros(bases[t], 6);
      world.Allreduce(in, 0, max, 0, 3, types[t], MPI.MAXLOC);
      world.Reduce(in, 0, min, 0, 3, types[t], MPI.MINLOC, 0);
      int odd = size > 1 ? 1 : 0;
      Object wantMax = Values.zeros(bases[t], 6);
      set(wantMax, 0, size - 1);
      set(wantMax, 1, (size - 1) * 10 + 7);
      set(wantMax, 2, 5);
      set(wantMax, 3, 7); // tie: the lowest index
      set(wantMax, 4, size > 1 ? 20 : 10);
      set(wantMax, 5, odd * 10 + 7);
      Expect.equal(max, wantMax, "MAXLOC on " + names[t]);
      if (rank == 0) {
        Object wantMin = Values.zeros(bases[t], 6);
        set(wantMin, 0, 0);
        set(wantMin, 1, 7);
        set(wantMin, 2, 5);
        set(wantMin, 3, 7);
        set(wantMin, 4, 10);
        set(wantMin, 5, 7);
        Expect.equal(min, wantMin, "MINLOC on " + names[t]);
      }
    }
  }

  private static void set(Object array, int i, int v) {
    if (array instanceof short[]) ((short[]) array)[i] = (short) v;
    else if (array instanceof int[]) ((int[]) array)[i] = v;
    else if (array instanceof long[]) ((long[]) array)[i] = v;
    else if (array instanceof float[]) ((float[]) array)[i] = v;
    else ((double[]) array)[i] = v;
  }

  /** inout = first(in, inout): the lowest rank's value wins. Associative, not commutative. */
  static final class First extends User_function {
    @Override
    public void Call(Object invec, int inoffset, Object inoutvec, int inoutoffset, int count, Datatype datatype) {
      int[] in = (int[]) invec;
      int[] inout = (int[]) inoutvec;
      for (int i = 0; i < count; i++) {
        inout[inoutoffset + i] = in[inoffset + i];
      }
    }
  }

  /** Affine maps x -> a*x + b as (a, b) pairs, composed: (in ∘ inout). Associative, not commutative. */
  static final class Compose extends User_function {
    @Override
    public void Call(Object invec, int inoffset, Object inoutvec, int inoutoffset, int count, Datatype datatype) {
      int[] in = (int[]) invec;
      int[] io = (int[]) inoutvec;
      for (int i = 0; i < count; i++) {
        int a1 = in[inoffset + 2 * i];
        int b1 = in[inoffset + 2 * i + 1];
        int a2 = io[inoutoffset + 2 * i];
        int b2 = io[inoutoffset + 2 * i + 1];
        io[inoutoffset + 2 * i] = a1 * a2;
        io[inoutoffset + 2 * i + 1] = a1 * b2 + b1;
      }
    }
  }

  static int[] affine(int r) {
    return new int[] {2, r + 1, 3, -r, 1, r * r};
  }

  static int[] composed(int from, int to) {
    int[] acc = affine(from);
    for (int r = from + 1; r <= to; r++) {
      int[] g = affine(r);
      for (int i = 0; i < 3; i++) {
        int a1 = acc[2 * i];
        int b1 = acc[2 * i + 1];
        acc[2 * i] = a1 * g[2 * i];
        acc[2 * i + 1] = a1 * g[2 * i + 1] + b1;
      }
    }
    return acc;
  }

  static void userOps() throws Exception {
    Op first = new Op(new First(), false);
    int[] mine = {rank + 1, -rank, rank * 3};
    int[] out = new int[3];
    world.Allreduce(mine, 0, out, 0, 3, MPI.INT, first);
    Expect.equal(out, new int[] {1, 0, 0}, "non-commutative Allreduce keeps rank order (first wins)");
    Datatype pair = Datatype.Contiguous(2, MPI.INT);
    pair.Commit();
    Op compose = new Op(new Compose(), false);
    int[] maps = new int[7];
    System.arraycopy(affine(rank), 0, maps, 1, 6);
    int[] result = new int[6];
    world.Reduce(maps, 1, result, 0, 3, pair, compose, 0);
    if (rank == 0) {
      Expect.equal(result, composed(0, size - 1), "Reduce with affine composition (3 pair items)");
    }
    world.Allreduce(maps, 1, result, 0, 3, pair, compose);
    Expect.equal(result, composed(0, size - 1), "Allreduce with affine composition");
    world.Scan(maps, 1, result, 0, 3, pair, compose);
    Expect.equal(result, composed(0, rank), "Scan with affine composition");
    // A commutative user sum over longs.
    Op sum = new Op(new User_function() {
      @Override
      public void Call(Object invec, int inoffset, Object inoutvec, int inoutoffset, int count, Datatype datatype) {
        long[] in = (long[]) invec;
        long[] io = (long[]) inoutvec;
        for (int i = 0; i < count; i++) {
          io[inoutoffset + i] += in[inoffset + i];
        }
      }
    }, true);
    long[] total = new long[2];
    world.Allreduce(new long[] {rank, 1L << 40}, 0, total, 0, 2, MPI.LONG, sum);
    Expect.equal(total, new long[] {(long) size * (size - 1) / 2, (long) size << 40}, "commutative user sum");
  }

  static void scanReduceScatter() throws Exception {
    for (Op op : new Op[] {MPI.SUM, MPI.PROD, MPI.MAX, MPI.MIN}) {
      for (Datatype type : new Datatype[] {MPI.INT, MPI.DOUBLE, MPI.LONG}) {
        Object out = Values.zeros(type, Reductions.COUNT);
        world.Scan(Reductions.contribution(type, op, rank), 0, out, 0, Reductions.COUNT, type, op);
        Expect.equal(out, Reductions.prefix(type, op, rank), "Scan " + Reductions.name(op) + " on " + Values.name(type));
      }
    }
    boolean[] land = new boolean[Reductions.COUNT];
    world.Scan(Reductions.contribution(MPI.BOOLEAN, MPI.LAND, rank), 0, land, 0, Reductions.COUNT, MPI.BOOLEAN, MPI.LAND);
    Expect.equal(land, Reductions.prefix(MPI.BOOLEAN, MPI.LAND, rank), "Scan LAND");
    // Reduce_scatter with uneven counts (some zero): element k of every rank is r + 100k.
    int[] counts = new int[size];
    int total = 0;
    for (int i = 0; i < size; i++) {
      counts[i] = count(i);
      total += counts[i];
    }
    int[] send = new int[total + 1];
    for (int k = 0; k < total; k++) {
      send[1 + k] = rank + 100 * k;
    }
    int[] recv = new int[counts[rank] + 2];
    Arrays.fill(recv, GAP);
    world.Reduce_scatter(send, 1, recv, 1, counts, MPI.INT, MPI.SUM);
    int start = 0;
    for (int i = 0; i < rank; i++) {
      start += counts[i];
    }
    int[] want = new int[counts[rank] + 2];
    Arrays.fill(want, GAP);
    for (int k = 0; k < counts[rank]; k++) {
      want[1 + k] = size * (size - 1) / 2 + 100 * (start + k) * size;
    }
    Expect.equal(recv, want, "Reduce_scatter with counts " + Arrays.toString(counts));
  }

  static void objects() throws Exception {
    for (int root = 0; root < size; root++) {
      Object[] buf = new Object[3];
      if (rank == root) {
        buf[1] = "from root " + root;
        buf[2] = new int[] {root};
      }
      world.Bcast(buf, 1, 2, MPI.OBJECT, root);
      Expect.equal(buf, new Object[] {null, "from root " + root, new int[] {root}}, "Bcast OBJECT from " + root);
    }
    Object[] mine = {"r" + rank, rank};
    Object[] all = new Object[2 * size];
    world.Gather(mine, 0, 2, MPI.OBJECT, all, 0, 2, MPI.OBJECT, 0);
    if (rank == 0) {
      for (int r = 0; r < size; r++) {
        Expect.equal(all[2 * r], "r" + r, "Gather OBJECT name of " + r);
        Expect.equal(all[2 * r + 1], r, "Gather OBJECT value of " + r);
      }
    }
    Object[] every = new Object[2 * size];
    world.Allgather(mine, 0, 2, MPI.OBJECT, every, 0, 2, MPI.OBJECT);
    for (int r = 0; r < size; r++) {
      Expect.equal(every[2 * r], "r" + r, "Allgather OBJECT of " + r);
    }
    Object[] deal = new Object[size];
    if (rank == 0) {
      for (int r = 0; r < size; r++) {
        deal[r] = Arrays.asList("for", r);
      }
    }
    Object[] one = new Object[1];
    world.Scatter(deal, 0, 1, MPI.OBJECT, one, 0, 1, MPI.OBJECT, 0);
    Expect.equal(one[0], Arrays.asList("for", rank), "Scatter OBJECT");
    // Gatherv of objects with uneven counts (some zero) and reversed, gapped placement.
    int[] counts = new int[size];
    for (int i = 0; i < size; i++) {
      counts[i] = count(i);
    }
    int[] displs = reverseDispls(counts);
    Object[] mineV = new Object[counts[rank]];
    for (int k = 0; k < counts[rank]; k++) {
      mineV[k] = rank + "." + k;
    }
    Object[] allV = new Object[span(counts, displs)];
    world.Gatherv(mineV, 0, counts[rank], MPI.OBJECT, allV, 0, counts, displs, MPI.OBJECT, 0);
    if (rank == 0) {
      Object[] wantV = new Object[allV.length];
      for (int r = 0; r < size; r++) {
        for (int k = 0; k < counts[r]; k++) {
          wantV[displs[r] + k] = r + "." + k;
        }
      }
      Expect.equal(allV, wantV, "Gatherv OBJECT");
    }
    Object[] out = new Object[size];
    for (int j = 0; j < size; j++) {
      out[j] = rank + "->" + j;
    }
    Object[] in = new Object[size];
    world.Alltoall(out, 0, 1, MPI.OBJECT, in, 0, 1, MPI.OBJECT);
    for (int r = 0; r < size; r++) {
      Expect.equal(in[r], r + "->" + rank, "Alltoall OBJECT from " + r);
    }
  }

  static void zeroCounts() throws Exception {
    int[] untouched = {5, 6};
    world.Bcast(untouched, 0, 0, MPI.INT, 0);
    world.Allreduce(new int[0], 0, untouched, 0, 0, MPI.INT, MPI.SUM);
    world.Allgather(new int[0], 0, 0, MPI.INT, untouched, 0, 0, MPI.INT);
    world.Alltoall(new int[0], 0, 0, MPI.INT, untouched, 0, 0, MPI.INT);
    world.Gather(new int[0], 0, 0, MPI.INT, untouched, 0, 0, MPI.INT, 0);
    world.Scatter(new int[0], 0, 0, MPI.INT, untouched, 0, 0, MPI.INT, 0);
    world.Reduce(new int[0], 0, untouched, 0, 0, MPI.INT, MPI.SUM, 0);
    world.Scan(new int[0], 0, untouched, 0, 0, MPI.INT, MPI.SUM);
    int[] zeros = new int[size];
    world.Gatherv(new int[0], 0, 0, MPI.INT, untouched, 0, zeros, zeros, MPI.INT, 0);
    world.Allgatherv(new int[0], 0, 0, MPI.INT, untouched, 0, zeros, zeros, MPI.INT);
    world.Alltoallv(new int[0], 0, zeros, zeros, MPI.INT, untouched, 0, zeros, zeros, MPI.INT);
    world.Reduce_scatter(new int[0], 0, untouched, 0, zeros, MPI.INT, MPI.SUM);
    Expect.equal(untouched, new int[] {5, 6}, "zero-count collectives leave buffers alone");
  }
}
