package mpi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The collective operations of both vocabularies, once, over picluster-comm's collectives: its
 * array layer for primitive data (the user's array itself when the datatype is contiguous, a packed
 * copy otherwise) and its object layer for MPI.OBJECT. Counts and displacements arrive in items of
 * the datatype, as MPI gives them, and go to picluster-comm in elements of the base type.
 *
 * <p>Receive regions and per-rank layouts are significant at the root only, as in MPI: other ranks
 * pass null.
 */
final class Collectives {
  private Collectives() {}

  static void barrier(io.picluster.comm.Comm c) {
    c.barrier();
  }

  static void bcast(io.picluster.comm.Comm c, Region buf, int root) {
    checkRoot(c, root);
    boolean isRoot = c.rank() == root;
    if (buf.isObjects()) {
      Object[] got = c.bcast(isRoot ? (Object[]) buf.pack() : null, root);
      if (!isRoot) {
        requireLength(got.length, buf.elements(), "bcast: the root sent");
        buf.unpack(got, got.length);
      }
      return;
    }
    Region.Flat flat = buf.flat(isRoot);
    c.bcastArray(flat.array, flat.start, buf.elements(), root);
    if (!isRoot) {
      flat.finish();
    }
  }

  /**
   * Gathers every rank's {@code send} at the root: rank i's items go to item {@code displs[i]} of
   * {@code recv} ({@code counts[i]} items), or, with null layouts, to item {@code i * recv.count}.
   */
  static void gather(io.picluster.comm.Comm c, Region send, Region recv, int[] counts, int[] displs, int root) {
    checkRoot(c, root);
    boolean isRoot = c.rank() == root;
    Layout layout = isRoot ? Layout.of(c.size(), recv, counts, displs, "gather") : null;
    if (send.isObjects()) {
      List<Object> all = c.gather(send.pack(), root);
      if (isRoot) {
        unpackBlocks(all, recv, layout, "gather");
      }
      return;
    }
    Region.Flat s = send.flat(true);
    Region.Flat r = isRoot ? recv.at(0, layout.end).flat(!layout.covers) : null;
    Object recvArray = r == null ? null : r.array;
    int recvStart = r == null ? 0 : r.start;
    if (counts == null) {
      c.gatherArray(s.array, s.start, recvArray, recvStart, send.elements(), root);
    } else {
      c.gathervArray(s.array, s.start, send.elements(), recvArray, recvStart,
          isRoot ? layout.elementCounts(recv) : null, isRoot ? layout.elementDispls(recv) : null, root);
    }
    if (r != null) {
      r.finish();
    }
  }

  /** The root's block i ({@code counts[i]} items at item {@code displs[i]} of {@code send}) goes to rank i. */
  static void scatter(io.picluster.comm.Comm c, Region send, int[] counts, int[] displs, Region recv, int root) {
    checkRoot(c, root);
    boolean isRoot = c.rank() == root;
    Layout layout = isRoot ? Layout.of(c.size(), send, counts, displs, "scatter") : null;
    if (recv.isObjects()) {
      List<Object> blocks = null;
      if (isRoot) {
        blocks = new ArrayList<>(c.size());
        for (int i = 0; i < c.size(); i++) {
          blocks.add(send.at(layout.displs[i], layout.counts[i]).pack());
        }
      }
      Object[] mine = (Object[]) c.scatter(blocks, root);
      requireLength(mine.length, recv.elements(), "scatter: the root sent");
      recv.unpack(mine, mine.length);
      return;
    }
    Region.Flat r = recv.flat(false);
    Region.Flat s = isRoot ? send.at(0, layout.end).flat(true) : null;
    Object sendArray = s == null ? null : s.array;
    int sendStart = s == null ? 0 : s.start;
    if (counts == null) {
      c.scatterArray(sendArray, sendStart, r.array, r.start, recv.elements(), root);
    } else {
      c.scattervArray(sendArray, sendStart, isRoot ? layout.elementCounts(send) : null,
          isRoot ? layout.elementDispls(send) : null, r.array, r.start, recv.elements(), root);
    }
    r.finish();
  }

