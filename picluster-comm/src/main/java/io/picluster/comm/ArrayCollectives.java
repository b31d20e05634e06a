package io.picluster.comm;

import io.picluster.comm.internal.Collectives;
import io.picluster.comm.internal.ElementType;
import io.picluster.comm.internal.Group;
import io.picluster.comm.internal.Messages;
import io.picluster.comm.internal.Pending;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * The collectives of the array layer, for any primitive array type: argument checks, packing of
 * blocks, and the reductions, over the tree algorithms of {@link Collectives}.
 */
final class ArrayCollectives {
  private final Group group;
  private final Collectives collectives;

  ArrayCollectives(Group group, Collectives collectives) {
    this.group = group;
    this.collectives = collectives;
  }

  private int rank() {
    return group.rank();
  }

  private int size() {
    return group.size();
  }

  void bcast(Object buf, int offset, int count, int root) {
    ElementType type = ElementType.of(buf);
    type.checkRange(buf, offset, count, "bcast");
    checkRoot(root);
    collectives.broadcast(type, buf, offset, count, root);
  }

  void scatter(Object send, int soffset, Object recv, int roffset, int count, int root) {
    scatterv(send, soffset, uniformCounts(count), uniformDispls(count), recv, roffset, count, root);
  }

  void scatterv(Object send, int soffset, int[] counts, int[] displs, Object recv, int roffset, int count, int root) {
    ElementType type = ElementType.of(recv);
    type.checkRange(recv, roffset, count, "scatter (recv)");
    checkRoot(root);
    List<byte[]> blocks = null;
    if (rank() == root) {
      requireSameType(type, send, "scatter");
      checkLayout(counts, displs, "scatterv", " at the root");
      blocks = new ArrayList<>(size());
      for (int i = 0; i < size(); i++) {
        type.checkRange(send, soffset + displs[i], counts[i], "scatter block for rank " + i);
        blocks.add(type.toBytes(send, soffset + displs[i], counts[i]));
      }
    }
    byte[] mine = collectives.scatter(blocks, root);
    unpackInto(type, mine, recv, roffset, count, "scatter: the root sends", "this rank");
  }

  /** Gather ({@code counts} null: every block {@code count} long, one after the other) or gatherv. */
  void gather(Object send, int soffset, int count, Object recv, int roffset, int[] counts, int[] displs, int root) {
    ElementType type = ElementType.of(send);
    type.checkRange(send, soffset, count, "gather (send)");
    checkRoot(root);
    List<byte[]> blocks = collectives.gather(type.toBytes(send, soffset, count), root);
    if (blocks == null) {
      return;
    }
    requireSameType(type, recv, "gather");
    if (counts != null) {
      checkLayout(counts, displs, "gatherv", " at the root");
    }
    for (int i = 0; i < size(); i++) {
      int expected = counts == null ? count : counts[i];
      int at = roffset + (displs == null ? i * count : displs[i]);
      type.checkRange(recv, at, expected, "gather block of rank " + i);
      unpackInto(type, blocks.get(i), recv, at, expected, group.rankName(i) + " sent", "the root");
    }
  }

  void allgather(Object send, int soffset, Object recv, int roffset, int count) {
    ElementType type = ElementType.of(send);
    requireSameType(type, recv, "allgather");
    type.checkRange(send, soffset, count, "allgather (send)");
    type.checkRange(recv, roffset, Math.multiplyExact(count, size()), "allgather (recv)");
    List<byte[]> blocks = collectives.allgather(type.toBytes(send, soffset, count));
    for (int i = 0; i < size(); i++) {
      unpackInto(type, blocks.get(i), recv, roffset + i * count, count, group.rankName(i) + " sent", "this rank");
    }
  }

  void allgatherv(Object send, int soffset, int scount, Object recv, int roffset, int[] counts, int[] displs) {
    ElementType type = ElementType.of(send);
    requireSameType(type, recv, "allgatherv");
    type.checkRange(send, soffset, scount, "allgatherv (send)");
    checkLayout(counts, displs, "allgatherv", "");
    for (int i = 0; i < size(); i++) {
      type.checkRange(recv, roffset + displs[i], counts[i], "allgatherv block of rank " + i);
    }
    List<byte[]> blocks = collectives.allgather(type.toBytes(send, soffset, scount));
    for (int i = 0; i < size(); i++) {
      unpackInto(type, blocks.get(i), recv, roffset + displs[i], counts[i], group.rankName(i) + " sent", "this rank");
    }
  }

