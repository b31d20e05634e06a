package io.picluster.it.mpi.ranks;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import mpi.Datatype;
import mpi.DoubleInt;
import mpi.FloatInt;
import mpi.Int2;
import mpi.Intracomm;
import mpi.LongInt;
import mpi.MPI;
import mpi.MPIException;
import mpi.Op;
import mpi.Request;
import mpi.ShortInt;
import mpi.UserFunction;

/**
 * Collectives in the Open MPI Java vocabulary on Comm/Intracomm: arrays and buffers, the in-place
 * forms, v-forms with uneven and zero counts, every builtin op, MAXLOC/MINLOC with the pair types,
 * user functions (array and ByteBuffer forms), scan/exScan/reduceScatter(Block), reduceLocal and
 * the non-blocking collectives. Rank 0 prints "OmpiCollectives passed on N ranks".
 */
public class OmpiCollectives {
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
        .add("bcast", OmpiCollectives::bcast)
        .add("gather-scatter-allgather-alltoall", OmpiCollectives::gatherScatter)
        .add("in-place-forms", OmpiCollectives::inPlace)
        .add("v-forms-uneven-with-gaps", OmpiCollectives::vForms)
        .add("reduce-every-op-and-type", OmpiCollectives::reduceEveryOp)
        .add("scan-exscan-reduce-scatter", OmpiCollectives::scanAndScatter)
        .add("maxloc-minloc-pair-types", OmpiCollectives::maxlocMinloc)
        .add("user-functions", OmpiCollectives::userFunctions)
        .add("nonblocking-collectives", OmpiCollectives::nonblocking)
        .add("zero-counts", OmpiCollectives::zeroCounts)
        .runAndReport(rest, rank, size, "OmpiCollectives", world::barrier);
    MPI.Finalize();
  }

  static void bcast() throws Exception {
    for (int root = 0; root < size; root++) {
      for (Datatype type : Values.basicTypes()) {
        Object buf = rank == root ? Values.filled(type, 4, root) : Values.zeros(type, 4);
        world.bcast(buf, 4, type, root);
        Expect.equal(buf, Values.filled(type, 4, root), "bcast array " + Values.name(type) + " from " + root);
      }
      DoubleBuffer d = MPI.newDoubleBuffer(3);
      if (rank == root) {
        d.put(0, root + 0.5).put(1, -1e-300).put(2, Double.MAX_VALUE);
      }
      world.bcast(d, 3, MPI.DOUBLE, root);
      Expect.equal(new double[] {d.get(0), d.get(1), d.get(2)}, new double[] {root + 0.5, -1e-300, Double.MAX_VALUE},
          "bcast direct buffer from " + root);
      int[] backing = {-1, 0, 0, -1};
      if (rank == root) {
        backing[1] = root;
        backing[2] = root + 1;
      }
      world.bcast(MPI.slice(backing, 1), 2, MPI.INT, root);
      Expect.equal(backing, new int[] {-1, root, root + 1, -1}, "bcast into a slice from " + root);
    }
  }

  static void gatherScatter() throws Exception {
    for (int root = 0; root < size; root++) {
      int[] all = new int[2 * size];
      world.gather(new int[] {rank, -rank}, 2, MPI.INT, all, 2, MPI.INT, root);
      if (rank == root) {
        for (int r = 0; r < size; r++) {
          Expect.equal(new int[] {all[2 * r], all[2 * r + 1]}, new int[] {r, -r}, "gather block of " + r + " at " + root);
        }
      }
      long[] deal = new long[3 * size];
      for (int i = 0; i < deal.length; i++) {
        deal[i] = rank == root ? root * 1000 + i : -1;
      }
      long[] got = new long[3];
      world.scatter(deal, 3, MPI.LONG, got, 3, MPI.LONG, root);
      Expect.equal(got, new long[] {root * 1000 + 3 * rank, root * 1000 + 3 * rank + 1, root * 1000 + 3 * rank + 2},
          "scatter from " + root);
    }
    IntBuffer every = MPI.newIntBuffer(size);
    world.allGather(MPI.newIntBuffer(1).put(0, rank * 7), 1, MPI.INT, every, 1, MPI.INT);
    for (int r = 0; r < size; r++) {
      Expect.equal(every.get(r), r * 7, "allGather with direct buffers, element " + r);
    }
    short[] out = new short[size];
    for (int j = 0; j < size; j++) {
      out[j] = (short) (rank * 10 + j);
    }
    short[] in = new short[size];
    world.allToAll(out, 1, MPI.SHORT, in, 1, MPI.SHORT);
    for (int r = 0; r < size; r++) {
      Expect.equal(in[r], r * 10 + rank, "allToAll from " + r);
    }
  }

  /** The forms with one buffer: the root's (or every rank's) own part stays in place. */
  static void inPlace() throws Exception {
    int root = size - 1;
    int[] g = rank == root ? new int[2 * size] : new int[] {rank, rank + 100};
    if (rank == root) {
      g[2 * root] = root;
      g[2 * root + 1] = root + 100;
    }
    world.gather(g, 2, MPI.INT, root);
    if (rank == root) {
      for (int r = 0; r < size; r++) {
        Expect.equal(new int[] {g[2 * r], g[2 * r + 1]}, new int[] {r, r + 100}, "in-place gather block " + r);
      }
    }
    int[] s = rank == root ? new int[size] : new int[] {-1};
    if (rank == root) {
      for (int r = 0; r < size; r++) {
        s[r] = r * 3;
      }
    }
    world.scatter(s, 1, MPI.INT, root);
    Expect.equal(s[rank == root ? root : 0], rank * 3, "in-place scatter");
    double[] a = new double[size];
    a[rank] = rank + 0.25;
    world.allGather(a, 1, MPI.DOUBLE);
    for (int r = 0; r < size; r++) {
      Expect.equal(a[r], r + 0.25, "in-place allGather element " + r);
    }
    long[] sum = {rank, 1};
    world.allReduce(sum, 2, MPI.LONG, MPI.SUM);
    Expect.equal(sum, new long[] {(long) size * (size - 1) / 2, size}, "in-place allReduce");
    int[] red = {rank + 1};
    world.reduce(red, 1, MPI.INT, MPI.PROD, 0);
    if (rank == 0) {
      int f = 1;
      for (int r = 1; r <= size; r++) {
        f *= r;
      }
      Expect.equal(red[0], f, "in-place reduce PROD at the root");
    }
    int[] counts = new int[size];
    int[] displs = new int[size];
    int total = 0;
    for (int r = 0; r < size; r++) {
      counts[r] = r % 3;
      displs[r] = total;
      total += counts[r];
    }
    int[] gv = rank == 0 ? new int[total] : new int[counts[rank]];
    for (int k = 0; k < counts[rank]; k++) {
      gv[rank == 0 ? displs[0] + k : k] = rank * 10 + k;
    }
    if (rank == 0) {
      world.gatherv(gv, counts, displs, MPI.INT, 0);
      for (int r = 0; r < size; r++) {
        for (int k = 0; k < counts[r]; k++) {
          Expect.equal(gv[displs[r] + k], r * 10 + k, "in-place gatherv rank " + r + " element " + k);
        }
      }
    } else {
      world.gatherv(gv, counts[rank], MPI.INT, 0);
    }
    int[] sv = rank == 0 ? new int[total] : new int[counts[rank]];
    if (rank == 0) {
      for (int r = 0; r < size; r++) {
        for (int k = 0; k < counts[r]; k++) {
          sv[displs[r] + k] = -(r * 10 + k);
        }
      }
      world.scatterv(sv, counts, displs, MPI.INT, 0);
    } else {
      world.scatterv(sv, counts[rank], MPI.INT, 0);
      for (int k = 0; k < counts[rank]; k++) {
        Expect.equal(sv[k], -(rank * 10 + k), "in-place scatterv element " + k);
      }
    }
    int[] agv = new int[total];
    for (int k = 0; k < counts[rank]; k++) {
      agv[displs[rank] + k] = rank * 10 + k;
    }
    world.allGatherv(agv, counts, displs, MPI.INT);
    for (int r = 0; r < size; r++) {
      for (int k = 0; k < counts[r]; k++) {
        Expect.equal(agv[displs[r] + k], r * 10 + k, "in-place allGatherv rank " + r + " element " + k);
      }
    }
  }

  static void vForms() throws Exception {
    int[] counts = new int[size];
    for (int i = 0; i < size; i++) {
      counts[i] = MpjCollectives.count(i);
    }
    int[] displs = MpjCollectives.reverseDispls(counts);
    int len = MpjCollectives.span(counts, displs);
    int[] mine = new int[counts[rank]];
    for (int k = 0; k < counts[rank]; k++) {
      mine[k] = rank * 100 + k;
    }
    int[] full = new int[len];
    Arrays.fill(full, MpjCollectives.GAP);
    for (int r = 0; r < size; r++) {
      for (int k = 0; k < counts[r]; k++) {
        full[displs[r] + k] = r * 100 + k;
      }
    }
    for (int root = 0; root < size; root++) {
      int[] all = new int[len];
      Arrays.fill(all, MpjCollectives.GAP);
      world.gatherv(mine, counts[rank], MPI.INT, all, counts, displs, MPI.INT, root);
      if (rank == root) {
        Expect.equal(all, full, "gatherv at " + root + " (counts " + Arrays.toString(counts) + ")");
      }
      int[] got = new int[counts[rank] + 1];
      Arrays.fill(got, MpjCollectives.GAP);
      world.scatterv(full, counts, displs, MPI.INT, got, counts[rank], MPI.INT, root);
      int[] want = new int[counts[rank] + 1];
      Arrays.fill(want, MpjCollectives.GAP);
      System.arraycopy(mine, 0, want, 0, counts[rank]);
      Expect.equal(got, want, "scatterv from " + root);
    }
    int[] all = new int[len];
    Arrays.fill(all, MpjCollectives.GAP);
    world.allGatherv(mine, counts[rank], MPI.INT, all, counts, displs, MPI.INT);
    Expect.equal(all, full, "allGatherv");
    int[] scounts = new int[size];
    int[] sdispls = new int[size];
    int[] rcounts = new int[size];
    int[] rdispls = new int[size];
    int sat = 0;
    int rat = 0;
    for (int j = 0; j < size; j++) {
      scounts[j] = (rank + 2 * j) % 3;
      rcounts[j] = (j + 2 * rank) % 3;
      sdispls[j] = sat;
      rdispls[j] = rat + 1; // one-element gaps on the receive side
      sat += scounts[j];
      rat += rcounts[j] + 1;
    }
    double[] out = new double[sat];
    for (int j = 0; j < size; j++) {
      for (int k = 0; k < scounts[j]; k++) {
        out[sdispls[j] + k] = rank * 100 + j + k / 10.0;
      }
    }
    double[] in = new double[rat + 1];
    Arrays.fill(in, -7);
    world.allToAllv(out, scounts, sdispls, MPI.DOUBLE, in, rcounts, rdispls, MPI.DOUBLE);
    double[] want = new double[rat + 1];
    Arrays.fill(want, -7);
    for (int j = 0; j < size; j++) {
      for (int k = 0; k < rcounts[j]; k++) {
        want[rdispls[j] + k] = j * 100 + rank + k / 10.0;
      }
    }
    Expect.equal(in, want, "allToAllv");
    // scatterv may send overlapping parts of the root's buffer: here everyone gets the same two.
    int[] same = {41, 42, 43};
    int[] twos = new int[size];
    Arrays.fill(twos, 2);
    int[] got = new int[2];
    world.scatterv(same, twos, new int[size], MPI.INT, got, 2, MPI.INT, 0);
    Expect.equal(got, new int[] {41, 42}, "scatterv with overlapping send blocks");
    // allToAllw: per-peer types; displacements are in bytes, as Open MPI passes them to C.
    Datatype[] types = new Datatype[size];
    int[] ones = new int[size];
    int[] bytes = new int[size];
    for (int j = 0; j < size; j++) {
      types[j] = MPI.INT;
      ones[j] = 1;
      bytes[j] = 4 * j;
    }
    IntBuffer wout = MPI.newIntBuffer(size);
    for (int j = 0; j < size; j++) {
      wout.put(j, rank * 10 + j);
    }
    IntBuffer win = MPI.newIntBuffer(size);
    world.allToAllw(wout, ones, bytes, types, win, ones, bytes, types);
    for (int j = 0; j < size; j++) {
      Expect.equal(win.get(j), j * 10 + rank, "allToAllw from " + j);
    }
  }

  static void reduceEveryOp() throws Exception {
    int root = size / 2;
    for (Op op : Reductions.ops()) {
      for (Datatype type : Reductions.typesFor(op)) {
        String what = Reductions.name(op) + " on " + Values.name(type);
        Object expected = Reductions.expected(type, op, size);
        Object recv = Values.zeros(type, Reductions.COUNT);
        world.reduce(Reductions.contribution(type, op, rank), recv, Reductions.COUNT, type, op, root);
        if (rank == root) {
          Expect.equal(recv, expected, "reduce " + what);
        }
        Object all = Values.zeros(type, Reductions.COUNT);
        world.allReduce(Reductions.contribution(type, op, rank), all, Reductions.COUNT, type, op);
        Expect.equal(all, expected, "allReduce " + what);
        if (type != MPI.BOOLEAN) {
          java.nio.Buffer in = Buffers.directOf(type, Reductions.contribution(type, op, rank));
          java.nio.Buffer res = Buffers.direct(type, Reductions.COUNT);
          world.allReduce(in, res, Reductions.COUNT, type, op);
          Expect.equal(Buffers.contents(type, res, Reductions.COUNT), expected, "allReduce direct buffers " + what);
        }
      }
    }
    // reduceLocal: inout = in op inout, no communication.
    int[] inout = {5, 1, -3};
    mpi.Comm.reduceLocal(new int[] {2, 7, -4}, inout, 3, MPI.INT, MPI.MAX);
    Expect.equal(inout, new int[] {5, 7, -3}, "reduceLocal MAX");
    Expect.that(MPI.SUM.isCommutative(), "SUM is commutative");
  }

  static void scanAndScatter() throws Exception {
    for (Op op : new Op[] {MPI.SUM, MPI.MAX, MPI.PROD}) {
      for (Datatype type : new Datatype[] {MPI.INT, MPI.LONG, MPI.DOUBLE}) {
        String what = Reductions.name(op) + " on " + Values.name(type);
        Object out = Values.zeros(type, Reductions.COUNT);
        world.scan(Reductions.contribution(type, op, rank), out, Reductions.COUNT, type, op);
        Expect.equal(out, Reductions.prefix(type, op, rank), "scan " + what);
        Object ex = Values.zeros(type, Reductions.COUNT);
        world.exScan(Reductions.contribution(type, op, rank), ex, Reductions.COUNT, type, op);
        if (rank > 0) { // rank 0's result is undefined in MPI
          Expect.equal(ex, Reductions.prefix(type, op, rank - 1), "exScan " + what);
        }
        Object inPlace = Reductions.contribution(type, op, rank);
        world.scan(inPlace, Reductions.COUNT, type, op);
        Expect.equal(inPlace, Reductions.prefix(type, op, rank), "in-place scan " + what);
        Object exInPlace = Reductions.contribution(type, op, rank);
        world.exScan(exInPlace, Reductions.COUNT, type, op);
        if (rank > 0) {
          Expect.equal(exInPlace, Reductions.prefix(type, op, rank - 1), "in-place exScan " + what);
        }
      }
    }
    int[] counts = new int[size];
    int total = 0;
    for (int i = 0; i < size; i++) {
      counts[i] = MpjCollectives.count(i);
      total += counts[i];
    }
    int[] send = new int[total];
    for (int k = 0; k < total; k++) {
      send[k] = rank + 100 * k;
    }
    int start = 0;
    for (int i = 0; i < rank; i++) {
      start += counts[i];
    }
    int[] want = new int[counts[rank]];
    for (int k = 0; k < counts[rank]; k++) {
      want[k] = size * (size - 1) / 2 + 100 * (start + k) * size;
    }
    int[] recv = new int[counts[rank]];
    world.reduceScatter(send, recv, counts, MPI.INT, MPI.SUM);
    Expect.equal(recv, want, "reduceScatter with counts " + Arrays.toString(counts));
    int[] inPlace = send.clone();
    world.reduceScatter(inPlace, counts, MPI.INT, MPI.SUM);
    Expect.equal(Arrays.copyOf(inPlace, counts[rank]), want, "in-place reduceScatter");
    long[] block = new long[2 * size];
    for (int k = 0; k < 2 * size; k++) {
      block[k] = rank * (k + 1);
    }
    long[] mine = new long[2];
    world.reduceScatterBlock(block, mine, 2, MPI.LONG, MPI.SUM);
    long tri = (long) size * (size - 1) / 2;
    Expect.equal(mine, new long[] {tri * (2 * rank + 1), tri * (2 * rank + 2)}, "reduceScatterBlock");
    world.reduceScatterBlock(block, 2, MPI.LONG, MPI.SUM);
    Expect.equal(Arrays.copyOf(block, 2), new long[] {tri * (2 * rank + 1), tri * (2 * rank + 2)},
        "in-place reduceScatterBlock");
  }

  static void maxlocMinloc() throws Exception {
    // MPI.INT2 on int[] pairs (value, index).
    int[] pairs = {rank % 2 == 0 ? 10 : 20, rank, 5, rank, rank, rank};
    int[] max = new int[6];
    world.allReduce(pairs, max, 3, MPI.INT2, MPI.MAXLOC);
    Expect.equal(max, new int[] {size > 1 ? 20 : 10, size > 1 ? 1 : 0, 5, 0, size - 1, size - 1}, "MAXLOC on INT2");
    int[] min = new int[6];
    world.allReduce(pairs, min, 3, MPI.INT2, MPI.MINLOC);
    Expect.equal(min, new int[] {10, 0, 5, 0, 0, 0}, "MINLOC on INT2");
    // MPI.DOUBLE_INT through the doubleInt struct in a ByteBuffer.
    DoubleInt type = MPI.doubleInt;
    ByteBuffer in = MPI.newByteBuffer(2 * type.getExtent());
    ByteBuffer out = MPI.newByteBuffer(2 * type.getExtent());
    DoubleInt.Data a = type.getData(in, 0);
    a.putValue(-rank - 0.5);
    a.putIndex(rank * 10);
    DoubleInt.Data b = type.getData(in, 1);
    b.putValue(1.5);
    b.putIndex(rank * 10 + 1);
    world.allReduce(in, out, 2, MPI.DOUBLE_INT, MPI.MAXLOC);
    DoubleInt.Data r0 = type.getData(out, 0);
    DoubleInt.Data r1 = type.getData(out, 1);
    Expect.equal(r0.getValue(), -0.5, "MAXLOC DOUBLE_INT value");
    Expect.equal(r0.getIndex(), 0, "MAXLOC DOUBLE_INT index");
    Expect.equal(r1.getValue(), 1.5, "MAXLOC DOUBLE_INT tied value");
    Expect.equal(r1.getIndex(), 1, "MAXLOC DOUBLE_INT tie takes the lowest index");
    world.allReduce(in, out, 2, MPI.DOUBLE_INT, MPI.MINLOC);
    DoubleInt.Data m0 = type.getData(out, 0);
    Expect.equal(m0.getValue(), -(size - 1) - 0.5, "MINLOC DOUBLE_INT value");
    Expect.equal(m0.getIndex(), (size - 1) * 10, "MINLOC DOUBLE_INT index");
    // The other pair types, one item each.
    ByteBuffer li = MPI.newByteBuffer(MPI.longInt.getExtent());
    ByteBuffer lo = MPI.newByteBuffer(MPI.longInt.getExtent());
    LongInt.Data ld = MPI.longInt.getData(li);
    ld.putValue(rank * 1_000_000_000_000L);
    ld.putIndex(rank);
    world.allReduce(li, lo, 1, MPI.LONG_INT, MPI.MAXLOC);
    LongInt.Data lr = MPI.longInt.getData(lo);
    Expect.equal(lr.getValue(), (size - 1) * 1_000_000_000_000L, "MAXLOC LONG_INT value");
    Expect.equal(lr.getIndex(), size - 1, "MAXLOC LONG_INT index");
    ByteBuffer fi = MPI.newByteBuffer(MPI.floatInt.getExtent());
    ByteBuffer fo = MPI.newByteBuffer(MPI.floatInt.getExtent());
    FloatInt.Data fd = MPI.floatInt.getData(fi);
    fd.putValue(rank + 0.5f);
    fd.putIndex(rank);
    world.allReduce(fi, fo, 1, MPI.FLOAT_INT, MPI.MINLOC);
    FloatInt.Data fr = MPI.floatInt.getData(fo);
    Expect.equal(fr.getValue(), 0.5f, "MINLOC FLOAT_INT value");
    Expect.equal(fr.getIndex(), 0, "MINLOC FLOAT_INT index");
    ByteBuffer si = MPI.newByteBuffer(MPI.shortInt.getExtent());
    ByteBuffer so = MPI.newByteBuffer(MPI.shortInt.getExtent());
    ShortInt.Data sd = MPI.shortInt.getData(si);
    sd.putValue((short) (rank * 3));
    sd.putIndex(-rank);
    world.allReduce(si, so, 1, MPI.SHORT_INT, MPI.MAXLOC);
    ShortInt.Data sr = MPI.shortInt.getData(so);
    Expect.equal(sr.getValue(), (short) ((size - 1) * 3), "MAXLOC SHORT_INT value");
    Expect.equal(sr.getIndex(), -(size - 1), "MAXLOC SHORT_INT index");
    ByteBuffer ii = MPI.newByteBuffer(MPI.int2.getExtent());
    ByteBuffer io = MPI.newByteBuffer(MPI.int2.getExtent());
    Int2.Data id = MPI.int2.getData(ii);
    id.putValue(7);
    id.putIndex(rank + 3);
    world.reduce(ii, io, 1, MPI.INT2, MPI.MINLOC, 0);
    if (rank == 0) {
      Int2.Data ir = MPI.int2.getData(io);
      Expect.equal(ir.getValue(), 7, "MINLOC INT2 through int2 struct, value");
      Expect.equal(ir.getIndex(), 3, "MINLOC INT2 tie takes the lowest index");
    }
  }

  /** Affine maps on (a, b) int pairs, composed in rank order: associative, not commutative. */
  static final class Compose extends UserFunction {
    @Override
    public void call(Object inVec, Object inOutVec, int count, Datatype datatype) {
      int[] in = (int[]) inVec;
      int[] io = (int[]) inOutVec;
      for (int i = 0; i < count; i++) {
        int a1 = in[2 * i];
        int b1 = in[2 * i + 1];
        int a2 = io[2 * i];
        int b2 = io[2 * i + 1];
        io[2 * i] = a1 * a2;
        io[2 * i + 1] = a1 * b2 + b1;
      }
    }
  }

  /** The lowest rank's value wins, written against the ByteBuffer form. */
  static final class FirstBytes extends UserFunction {
    @Override
    public void call(ByteBuffer in, ByteBuffer inOut, int count, Datatype datatype) {
      IntBuffer a = in.order(java.nio.ByteOrder.nativeOrder()).asIntBuffer();
      IntBuffer b = inOut.order(java.nio.ByteOrder.nativeOrder()).asIntBuffer();
      for (int i = 0; i < count; i++) {
        b.put(i, a.get(i));
      }
    }
  }

  static void userFunctions() throws Exception {
    Datatype pair = Datatype.createContiguous(2, MPI.INT);
    pair.commit();
    Op compose = new Op(new Compose(), false);
    Expect.that(!compose.isCommutative(), "a user op made non-commutative says so");
    int[] maps = MpjCollectives.affine(rank);
    int[] result = new int[6];
    world.allReduce(maps, result, 3, pair, compose);
    Expect.equal(result, MpjCollectives.composed(0, size - 1), "allReduce with composition (array form)");
    world.reduce(maps, result, 3, pair, compose, size - 1);
    if (rank == size - 1) {
      Expect.equal(result, MpjCollectives.composed(0, size - 1), "reduce with composition at the last rank");
    }
    world.scan(maps, result, 3, pair, compose);
    Expect.equal(result, MpjCollectives.composed(0, rank), "scan with composition");
    Op first = new Op(new FirstBytes(), false);
    IntBuffer in = MPI.newIntBuffer(2).put(0, rank + 1).put(1, -rank);
    IntBuffer out = MPI.newIntBuffer(2);
    world.allReduce(in, out, 2, MPI.INT, first);
    Expect.equal(new int[] {out.get(0), out.get(1)}, new int[] {1, 0}, "allReduce with a ByteBuffer user function");
    first.free();
  }

  static void nonblocking() throws Exception {
    Request barrier = world.iBarrier();
    barrier.waitFor();
    IntBuffer b = MPI.newIntBuffer(2);
    if (rank == 0) {
      b.put(0, 11).put(1, 12);
    }
    Request[] rs = new Request[6];
    rs[0] = world.iBcast(b, 2, MPI.INT, 0);
    IntBuffer sum = MPI.newIntBuffer(1);
    rs[1] = world.iAllReduce(MPI.newIntBuffer(1).put(0, rank), sum, 1, MPI.INT, MPI.SUM);
    IntBuffer gathered = MPI.newIntBuffer(size);
    rs[2] = world.iAllGather(MPI.newIntBuffer(1).put(0, rank * 2), 1, MPI.INT, gathered, 1, MPI.INT);
    IntBuffer ata = MPI.newIntBuffer(size);
    IntBuffer ataOut = MPI.newIntBuffer(size);
    for (int j = 0; j < size; j++) {
      ataOut.put(j, rank * 100 + j);
    }
    rs[3] = world.iAllToAll(ataOut, 1, MPI.INT, ata, 1, MPI.INT);
    IntBuffer sc = MPI.newIntBuffer(1);
    rs[4] = world.iScan(MPI.newIntBuffer(1).put(0, 1), sc, 1, MPI.INT, MPI.SUM);
    IntBuffer red = MPI.newIntBuffer(1);
    rs[5] = world.iReduce(MPI.newIntBuffer(1).put(0, rank + 1), red, 1, MPI.INT, MPI.MAX, 0);
    Request.waitAll(rs);
    Expect.equal(new int[] {b.get(0), b.get(1)}, new int[] {11, 12}, "iBcast");
    Expect.equal(sum.get(0), size * (size - 1) / 2, "iAllReduce");
    for (int r = 0; r < size; r++) {
      Expect.equal(gathered.get(r), r * 2, "iAllGather element " + r);
      Expect.equal(ata.get(r), r * 100 + rank, "iAllToAll from " + r);
    }
    Expect.equal(sc.get(0), rank + 1, "iScan");
    if (rank == 0) {
      Expect.equal(red.get(0), size, "iReduce MAX");
    }
    IntBuffer g = MPI.newIntBuffer(size);
    world.iGather(MPI.newIntBuffer(1).put(0, -rank), 1, MPI.INT, g, 1, MPI.INT, 0).waitFor();
    if (rank == 0) {
      for (int r = 0; r < size; r++) {
        Expect.equal(g.get(r), -r, "iGather element " + r);
      }
    }
    IntBuffer one = MPI.newIntBuffer(1);
    world.iScatter(g, 1, MPI.INT, one, 1, MPI.INT, 0).waitFor();
    Expect.equal(one.get(0), -rank, "iScatter");
    IntBuffer rsb = MPI.newIntBuffer(1);
    IntBuffer full = MPI.newIntBuffer(size);
    for (int j = 0; j < size; j++) {
      full.put(j, j);
    }
    world.iReduceScatterBlock(full, rsb, 1, MPI.INT, MPI.SUM).waitFor();
    Expect.equal(rsb.get(0), rank * size, "iReduceScatterBlock");
  }

  static void zeroCounts() throws Exception {
    int[] keep = {3, 4};
    world.bcast(keep, 0, MPI.INT, 0);
    world.allReduce(new int[0], keep, 0, MPI.INT, MPI.SUM);
    world.allGather(new int[0], 0, MPI.INT, keep, 0, MPI.INT);
    world.allToAll(new int[0], 0, MPI.INT, keep, 0, MPI.INT);
    world.gather(new int[0], 0, MPI.INT, keep, 0, MPI.INT, 0);
    world.reduce(new int[0], keep, 0, MPI.INT, MPI.MAX, 0);
    world.scan(new int[0], keep, 0, MPI.INT, MPI.SUM);
    int[] zeros = new int[size];
    world.allGatherv(new int[0], 0, MPI.INT, keep, zeros, zeros, MPI.INT);
    world.allToAllv(new int[0], zeros, zeros, MPI.INT, keep, zeros, zeros, MPI.INT);
    world.reduceScatter(new int[0], keep, zeros, MPI.INT, MPI.SUM);
    Expect.equal(keep, new int[] {3, 4}, "zero-count collectives leave buffers alone");
  }
}
