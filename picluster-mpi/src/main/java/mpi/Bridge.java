package mpi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.BinaryOperator;

/**
 * The calls into picluster-comm that its public API is gaining in parallel (communicator
 * construction, world ranks, generic array collectives with user reductions, scans). Until they
 * land, these bodies do the same through the calls that exist (split, the object layer), more
 * slowly; each becomes a direct call as picluster-comm gains it.
 */
final class Bridge {
  private Bridge() {}

  /** inout[i] = in[i] op inout[i] for count elements, where in holds the lower ranks' part. */
  @FunctionalInterface
  interface ArrayOp {
    void apply(Object in, int inOffset, Object inout, int inoutOffset, int count);
  }

  /** World ranks of the members of communicators made here (until picluster-comm tells them). */
  private static final Map<io.picluster.comm.Comm, int[]> WORLD_RANKS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private static io.picluster.comm.Comm remember(io.picluster.comm.Comm c) {
    if (c != null) {
      List<Integer> all = c.allgather(io.picluster.comm.Comm.world().rank());
      WORLD_RANKS.put(c, all.stream().mapToInt(Integer::intValue).toArray());
    }
    return c;
  }

  static io.picluster.comm.Comm dup(io.picluster.comm.Comm c) {
    return remember(c.split(0, c.rank()));
  }

  static io.picluster.comm.Comm split(io.picluster.comm.Comm c, int colour, int key) {
    return remember(c.split(colour, key));
  }

  static io.picluster.comm.Comm create(io.picluster.comm.Comm c, int[] ranks) {
    int position = -1;
    for (int i = 0; i < ranks.length; i++) {
      if (ranks[i] == c.rank()) {
        position = i;
      }
    }
    return remember(c.split(position < 0 ? io.picluster.comm.Comm.UNDEFINED : 0, position));
  }

  static int[] worldRanks(io.picluster.comm.Comm c) {
    int[] ranks = WORLD_RANKS.get(c);
    if (ranks == null) { // the job's own world
      ranks = new int[c.size()];
      for (int i = 0; i < ranks.length; i++) {
        ranks[i] = i;
      }
    }
    return ranks.clone();
  }

  static int worldRank(io.picluster.comm.Comm c) {
    return io.picluster.comm.Comm.world().rank();
  }

  private static Object copy(Object array, int offset, int count) {
    Object out = java.lang.reflect.Array.newInstance(array.getClass().getComponentType(), count);
    System.arraycopy(array, offset, out, 0, count);
    return out;
  }

  static void bcastArray(io.picluster.comm.Comm c, Object buf, int offset, int count, int root) {
    Object got = c.bcast(c.rank() == root ? copy(buf, offset, count) : null, root);
    if (c.rank() != root) {
      System.arraycopy(got, 0, buf, offset, count);
    }
  }

  static void gathervArray(io.picluster.comm.Comm c, Object send, int soffset, int scount, Object recv, int roffset,
      int[] counts, int[] displs, int root) {
    List<Object> parts = c.gather(copy(send, soffset, scount), root);
    if (parts != null) {
      for (int i = 0; i < parts.size(); i++) {
        System.arraycopy(parts.get(i), 0, recv, roffset + displs[i], counts[i]);
      }
    }
  }

  static void scattervArray(io.picluster.comm.Comm c, Object send, int soffset, int[] counts, int[] displs, Object recv,
      int roffset, int count, int root) {
    List<Object> blocks = null;
    if (c.rank() == root) {
      blocks = new ArrayList<>();
      for (int i = 0; i < c.size(); i++) {
        blocks.add(copy(send, soffset + displs[i], counts[i]));
      }
    }
    Object mine = c.scatter(blocks, root);
    System.arraycopy(mine, 0, recv, roffset, count);
  }

  static void allgathervArray(io.picluster.comm.Comm c, Object send, int soffset, int scount, Object recv, int roffset,
      int[] counts, int[] displs) {
    List<Object> parts = c.allgather(copy(send, soffset, scount));
    for (int i = 0; i < parts.size(); i++) {
      System.arraycopy(parts.get(i), 0, recv, roffset + displs[i], counts[i]);
    }
  }