  void alltoall(Object send, int soffset, Object recv, int roffset, int count) {
    alltoallv(send, soffset, uniformCounts(count), uniformDispls(count), recv, roffset, uniformCounts(count),
        uniformDispls(count), "alltoall");
  }

  void alltoallv(Object send, int soffset, int[] scounts, int[] sdispls, Object recv, int roffset, int[] rcounts,
      int[] rdispls, String what) {
    ElementType type = ElementType.of(send);
    requireSameType(type, recv, what);
    checkLayout(scounts, sdispls, what + " (send)", "");
    checkLayout(rcounts, rdispls, what + " (recv)", "");
    for (int i = 0; i < size(); i++) {
      type.checkRange(send, soffset + sdispls[i], scounts[i], what + " send block for rank " + i);
      type.checkRange(recv, roffset + rdispls[i], rcounts[i], what + " receive block from rank " + i);
    }
    List<byte[]> out = new ArrayList<>(size());
    for (int i = 0; i < size(); i++) {
      out.add(type.toBytes(send, soffset + sdispls[i], scounts[i]));
    }
    List<byte[]> in = collectives.alltoall(out);
    for (int i = 0; i < size(); i++) {
      unpackInto(type, in.get(i), recv, roffset + rdispls[i], rcounts[i], group.rankName(i) + " sent", "this rank");
    }
  }

  // ---------------------------------------------------------------- reductions

  /** With one of the predefined or element-wise {@link Op}s (the typed reduce of the array layer). */
  void reduce(Object send, int soffset, Object recv, int roffset, int count, Op op, int root) {
    reduce(send, soffset, recv, roffset, count, op.commutative(), root, (lower, higher) -> {
      op.applyArrays(lower, higher, count); // lower = lower op higher
      return lower;
    });
  }

  void allreduce(Object send, int soffset, Object recv, int roffset, int count, Op op) {
    allreduce(send, soffset, recv, roffset, count, (lower, higher) -> {
      op.applyArrays(lower, higher, count);
      return lower;
    });
  }

  void reduce(Object send, int soffset, Object recv, int roffset, int count, ArrayOp op, boolean commutative,
      int root) {
    reduce(send, soffset, recv, roffset, count, commutative, root, combiner(op, count));
  }

  void allreduce(Object send, int soffset, Object recv, int roffset, int count, ArrayOp op) {
    allreduce(send, soffset, recv, roffset, count, combiner(op, count));
  }

  /** Inclusive ({@code exclusive} false) or exclusive prefix reduction; exclusive leaves rank 0's recv alone. */
  void scan(Object send, int soffset, Object recv, int roffset, int count, ArrayOp op, boolean exclusive) {
    String what = exclusive ? "exscan" : "scan";
    ElementType type = ElementType.of(send);
    requireSameType(type, recv, what);
    type.checkRange(send, soffset, count, what + " (send)");
    type.checkRange(recv, roffset, count, what + " (recv)");
    Object result = collectives.scan(copy(type, send, soffset, count), exclusive, new ArrayTransfer(type, count, what),
        combiner(op, count), array -> copy(type, array, 0, count));
    if (result != null) {
      System.arraycopy(result, 0, recv, roffset, count);
    }
  }

  /** Reduces {@code sum(counts)} elements; rank i gets block i ({@code counts[i]} elements) of the result. */
  void reduceScatter(Object send, int soffset, Object recv, int roffset, int[] counts, ArrayOp op,
      boolean commutative) {
    ElementType type = ElementType.of(send);
    requireSameType(type, recv, "reduceScatter");
    if (counts == null || counts.length < size()) {
      throw new IllegalArgumentException("reduceScatter needs counts with one entry per rank (" + size() + ")");
    }
    int[] displs = new int[size()];
    int total = 0;
    for (int i = 0; i < size(); i++) {
      if (counts[i] < 0) {
        throw new IllegalArgumentException("reduceScatter: counts[" + i + "] is " + counts[i] + "; counts are 0 or more");
      }
      displs[i] = total;
      total = Math.addExact(total, counts[i]);
    }
    type.checkRange(send, soffset, total, "reduceScatter (send)");
    type.checkRange(recv, roffset, counts[rank()], "reduceScatter (recv)");
    Object whole = rank() == 0 ? type.newArray(total) : null;
    reduce(send, soffset, whole, 0, total, commutative, 0, combiner(op, total));
    scatterv(whole, 0, counts, displs, recv, roffset, counts[rank()], 0);
  }

