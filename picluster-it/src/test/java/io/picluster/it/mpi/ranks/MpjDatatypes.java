package io.picluster.it.mpi.ranks;

import java.util.Arrays;
import mpi.Datatype;
import mpi.Intracomm;
import mpi.MPI;
import mpi.Request;
import mpi.Status;

/**
 * Derived datatypes in the mpiJava 1.2 (MPJ Express) vocabulary: displacements, strides, extents
 * and bounds in buffer elements (not bytes), the exact element order of a type map, gaps left
 * untouched on receipt, LB/UB markers, partial items, and derived types in collectives. Rank 0
 * prints "MpjDatatypes passed on N ranks".
 */
public class MpjDatatypes {
  static Intracomm world;
  static int rank;
  static int size;
  static int next;
  static int prev;

  public static void main(String[] args) throws Exception {
    String[] rest = MPI.Init(args);
    world = MPI.COMM_WORLD;
    rank = world.Rank();
    size = world.Size();
    Expect.rank = rank;
    next = (rank + 1) % size;
    prev = (rank - 1 + size) % size;
    new Sections()
        .add("extent-size-lb-ub", MpjDatatypes::extents)
        .add("vector-layout", MpjDatatypes::vectorLayout)
        .add("indexed-hindexed-hvector", MpjDatatypes::indexedAndH)
        .add("struct-and-markers", MpjDatatypes::structAndMarkers)
        .add("partial-items", MpjDatatypes::partialItems)
        .add("derived-in-collectives", MpjDatatypes::derivedInCollectives)
        .add("columns-with-ub", MpjDatatypes::columnsWithUb)
        .add("objects-and-zero", MpjDatatypes::objectsAndZero)
        .add("large-strided", MpjDatatypes::largeStrided)
        .runAndReport(rest, rank, size, "MpjDatatypes", world::Barrier);
    MPI.Finalize();
  }