  static void alltoallvArray(io.picluster.comm.Comm c, Object send, int soffset, int[] scounts, int[] sdispls,
      Object recv, int roffset, int[] rcounts, int[] rdispls) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < c.size(); i++) {
      out.add(copy(send, soffset + sdispls[i], scounts[i]));
    }
    List<Object> in = c.alltoall(out);
    for (int i = 0; i < c.size(); i++) {
      System.arraycopy(in.get(i), 0, recv, roffset + rdispls[i], rcounts[i]);
    }
  }

  /** Every rank's part, in rank order (the temporary way to reduce: gathered, then folded). */
  private static List<Object> everyPart(io.picluster.comm.Comm c, Object send, int soffset, int count) {
    return c.allgather(copy(send, soffset, count));
  }

  /** parts[from] op ... op parts[to - 1], folded in rank order. */
  private static Object fold(List<Object> parts, int from, int to, int count, ArrayOp op) {
    Object acc = copy(parts.get(to - 1), 0, count);
    for (int i = to - 2; i >= from; i--) {
      op.apply(parts.get(i), 0, acc, 0, count);
    }
    return acc;
  }

  static void reduceArray(io.picluster.comm.Comm c, Object send, int soffset, Object recv, int roffset, int count,
      ArrayOp op, boolean commutative, int root) {
    List<Object> parts = everyPart(c, send, soffset, count);
    if (c.rank() == root) {
      System.arraycopy(fold(parts, 0, parts.size(), count, op), 0, recv, roffset, count);
    }
  }

  static void allreduceArray(io.picluster.comm.Comm c, Object send, int soffset, Object recv, int roffset, int count,
      ArrayOp op, boolean commutative) {
    List<Object> parts = everyPart(c, send, soffset, count);
    System.arraycopy(fold(parts, 0, parts.size(), count, op), 0, recv, roffset, count);
  }

  static void scanArray(io.picluster.comm.Comm c, Object send, int soffset, Object recv, int roffset, int count,
      ArrayOp op, boolean commutative) {
    List<Object> parts = everyPart(c, send, soffset, count);
    System.arraycopy(fold(parts, 0, c.rank() + 1, count, op), 0, recv, roffset, count);
  }

  static void exscanArray(io.picluster.comm.Comm c, Object send, int soffset, Object recv, int roffset, int count,
      ArrayOp op, boolean commutative) {
    List<Object> parts = everyPart(c, send, soffset, count);
    if (c.rank() > 0) {
      System.arraycopy(fold(parts, 0, c.rank(), count, op), 0, recv, roffset, count);
    }
  }

  static void reduceScatterArray(io.picluster.comm.Comm c, Object send, int soffset, Object recv, int roffset,
      int[] counts, ArrayOp op, boolean commutative) {
    int total = 0;
    int mine = 0;
    for (int i = 0; i < c.size(); i++) {
      if (i == c.rank()) {
        mine = total;
      }
      total += counts[i];
    }
    List<Object> parts = everyPart(c, send, soffset, total);
    System.arraycopy(fold(parts, 0, parts.size(), total, op), mine, recv, roffset, counts[c.rank()]);
  }

  static Object[] scan(io.picluster.comm.Comm c, Object[] value, BinaryOperator<Object[]> op) {
    List<Object[]> parts = c.allgather(value);
    Object[] acc = parts.get(0);
    for (int i = 1; i <= c.rank(); i++) {
      acc = op.apply(acc, parts.get(i));
    }
    return acc;
  }

  static Object[] exscan(io.picluster.comm.Comm c, Object[] value, BinaryOperator<Object[]> op) {
    List<Object[]> parts = c.allgather(value);
    if (c.rank() == 0) {
      return null;
    }
    Object[] acc = parts.get(0);
    for (int i = 1; i < c.rank(); i++) {
      acc = op.apply(acc, parts.get(i));
    }
    return acc;
  }
}