  /** Like gather, with the result on every rank. */
  static void allgather(io.picluster.comm.Comm c, Region send, Region recv, int[] counts, int[] displs) {
    Layout layout = Layout.of(c.size(), recv, counts, displs, "allgather");
    if (send.isObjects()) {
      unpackBlocks(c.allgather(send.pack()), recv, layout, "allgather");
      return;
    }
    Region.Flat s = send.flat(true);
    Region.Flat r = recv.at(0, layout.end).flat(!layout.covers);
    if (counts == null) {
      c.allgatherArray(s.array, s.start, r.array, r.start, send.elements());
    } else {
      c.allgathervArray(s.array, s.start, send.elements(), r.array, r.start, layout.elementCounts(recv),
          layout.elementDispls(recv));
    }
    r.finish();
  }

  /** Block j of {@code send} goes to rank j, which stores it as block i (this rank) of its {@code recv}. */
  static void alltoall(io.picluster.comm.Comm c, Region send, int[] scounts, int[] sdispls, Region recv,
      int[] rcounts, int[] rdispls) {
    Layout out = Layout.of(c.size(), send, scounts, sdispls, "alltoall (send)");
    Layout in = Layout.of(c.size(), recv, rcounts, rdispls, "alltoall (recv)");
    if (send.isObjects()) {
      List<Object> blocks = new ArrayList<>(c.size());
      for (int i = 0; i < c.size(); i++) {
        blocks.add(send.at(out.displs[i], out.counts[i]).pack());
      }
      unpackBlocks(c.alltoall(blocks), recv, in, "alltoall");
      return;
    }
    Region.Flat s = send.at(0, out.end).flat(true);
    Region.Flat r = recv.at(0, in.end).flat(!in.covers);
    if (scounts == null && rcounts == null && send.elements() == recv.elements()) {
      c.alltoallArray(s.array, s.start, r.array, r.start, send.elements());
    } else {
      c.alltoallvArray(s.array, s.start, out.elementCounts(send), out.elementDispls(send), r.array, r.start,
          in.elementCounts(recv), in.elementDispls(recv));
    }
    r.finish();
  }

