package io.picluster.it.mpi.ranks;

import java.nio.ByteBuffer;
import java.util.Arrays;
import mpi.Datatype;
import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;
import mpi.Request;
import mpi.Status;
import mpi.Struct;

/**
 * Derived datatypes in the Open MPI Java vocabulary: extents and bounds in base-type elements,
 * the H-forms and createResized in bytes (as Open MPI passes them to C), a user Struct subclass
 * in a ByteBuffer, pack/unpack with byte[], partial items. Rank 0 prints "OmpiDatatypes passed on
 * N ranks".
 */
public class OmpiDatatypes {
  static Intracomm world;
  static int rank;
  static int size;
  static int next;
  static int prev;

  public static void main(String[] args) throws MPIException, Exception {
    String[] rest = MPI.Init(args);
    world = MPI.COMM_WORLD;
    rank = world.getRank();
    size = world.getSize();
    Expect.rank = rank;
    next = (rank + 1) % size;
    prev = (rank - 1 + size) % size;
    new Sections()
        .add("extents", OmpiDatatypes::extents)
        .add("layouts", OmpiDatatypes::layouts)
        .add("resized-columns", OmpiDatatypes::resizedColumns)
        .add("struct-subclass", OmpiDatatypes::structSubclass)
        .add("pack-unpack", OmpiDatatypes::packUnpack)
        .add("partial-items", OmpiDatatypes::partialItems)
        .runAndReport(rest, rank, size, "OmpiDatatypes", world::barrier);
    MPI.Finalize();
  }

  static Datatype committed(Datatype t) throws MPIException {
    t.commit();
    return t;
  }

  static void bounds(Datatype t, int size, int extent, int lb, String what) throws MPIException {
    Expect.equal(t.getSize(), size, what + " getSize()");
    Expect.equal(t.getExtent(), extent, what + " getExtent()");
    Expect.equal(t.getLb(), lb, what + " getLb()");
  }

  static void extents() throws Exception {
    for (Datatype basic : Values.basicTypes()) {
      bounds(basic, 1, 1, 0, Values.name(basic));
    }
    bounds(MPI.INT2, 2, 2, 0, "INT2");
    bounds(committed(Datatype.createContiguous(3, MPI.INT)), 3, 3, 0, "createContiguous(3, INT)");
    bounds(committed(Datatype.createVector(3, 2, 4, MPI.DOUBLE)), 6, 10, 0, "createVector(3, 2, 4, DOUBLE)");
    bounds(committed(Datatype.createHVector(3, 1, 12, MPI.INT)), 3, 7, 0, "createHVector(3, 1, 12 bytes, INT)");
    bounds(committed(Datatype.createIndexed(new int[] {2, 1, 3}, new int[] {5, 0, 9}, MPI.INT)), 6, 12, 0,
        "createIndexed({2,1,3}, {5,0,9}, INT)");
    bounds(committed(Datatype.createHIndexed(new int[] {1, 2}, new int[] {8, 0}, MPI.INT)), 3, 3, 0,
        "createHIndexed({1,2}, {8,0} bytes, INT)");
    Datatype resized = committed(Datatype.createResized(MPI.INT, 0, 8));
    bounds(resized, 1, 2, 0, "createResized(INT, 0, 8 bytes)");
    Expect.equal(resized.getTrueExtent(), 1, "createResized(INT, 0, 8) getTrueExtent()");
    Expect.equal(resized.getTrueLb(), 0, "createResized(INT, 0, 8) getTrueLb()");
    Datatype copy = committed(Datatype.createVector(3, 2, 4, MPI.DOUBLE)).dup();
    bounds(copy, 6, 10, 0, "dup of a vector");
    Datatype st = committed(Datatype.createStruct(new int[] {1, 2}, new int[] {0, 8},
        new Datatype[] {MPI.INT, MPI.INT}));
    Expect.equal(st.getSize(), 12, "createStruct of INTs: size in bytes (its base type is BYTE)");
    Expect.equal(st.getExtent(), 16, "createStruct of INTs: extent in bytes");
  }