  private void reduce(Object send, int soffset, Object recv, int roffset, int count, boolean commutative, int root,
      BinaryOperator<Object> combine) {
    ElementType type = ElementType.of(send);
    type.checkRange(send, soffset, count, "reduce (send)");
    checkRoot(root);
    if (rank() == root) {
      requireSameType(type, recv, "reduce");
      type.checkRange(recv, roffset, count, "reduce (recv)");
    }
    Object mine = copy(type, send, soffset, count);
    Object result = collectives.reduce(mine, root, commutative, new ArrayTransfer(type, count, "reduce"), combine);
    if (rank() == root) {
      System.arraycopy(result, 0, recv, roffset, count);
    }
  }

  private void allreduce(Object send, int soffset, Object recv, int roffset, int count,
      BinaryOperator<Object> combine) {
    ElementType type = ElementType.of(send);
    requireSameType(type, recv, "allreduce");
    type.checkRange(send, soffset, count, "allreduce (send)");
    type.checkRange(recv, roffset, count, "allreduce (recv)");
    Object result = collectives.allreduce(copy(type, send, soffset, count),
        new ArrayTransfer(type, count, "allreduce"), combine);
    System.arraycopy(result, 0, recv, roffset, count);
  }

  /** {@code combine(lower, higher)}: the result lands in {@code higher}; {@code lower} is left as it was. */
  private static BinaryOperator<Object> combiner(ArrayOp op, int count) {
    if (op == null) {
      throw new IllegalArgumentException("the reduction operation is null; give an ArrayOp");
    }
    return (lower, higher) -> {
      op.apply(lower, 0, higher, 0, count);
      return higher;
    };
  }

  // ---------------------------------------------------------------- checks and conversions

  private int[] uniformCounts(int count) {
    int[] counts = new int[size()];
    java.util.Arrays.fill(counts, count);
    return counts;
  }

  private int[] uniformDispls(int count) {
    int[] displs = new int[size()];
    for (int i = 0; i < size(); i++) {
      displs[i] = Math.multiplyExact(i, count);
    }
    return displs;
  }

  private static Object copy(ElementType type, Object array, int offset, int count) {
    Object copy = type.newArray(count);
    System.arraycopy(array, offset, copy, 0, count);
    return copy;
  }

  private static void unpackInto(ElementType type, byte[] block, Object array, int offset, int count,
      String sender, String receiver) {
    if (block.length != (long) count * type.size()) {
      throw new CommException(sender + " " + block.length / type.size() + " elements but " + receiver
          + " expected " + count + "; the counts must match");
    }
    type.get(ByteBuffer.wrap(block).order(ElementType.ORDER), array, offset, count);
  }

  private void checkRoot(int root) {
    if (root < 0 || root >= size()) {
      throw new IllegalArgumentException("root " + root + " is not a rank of this communicator (ranks 0 to "
          + (size() - 1) + ")");
    }
  }

  /** @param where " at the root" where only the root reads them */
  private void checkLayout(int[] counts, int[] displs, String what, String where) {
    if (counts == null || displs == null || counts.length < size() || displs.length < size()) {
      throw new IllegalArgumentException(what + " needs counts and displs with one entry per rank ("
          + size() + ")" + where);
    }
  }

  private static void requireSameType(ElementType type, Object array, String what) {
    if (array == null || ElementType.of(array) != type) {
      throw new IllegalArgumentException(what + ": the send and receive arrays must both be " + type.javaName()
          + (array == null ? ", but the receive array is null" : ""));
    }
  }

  /** Moves reduction partials as primitive arrays of one fixed length. */
  private static final class ArrayTransfer implements Collectives.Transfer<Object> {
    private final ElementType type;
    private final int count;
    private final String what;

    ArrayTransfer(ElementType type, int count, String what) {
      this.type = type;
      this.count = count;
      this.what = what;
    }

    @Override
    public Pending send(Messages messages, Object value, int dest, int tag) {
      return messages.sendArray(type, value, 0, count, dest, tag);
    }

    @Override
    public Object receive(Messages messages, int source, int tag) {
      Object buffer = type.newArray(count);
      Pending in = messages.receiveArray(type, buffer, 0, count, source, tag);
      in.await();
      if (in.count() != count) {
        throw new CommException(what + ": a rank sent " + in.count() + " elements, this one has " + count
            + "; every rank must give the same count");
      }
      return buffer;
    }
  }
}