  static int[] numbered(int n, int r) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = r * 1000 + i;
    }
    return a;
  }

  static Datatype committed(Datatype t) throws Exception {
    t.Commit();
    return t;
  }

  static void bounds(Datatype t, int size, int extent, int lb, int ub, String what) throws Exception {
    Expect.equal(t.Size(), size, what + " Size()");
    Expect.equal(t.Extent(), extent, what + " Extent()");
    Expect.equal(t.Lb(), lb, what + " Lb()");
    Expect.equal(t.Ub(), ub, what + " Ub()");
  }

  static void extents() throws Exception {
    for (Datatype basic : Values.basicTypes()) {
      bounds(basic, 1, 1, 0, 1, Values.name(basic));
    }
    bounds(MPI.OBJECT, 1, 1, 0, 1, "OBJECT");
    bounds(committed(Datatype.Contiguous(3, MPI.INT)), 3, 3, 0, 3, "Contiguous(3, INT)");
    bounds(committed(Datatype.Vector(3, 2, 4, MPI.INT)), 6, 10, 0, 10, "Vector(3, 2, 4, INT)");
    bounds(committed(Datatype.Hvector(3, 2, 4, MPI.INT)), 6, 10, 0, 10, "Hvector(3, 2, 4, INT)");
    bounds(committed(Datatype.Indexed(new int[] {2, 1, 3}, new int[] {5, 0, 9}, MPI.INT)), 6, 12, 0, 12,
        "Indexed({2,1,3}, {5,0,9}, INT)");
    Datatype pairs = committed(Datatype.Contiguous(2, MPI.DOUBLE));
    bounds(committed(Datatype.Vector(2, 1, 3, pairs)), 4, 8, 0, 8, "Vector(2, 1, 3, Contiguous(2, DOUBLE))");
    bounds(committed(Datatype.Hvector(2, 1, 3, pairs)), 4, 5, 0, 5, "Hvector(2, 1, 3, Contiguous(2, DOUBLE))");
    bounds(committed(Datatype.Indexed(new int[] {1, 1}, new int[] {0, 3}, pairs)), 4, 8, 0, 8,
        "Indexed({1,1}, {0,3}, pairs)");
    bounds(committed(Datatype.Hindexed(new int[] {1, 1}, new int[] {0, 3}, pairs)), 4, 5, 0, 5,
        "Hindexed({1,1}, {0,3}, pairs)");
    bounds(committed(Datatype.Struct(new int[] {2, 1}, new int[] {0, 4}, new Datatype[] {MPI.INT, MPI.INT})),
        3, 5, 0, 5, "Struct({2,1}, {0,4}, {INT,INT})");
    bounds(committed(Datatype.Struct(new int[] {1, 1}, new int[] {0, 5}, new Datatype[] {MPI.INT, MPI.UB})),
        1, 5, 0, 5, "Struct with UB at 5");
    bounds(committed(Datatype.Struct(new int[] {1, 1, 1}, new int[] {1, 2, 4},
        new Datatype[] {MPI.LB, MPI.INT, MPI.INT})), 2, 4, 1, 5, "Struct with LB at 1, INTs at 2 and 4");
    bounds(committed(Datatype.Contiguous(0, MPI.INT)), 0, 0, 0, 0, "Contiguous(0, INT)");
  }

  /** Sends ITEMS of TYPE from OUT at OFFSET to the next rank, which receives them as plain INTs. */
  static int[] sendTypedReceiveFlat(Datatype type, int items, int offset, int outLength, int flatCount) throws Exception {
    int[] out = numbered(outLength, rank);
    Request r = world.Isend(out, offset, items, type, next, 1);
    int[] flat = new int[flatCount + 1];
    Status s = world.Recv(flat, 0, flatCount + 1, MPI.INT, prev, 1);
    r.Wait();
    Expect.equal(s.Get_count(MPI.INT), flatCount, "elements a typed send delivers");
    return Arrays.copyOf(flat, flatCount);
  }

  /** Positions of the elements, in order, relative to PREV's numbering. */
  static int[] at(int... positions) {
    int[] v = new int[positions.length];
    for (int i = 0; i < positions.length; i++) {
      v[i] = prev * 1000 + positions[i];
    }
    return v;
  }

  static void vectorLayout() throws Exception {
    Datatype vec = committed(Datatype.Vector(3, 2, 4, MPI.INT));
    Expect.equal(sendTypedReceiveFlat(vec, 1, 1, 12, 6), at(1, 2, 5, 6, 9, 10), "Vector(3,2,4) from offset 1");
    Expect.equal(sendTypedReceiveFlat(vec, 2, 1, 22, 12), at(1, 2, 5, 6, 9, 10, 11, 12, 15, 16, 19, 20),
        "two Vector(3,2,4) items: the second starts one extent (10) later");
    // Flat ints received into the vector type: only its elements change, the gaps keep their values.
    Request r = world.Isend(numbered(6, rank), 0, 6, MPI.INT, next, 2);
    int[] in = new int[13];
    Arrays.fill(in, -1);
    Status s = world.Recv(in, 2, 1, vec, prev, 2);
    r.Wait();
    int[] want = new int[13];
    Arrays.fill(want, -1);
    int[] pos = {2, 3, 6, 7, 10, 11};
    for (int i = 0; i < 6; i++) {
      want[pos[i]] = prev * 1000 + i;
    }
    Expect.equal(in, want, "receive into Vector(3,2,4) at offset 2 leaves the gaps");
    Expect.equal(s.Get_count(vec), 1, "Get_count(vector) of one whole item");
    Expect.equal(s.Get_elements(vec), 6, "Get_elements(vector)");
  }

  static void indexedAndH() throws Exception {
    Datatype idx = committed(Datatype.Indexed(new int[] {2, 1, 3}, new int[] {5, 0, 9}, MPI.INT));
    Expect.equal(sendTypedReceiveFlat(idx, 1, 0, 12, 6), at(5, 6, 0, 9, 10, 11),
        "Indexed sends its blocks in type-map order, not buffer order");
    Datatype pair = committed(Datatype.Contiguous(2, MPI.INT));
    Expect.equal(sendTypedReceiveFlat(committed(Datatype.Vector(2, 1, 3, pair)), 1, 0, 8, 4), at(0, 1, 6, 7),
        "Vector stride counts old-type extents");
    Expect.equal(sendTypedReceiveFlat(committed(Datatype.Hvector(2, 1, 3, pair)), 1, 0, 8, 4), at(0, 1, 3, 4),
        "Hvector stride counts buffer elements (not bytes)");
    Expect.equal(sendTypedReceiveFlat(committed(Datatype.Indexed(new int[] {1, 1}, new int[] {3, 0}, pair)), 1, 0, 8, 4),
        at(6, 7, 0, 1), "Indexed displacements count old-type extents");
    Expect.equal(sendTypedReceiveFlat(committed(Datatype.Hindexed(new int[] {1, 1}, new int[] {3, 0}, pair)), 1, 0, 8, 4),
        at(3, 4, 0, 1), "Hindexed displacements count buffer elements (not bytes)");
    // Nested: a vector of indexed blocks, two items.
    Datatype nested = committed(Datatype.Vector(2, 1, 2, idx)); // idx extent 12, stride 24
    Expect.equal(nested.Extent(), 12 + 24, "Vector(2,1,2, indexed) extent");
    Expect.equal(sendTypedReceiveFlat(nested, 1, 0, 40, 12), at(5, 6, 0, 9, 10, 11, 29, 30, 24, 33, 34, 35),
        "vector of indexed blocks");
  }

  static void structAndMarkers() throws Exception {
    Datatype st = committed(Datatype.Struct(new int[] {2, 1}, new int[] {0, 4}, new Datatype[] {MPI.INT, MPI.INT}));
    Expect.equal(sendTypedReceiveFlat(st, 2, 1, 12, 6), at(1, 2, 5, 6, 7, 10), "two Struct({2,1},{0,4}) items, extent 5");
    Datatype withUb = committed(Datatype.Struct(new int[] {2, 1, 1}, new int[] {0, 4, 6},
        new Datatype[] {MPI.INT, MPI.INT, MPI.UB}));
    Expect.equal(withUb.Extent(), 6, "Struct extent set by UB");
    Expect.equal(sendTypedReceiveFlat(withUb, 2, 0, 12, 6), at(0, 1, 4, 6, 7, 10), "two items of a Struct with UB at 6");
    Datatype withLb = committed(Datatype.Struct(new int[] {1, 1, 1}, new int[] {1, 2, 4},
        new Datatype[] {MPI.LB, MPI.INT, MPI.INT}));
    // Items follow each other at the extent (4); the type map itself starts at displacement 2.
    Expect.equal(sendTypedReceiveFlat(withLb, 2, 0, 12, 4), at(2, 4, 6, 8), "two items of a Struct with LB at 1");
    // Receiving into a struct type fills only its elements.
    Request r = world.Isend(numbered(3, rank), 0, 3, MPI.INT, next, 3);
    int[] in = new int[7];
    Arrays.fill(in, -1);
    world.Recv(in, 1, 1, st, prev, 3);
    r.Wait();
    Expect.equal(in, new int[] {-1, prev * 1000, prev * 1000 + 1, -1, -1, prev * 1000 + 2, -1},
        "receive into Struct({2,1},{0,4}) at offset 1");
  }

  /** A message that ends inside an item: Get_count is UNDEFINED, Get_elements counts what came. */
  static void partialItems() throws Exception {
    Datatype pair = committed(Datatype.Contiguous(2, MPI.INT));
    Request r = world.Isend(numbered(5, rank), 0, 5, MPI.INT, next, 4);
    int[] in = new int[7];
    Arrays.fill(in, -1);
    Status s = world.Recv(in, 0, 3, pair, prev, 4);
    r.Wait();
    Expect.equal(s.Get_count(pair), MPI.UNDEFINED, "Get_count of 2.5 pairs");
    Expect.equal(s.Get_elements(pair), 5, "Get_elements of 2.5 pairs");
    Expect.equal(in, new int[] {prev * 1000, prev * 1000 + 1, prev * 1000 + 2, prev * 1000 + 3, prev * 1000 + 4, -1, -1},
        "2.5 pairs received");
  }

  static void derivedInCollectives() throws Exception {
    Datatype vec = committed(Datatype.Vector(2, 1, 3, MPI.DOUBLE));
    double[] buf = new double[5];
    Arrays.fill(buf, -1);
    if (rank == 0) {
      buf[1] = 1.5;
      buf[4] = 4.5;
    }
    world.Bcast(buf, 1, 1, vec, 0);
    Expect.equal(buf, new double[] {-1, 1.5, -1, -1, 4.5}, "Bcast of a vector leaves the gaps");
    // Gather: each rank's two ints land 3 apart in the root's buffer, one item per rank.
    Datatype spread = committed(Datatype.Struct(new int[] {1, 1, 1}, new int[] {0, 3, 4},
        new Datatype[] {MPI.INT, MPI.INT, MPI.UB})); // extent 4: items interleave in blocks of 4
    int[] all = new int[4 * size];
    Arrays.fill(all, -1);
    world.Gather(new int[] {rank, -rank - 1}, 0, 2, MPI.INT, all, 0, 1, spread, 0);
    if (rank == 0) {
      int[] want = new int[4 * size];
      Arrays.fill(want, -1);
      for (int r = 0; r < size; r++) {
        want[4 * r] = r;
        want[4 * r + 3] = -r - 1;
      }
      Expect.equal(all, want, "Gather into a struct type with UB");
    }
    // Allreduce on a vector type reduces only its elements.
    int[] mine = {rank, 99, rank * 2, 99};
    int[] sum = {-1, -1, -1, -1};
    Datatype every2 = committed(Datatype.Vector(2, 1, 2, MPI.INT));
    world.Allreduce(mine, 0, sum, 0, 1, every2, MPI.SUM);
    int tri = size * (size - 1) / 2;
    Expect.equal(sum, new int[] {tri, -1, 2 * tri, -1}, "Allreduce SUM over Vector(2,1,2)");
  }

  /**
   * Scatter the columns of a row-major matrix: a column is Vector(rows, 1, size), its UB at 1 makes
   * the next column start one element later.
   */
  static void columnsWithUb() throws Exception {
    int rows = 3;
    Datatype column = committed(Datatype.Vector(rows, 1, size, MPI.LONG));
    Datatype step = committed(Datatype.Struct(new int[] {1, 1}, new int[] {0, 1}, new Datatype[] {column, MPI.UB}));
    Expect.equal(step.Extent(), 1, "column type with UB at 1: extent");
    long[] matrix = new long[rows * size];
    if (rank == 0) {
      for (int i = 0; i < rows * size; i++) {
        matrix[i] = 100 * (i / size) + (i % size); // 100*row + column
      }
    }
    long[] mine = new long[rows];
    world.Scatter(matrix, 0, 1, step, mine, 0, rows, MPI.LONG, 0);
    Expect.equal(mine, new long[] {rank, 100 + rank, 200 + rank}, "column " + rank + " of the matrix");
    long[] back = new long[rows * size];
    world.Allgather(mine, 0, rows, MPI.LONG, back, 0, 1, step);
    long[] want = new long[rows * size];
    for (int i = 0; i < rows * size; i++) {
      want[i] = 100 * (i / size) + (i % size);
    }
    Expect.equal(back, want, "columns gathered back into the matrix");
  }

  static void objectsAndZero() throws Exception {
    Datatype everyOther = committed(Datatype.Vector(2, 1, 2, MPI.OBJECT));
    Object[] out = {"a" + rank, "skip", rank, "skip"};
    Request r = world.Isend(out, 0, 1, everyOther, next, 5);
    Object[] in = new Object[3];
    world.Recv(in, 0, 2, MPI.OBJECT, prev, 5);
    r.Wait();
    Expect.equal(in, new Object[] {"a" + prev, prev, null}, "Vector of OBJECT");
    Datatype none = committed(Datatype.Contiguous(0, MPI.INT));
    r = world.Isend(new int[] {1}, 0, 3, none, next, 6);
    int[] keep = {7};
    Status s = world.Recv(keep, 0, 1, MPI.INT, prev, 6);
    r.Wait();
    Expect.equal(s.Get_count(MPI.INT), 0, "3 items of an empty type carry nothing");
    Expect.equal(keep, new int[] {7}, "empty type leaves the buffer");
  }

  /** A strided type over 200000 doubles (a megabyte and a half of buffer), both ways. */
  static void largeStrided() throws Exception {
    int n = 200_000;
    Datatype evens = committed(Datatype.Vector(n, 1, 2, MPI.DOUBLE));
    double[] out = new double[2 * n];
    for (int i = 0; i < 2 * n; i++) {
      out[i] = i % 2 == 0 ? rank + i : -1;
    }
    double[] in = new double[2 * n];
    java.util.Arrays.fill(in, -2);
    world.Sendrecv(out, 0, 1, evens, next, 7, in, 1, 1, evens, prev, 7);
    for (int i = 0; i < 2 * n; i += 1) {
      double want = i % 2 == 1 ? prev + (i - 1) : -2;
      if (in[i] != want) {
        throw Expect.fail("large strided element " + i + ": expected " + want + " but got " + in[i]);
      }
    }
  }
}