  /**
   * MPI_Alltoallw: block j, {@code scounts[j]} items of {@code stypes[j]} at byte displacement
   * {@code sdispls[j]}, goes to rank j. Each block travels packed through the object layer.
   */
  static void alltoallw(io.picluster.comm.Comm c, Object sbuf, int[] scounts, int[] sdispls, Datatype[] stypes,
      Object rbuf, int[] rcounts, int[] rdispls, Datatype[] rtypes) {
    int n = c.size();
    requireLength(n, scounts, sdispls, stypes, "alltoallw (send)");
    requireLength(n, rcounts, rdispls, rtypes, "alltoallw (recv)");
    List<Object> blocks = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      blocks.add(Region.of(sbuf, elementsAt(sdispls[j], stypes[j]), scounts[j], stypes[j]).pack());
    }
    List<Object> got = c.alltoall(blocks);
    for (int i = 0; i < n; i++) {
      Region block = Region.of(rbuf, elementsAt(rdispls[i], rtypes[i]), rcounts[i], rtypes[i]);
      int length = java.lang.reflect.Array.getLength(got.get(i));
      requireLength(length, block.elements(), "alltoallw: rank " + i + " sent");
      block.unpack(got.get(i), length);
    }
  }

  /** Element-wise {@code op} over every rank's {@code send}, into the root's {@code recv}. */
  static void reduce(io.picluster.comm.Comm c, Region send, Region recv, Op op, int root) {
    checkRoot(c, root);
    boolean isRoot = c.rank() == root;
    if (send.isObjects()) {
      Object[] result = c.reduce((Object[]) send.pack(), objectOp(op, send), root);
      if (isRoot) {
        recv.unpack(result, result.length);
      }
      return;
    }
    Region.Flat s = send.flat(true);
    Region.Flat r = isRoot ? sameShape(recv, send).flat(false) : null;
    c.reduceArray(s.array, s.start, r == null ? null : r.array, r == null ? 0 : r.start, send.elements(),
        arrayOp(op, send.type), op.isCommutative(), root);
    if (r != null) {
      r.finish();
    }
  }

  /** Element-wise {@code op} over every rank's {@code send}, into {@code recv} on every rank. */
  static void allreduce(io.picluster.comm.Comm c, Region send, Region recv, Op op) {
    if (send.isObjects()) {
      Object[] result = c.allreduce((Object[]) send.pack(), objectOp(op, send));
      recv.unpack(result, result.length);
      return;
    }
    Region.Flat s = send.flat(true);
    Region.Flat r = sameShape(recv, send).flat(false);
    c.allreduceArray(s.array, s.start, r.array, r.start, send.elements(), arrayOp(op, send.type), op.isCommutative());
    r.finish();
  }

  /** Inclusive prefix reduction: rank i gets send(0) op ... op send(i). */
  static void scan(io.picluster.comm.Comm c, Region send, Region recv, Op op) {
    if (send.isObjects()) {
      Object[] result = c.scan((Object[]) send.pack(), io.picluster.comm.Op.of(objectFunction(op, send)));
      recv.unpack(result, result.length);
      return;
    }
    Region.Flat s = send.flat(true);
    Region.Flat r = sameShape(recv, send).flat(false);
    c.scanArray(s.array, s.start, r.array, r.start, send.elements(), arrayOp(op, send.type), op.isCommutative());
    r.finish();
  }

  /** Exclusive prefix reduction: rank i gets send(0) op ... op send(i-1); rank 0's recv is left alone. */
  static void exscan(io.picluster.comm.Comm c, Region send, Region recv, Op op) {
    if (send.isObjects()) {
      Object[] result = c.exscan((Object[]) send.pack(), io.picluster.comm.Op.of(objectFunction(op, send)));
      if (result != null) {
        recv.unpack(result, result.length);
      }
      return;
    }
    Region.Flat s = send.flat(true);
    Region.Flat r = sameShape(recv, send).flat(true);
    c.exscanArray(s.array, s.start, r.array, r.start, send.elements(), arrayOp(op, send.type), op.isCommutative());
    if (c.rank() != 0) {
      r.finish();
    }
  }

  /** Reduces {@code sum(counts)} items element-wise, then rank i keeps block i ({@code counts[i]} items). */
  static void reduceScatter(io.picluster.comm.Comm c, Region send, Region recv, int[] counts, Op op) {
    if (counts == null || counts.length < c.size()) {
      throw new MPIException("reduce-scatter needs one count per rank (" + c.size() + ")");
    }
    int total = 0;
    for (int i = 0; i < c.size(); i++) {
      total = Math.addExact(total, counts[i]);
    }
    Region whole = send.at(0, total);
    Region mine = recv.at(0, counts[c.rank()]);
    if (send.isObjects()) {
      Object[] result = c.allreduce((Object[]) whole.pack(), objectOp(op, whole));
      int size = send.type.sizeInElements();
      int from = 0;
      for (int i = 0; i < c.rank(); i++) {
        from += counts[i] * size;
      }
      mine.unpack(Arrays.copyOfRange(result, from, from + mine.elements()), mine.elements());
      return;
    }
    Region.Flat s = whole.flat(true);
    Region.Flat r = mine.flat(false);
    int[] elementCounts = new int[c.size()];
    for (int i = 0; i < c.size(); i++) {
      elementCounts[i] = Math.multiplyExact(counts[i], send.type.sizeInElements());
    }
    c.reduceScatterArray(s.array, s.start, r.array, r.start, elementCounts, arrayOp(op, send.type),
        op.isCommutative());
    r.finish();
  }

  /** MPI_Reduce_local: inout = in op inout, on this rank only. */
  static void reduceLocal(Region in, Region inout, Op op) {
    Object a = in.pack();
    Region target = sameShape(inout, in);
    Object b = target.pack();
    op.reduce(a, 0, b, 0, in.count, in.type);
    target.unpack(b, target.elements());
  }

  // ---------------------------------------------------------------- helpers

  /** How a variable collective lays out its blocks, in items; the whole span and whether blocks fill it. */
  static final class Layout {
    final int[] counts;
    final int[] displs;
    /** One past the last item any block touches. */
    final int end;
    /** True when the blocks cover [0, end) exactly, so a receive copy needs no old contents. */
    final boolean covers;

    private Layout(int[] counts, int[] displs) {
      this.counts = counts;
      this.displs = displs;
      int last = 0;
      long sum = 0;
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] < 0) {
          throw new MPIException("count " + counts[i] + " for rank " + i + " is negative");
        }
        if (displs[i] < 0) {
          throw new MPIException("displacement " + displs[i] + " for rank " + i + " is negative");
        }
        if (counts[i] > 0) {
          last = Math.max(last, Math.addExact(displs[i], counts[i]));
        }
        sum += counts[i];
      }
      this.end = last;
      this.covers = sum == last && noOverlap(counts, displs);
    }

    /** The given layout, or block i = {@code region.count} items at item {@code i * region.count}. */
    static Layout of(int ranks, Region region, int[] counts, int[] displs, String what) {
      if (counts == null) {
        int[] c = new int[ranks];
        int[] d = new int[ranks];
        for (int i = 0; i < ranks; i++) {
          c[i] = region.count;
          d[i] = Math.multiplyExact(i, region.count);
        }
        return new Layout(c, d);
      }
      if (counts.length < ranks || displs == null || displs.length < ranks) {
        throw new MPIException(what + " needs counts and displacements with one entry per rank (" + ranks + ")");
      }
      return new Layout(Arrays.copyOf(counts, ranks), Arrays.copyOf(displs, ranks));
    }

    int[] elementCounts(Region region) {
      int size = region.type.sizeInElements();
      int[] e = new int[counts.length];
      for (int i = 0; i < e.length; i++) {
        e[i] = Math.multiplyExact(counts[i], size);
      }
      return e;
    }

    int[] elementDispls(Region region) {
      int size = region.type.sizeInElements();
      int[] e = new int[displs.length];
      for (int i = 0; i < e.length; i++) {
        e[i] = Math.multiplyExact(displs[i], size);
      }
      return e;
    }

    private static boolean noOverlap(int[] counts, int[] displs) {
      Integer[] order = new Integer[counts.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Integer.compare(displs[a], displs[b]));
      int next = 0;
      for (int i : order) {
        if (counts[i] == 0) {
          continue;
        }
        if (displs[i] != next) {
          return false;
        }
        next = displs[i] + counts[i];
      }
      return true;
    }
  }

  /** Unpacks object-layer blocks (one per rank) into their places in {@code recv}. */
  private static void unpackBlocks(List<Object> blocks, Region recv, Layout layout, String what) {
    for (int i = 0; i < blocks.size(); i++) {
      Region block = recv.at(layout.displs[i], layout.counts[i]);
      Object[] got = (Object[]) blocks.get(i);
      requireLength(got.length, block.elements(), what + ": rank " + i + " sent");
      block.unpack(got, got.length);
    }
  }

  /** The reduction on packed base-type arrays that picluster-comm applies. */
  static io.picluster.comm.ArrayOp arrayOp(Op op, Datatype type) {
    int size = type.sizeInElements();
    return (in, inOffset, inout, inoutOffset, count) ->
        op.reduce(in, inOffset, inout, inoutOffset, size == 0 ? 0 : count / size, type);
  }

  /** The reduction on packed Object[] contributions, for MPI.OBJECT. */
  private static io.picluster.comm.Op objectOp(Op op, Region region) {
    return io.picluster.comm.Op.of(objectFunction(op, region));
  }

  private static java.util.function.BinaryOperator<Object[]> objectFunction(Op op, Region region) {
    return (lower, higher) -> {
      Object[] result = higher.clone();
      op.reduce(lower, 0, result, 0, region.count, region.type);
      return result;
    };
  }

  /** The receive side of a reduction holds as many items as the send side. */
  private static Region sameShape(Region recv, Region send) {
    if (recv == null) {
      throw new MPIException("the receive buffer is null");
    }
    return recv.at(0, send.count);
  }

  private static void checkRoot(io.picluster.comm.Comm c, int root) {
    if (root < 0 || root >= c.size()) {
      throw new MPIException(MPI.ERR_ROOT, "root " + root + " is not a rank of this communicator (ranks 0 to " + (c.size() - 1) + ")");
    }
  }

  private static void requireLength(int got, int expected, String what) {
    if (got != expected) {
      throw new MPIException(MPI.ERR_TRUNCATE, what + " " + got + " elements but this rank expects " + expected
          + "; the counts must match");
    }
  }

  private static void requireLength(int ranks, int[] counts, int[] displs, Datatype[] types, String what) {
    if (counts == null || displs == null || types == null || counts.length < ranks || displs.length < ranks
        || types.length < ranks) {
      throw new MPIException(what + " needs counts, displacements and datatypes with one entry per rank (" + ranks + ")");
    }
  }

  /** A byte displacement as an element offset of the datatype's base type. */
  private static int elementsAt(int bytes, Datatype type) {
    int unit = type.baseType() == BaseType.OBJECT ? 1 : type.baseType().bytes();
    if (bytes % unit != 0) {
      throw new MPIException("displacement " + bytes + " bytes is not a whole number of "
          + type.baseType().arrayClass().getComponentType() + " elements");
    }
    return bytes / unit;
  }
}