  static int[] numbered(int n, int r) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = r * 1000 + i;
    }
    return a;
  }

  /** Sends ITEMS of TYPE from a numbered array to the next rank, which receives plain INTs. */
  static int[] typedToFlat(Datatype type, int items, int length, int flat) throws Exception {
    int[] in = new int[flat];
    Status s = world.sendRecv(numbered(length, rank), items, type, next, 1, in, flat, MPI.INT, prev, 1);
    Expect.equal(s.getCount(MPI.INT), flat, "elements a typed send delivers");
    return in;
  }

  static int[] at(int... positions) {
    int[] v = new int[positions.length];
    for (int i = 0; i < positions.length; i++) {
      v[i] = prev * 1000 + positions[i];
    }
    return v;
  }

  static void layouts() throws Exception {
    Datatype vec = committed(Datatype.createVector(3, 2, 4, MPI.INT));
    Expect.equal(typedToFlat(vec, 2, 20, 12), at(0, 1, 4, 5, 8, 9, 10, 11, 14, 15, 18, 19), "two createVector(3,2,4) items");
    Expect.equal(typedToFlat(committed(Datatype.createIndexed(new int[] {2, 1, 3}, new int[] {5, 0, 9}, MPI.INT)), 1, 12, 6),
        at(5, 6, 0, 9, 10, 11), "createIndexed in type-map order");
    Expect.equal(typedToFlat(committed(Datatype.createHVector(2, 2, 20, MPI.INT)), 1, 8, 4), at(0, 1, 5, 6),
        "createHVector stride of 20 bytes = 5 ints");
    Expect.equal(typedToFlat(committed(Datatype.createHIndexed(new int[] {1, 2}, new int[] {12, 4}, MPI.INT)), 1, 8, 3),
        at(3, 1, 2), "createHIndexed byte displacements");
    // Receiving flat ints into a vector leaves the gaps.
    Datatype every2 = committed(Datatype.createVector(3, 1, 2, MPI.LONG));
    long[] in = new long[6];
    Arrays.fill(in, -1);
    world.sendRecv(new long[] {rank, rank + 1, rank + 2}, 3, MPI.LONG, next, 2, in, 1, every2, prev, 2);
    Expect.equal(in, new long[] {prev, -1, prev + 1, -1, prev + 2, -1}, "receive into createVector(3,1,2)");
    // A derived type over a direct buffer.
    java.nio.IntBuffer direct = MPI.newIntBuffer(8);
    for (int i = 0; i < 8; i++) {
      direct.put(i, rank * 1000 + i);
    }
    java.nio.IntBuffer got = MPI.newIntBuffer(4);
    Request r = world.iRecv(got, 4, MPI.INT, prev, 3);
    world.send(direct, 1, committed(Datatype.createVector(2, 2, 5, MPI.INT)), next, 3);
    Status st = r.waitStatus();
    Expect.equal(st.getCount(MPI.INT), 4, "vector from a direct buffer: count");
    Expect.equal(new int[] {got.get(0), got.get(1), got.get(2), got.get(3)}, at(0, 1, 5, 6), "vector from a direct buffer");
  }

  /** A row-major matrix's columns, scattered with a vector resized to one int (4 bytes). */
  static void resizedColumns() throws Exception {
    int rows = 3;
    Datatype column = committed(Datatype.createVector(rows, 1, size, MPI.INT));
    Datatype step = committed(Datatype.createResized(column, 0, 4));
    Expect.equal(step.getExtent(), 1, "column resized to 4 bytes: extent in ints");
    int[] matrix = new int[rows * size];
    if (rank == 0) {
      for (int i = 0; i < matrix.length; i++) {
        matrix[i] = 100 * (i / size) + i % size;
      }
    }
    int[] mine = new int[rows];
    world.scatter(matrix, 1, step, mine, rows, MPI.INT, 0);
    Expect.equal(mine, new int[] {rank, 100 + rank, 200 + rank}, "column " + rank);
    int[] back = new int[rows * size];
    world.allGather(mine, rows, MPI.INT, back, 1, step);
    for (int i = 0; i < back.length; i++) {
      Expect.equal(back[i], 100 * (i / size) + i % size, "matrix element " + i + " gathered by columns");
    }
  }

  /** A particle as a user Struct: a double, an int and two shorts. */
  static final class Particle extends Struct {
    final int mass = addDouble();
    final int id = addInt();
    final int flags = addShort(2);

    @Override
    protected Data newData() {
      return new Data();
    }

    final class Data extends Struct.Data {
      double mass() {
        return getDouble(mass);
      }

      int id() {
        return getInt(id);
      }

      short flag(int i) {
        return getShort(flags, i);
      }

      void set(double m, int i, short f0, short f1) {
        putDouble(mass, m);
        putInt(id, i);
        putShort(flags, 0, f0);
        putShort(flags, 1, f1);
      }
    }
  }

  static void structSubclass() throws Exception {
    Particle p = new Particle();
    int extent = p.getExtent();
    Expect.that(extent >= 16, "Particle extent holds its 16 bytes of fields: " + extent);
    ByteBuffer out = MPI.newByteBuffer(3 * extent);
    ByteBuffer in = MPI.newByteBuffer(3 * extent);
    for (int i = 0; i < 3; i++) {
      Particle.Data d = p.getData(out, i);
      d.set(rank + i * 0.5, rank * 10 + i, (short) -i, (short) (rank + 1));
    }
    Request r = world.iRecv(in, 3, p.getType(), prev, 10);
    world.send(out, 3, p.getType(), next, 10);
    Status s = r.waitStatus();
    Expect.equal(s.getCount(p.getType()), 3, "getCount of Particle items");
    for (int i = 0; i < 3; i++) {
      Particle.Data d = p.getData(in, i);
      Expect.equal(d.mass(), prev + i * 0.5, "particle " + i + " mass");
      Expect.equal(d.id(), prev * 10 + i, "particle " + i + " id");
      Expect.equal(d.flag(0), -i, "particle " + i + " flag 0");
      Expect.equal(d.flag(1), prev + 1, "particle " + i + " flag 1");
    }
    // A struct in a collective: every rank's particle, gathered at each.
    ByteBuffer one = MPI.newByteBuffer(extent);
    Particle.Data mine = p.getData(one);
    mine.set(rank * 2.5, rank, (short) 1, (short) 2);
    ByteBuffer all = MPI.newByteBuffer(size * extent);
    world.allGather(one, 1, p.getType(), all, 1, p.getType());
    for (int q = 0; q < size; q++) {
      Particle.Data theirs = p.getData(all, q);
      Expect.equal(theirs.mass(), q * 2.5, "allGather of particles, rank " + q + " mass");
      Expect.equal(theirs.id(), q, "allGather of particles, rank " + q + " id");
    }
  }

  static void packUnpack() throws Exception {
    int[] ints = {rank, rank + 1, rank + 2};
    double[] doubles = {rank * 0.5, -1};
    int room = world.packSize(3, MPI.INT) + world.packSize(2, MPI.DOUBLE);
    byte[] packed = new byte[room];
    int pos = world.pack(ints, 3, MPI.INT, packed, 0);
    pos = world.pack(doubles, 2, MPI.DOUBLE, packed, pos);
    Expect.that(pos <= room, "pack stays within packSize: " + pos + " <= " + room);
    byte[] got = new byte[room];
    Status s = world.sendRecv(packed, pos, MPI.PACKED, next, 20, got, room, MPI.PACKED, prev, 20);
    Expect.equal(s.getCount(MPI.PACKED), pos, "getCount of a packed message (bytes)");
    int[] inInts = new int[3];
    double[] inDoubles = new double[2];
    int at = world.unpack(got, 0, inInts, 3, MPI.INT);
    at = world.unpack(got, at, inDoubles, 2, MPI.DOUBLE);
    Expect.equal(at, pos, "unpack ends where pack ended");
    Expect.equal(inInts, new int[] {prev, prev + 1, prev + 2}, "unpacked ints");
    Expect.equal(inDoubles, new double[] {prev * 0.5, -1}, "unpacked doubles");
    // Packing a vector takes only its elements; unpacking into it fills only them.
    Datatype every2 = committed(Datatype.createVector(2, 1, 2, MPI.INT));
    byte[] vp = new byte[world.packSize(1, every2)];
    int vend = world.pack(new int[] {5, -1, 6}, 1, every2, vp, 0);
    int[] plain = new int[2];
    world.unpack(vp, 0, plain, 2, MPI.INT);
    Expect.equal(plain, new int[] {5, 6}, "a packed vector holds its two elements");
    int[] spread = {-9, -9, -9};
    world.unpack(vp, 0, spread, 1, every2);
    Expect.equal(spread, new int[] {5, -9, 6}, "unpacking into a vector leaves its gap");
    Expect.that(vend > 0, "pack of a vector advances the position");
  }

  static void partialItems() throws Exception {
    Datatype pair = committed(Datatype.createContiguous(2, MPI.INT));
    int[] in = new int[6];
    Arrays.fill(in, -1);
    Status s = world.sendRecv(numbered(5, rank), 5, MPI.INT, next, 30, in, 3, pair, prev, 30);
    Expect.equal(s.getCount(pair), MPI.UNDEFINED, "getCount of 2.5 pairs");
    Expect.equal(s.getElements(pair), 5, "getElements of 2.5 pairs");
    Expect.equal(in, new int[] {prev * 1000, prev * 1000 + 1, prev * 1000 + 2, prev * 1000 + 3, prev * 1000 + 4, -1},
        "2.5 pairs received");
  }
}
