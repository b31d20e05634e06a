package io.picluster.comm.internal;

import io.picluster.comm.CommException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * The collective algorithms, each in O(log p) rounds: dissemination barrier, binomial-tree
 * broadcast, reduce, gather and scatter, recursive-doubling allreduce and scan, and Bruck's
 * allgather. They
 * run in the group's collective context; every rank calls them in the same order, so messages of
 * one collective match by order per source, as MPI's do.
 *
 * <p>Data moves as raw payloads or primitive arrays (the fast paths for broadcast and reductions)
 * or as packed runs of byte blocks (gathers and scatters, where ranks contribute different sizes).
 */
public final class Collectives {
  private static final int BARRIER = 1;
  private static final int BCAST = 2;
  private static final int REDUCE = 3;
  private static final int ALLREDUCE = 4;
  private static final int GATHER = 5;
  private static final int SCATTER = 6;
  private static final int ALLGATHER = 7;
  private static final int ALLTOALL = 8;
  private static final int SCAN = 9;

  private final Messages messages;
  private final int rank;
  private final int size;

  public Collectives(Group group) {
    this.messages = new Messages(group, group.collectiveContext());
    this.rank = group.rank();
    this.size = group.size();
  }

  /** How a reduction moves its partial results: objects, or primitive arrays of one length. */
  public interface Transfer<V> {
    Pending send(Messages messages, V value, int dest, int tag);

    V receive(Messages messages, int source, int tag);
  }

  public void barrier() {
    byte[] none = new byte[0];
    for (int distance = 1; distance < size; distance <<= 1) {
      Pending sent = messages.sendArray(ElementType.BYTE, none, 0, 0, (rank + distance) % size, BARRIER);
      messages.receiveArray(ElementType.BYTE, none, 0, 0, (rank - distance + size) % size, BARRIER).await();
      sent.await();
    }
  }

  /** Broadcasts a payload from {@code root}; every rank gets the root's payload back. */
  public RawMessage broadcast(RawMessage value, int root) {
    int relative = (rank - root + size) % size;
    int mask = 1;
    while (mask < size) {
      if ((relative & mask) != 0) {
        Pending in = messages.receiveAny(absolute(relative - mask, root), BCAST);
        in.await();
        value = in.raw();
        break;
      }
      mask <<= 1;
    }
    List<Pending> sends = new ArrayList<>();
    for (mask >>= 1; mask > 0; mask >>= 1) {
      if (relative + mask < size) {
        sends.add(messages.sendRaw(value, absolute(relative + mask, root), BCAST));
      }
    }
    awaitAll(sends);
    return value;
  }

  /** Broadcasts {@code count} elements of an array region from {@code root}, in place. */
  public void broadcast(ElementType type, Object array, int offset, int count, int root) {
    int relative = (rank - root + size) % size;
    int mask = 1;
    while (mask < size) {
      if ((relative & mask) != 0) {
        Pending in = messages.receiveArray(type, array, offset, count, absolute(relative - mask, root), BCAST);
        in.await();
        if (in.count() != count) {
          throw new CommException("bcast: the root sent " + in.count()
              + " elements but this rank asked for " + count + "; every rank must give the same count");
        }
        break;
      }
      mask <<= 1;
    }
    List<Pending> sends = new ArrayList<>();
    for (mask >>= 1; mask > 0; mask >>= 1) {
      if (relative + mask < size) {
        sends.add(messages.sendArray(type, array, offset, count, absolute(relative + mask, root), BCAST));
      }
    }
    awaitAll(sends);
  }

  /**
   * Reduces every rank's value to {@code root} with {@code combine(lower ranks, higher ranks)}.
   * An operation that is not commutative is combined strictly in rank order (a tree rooted at
   * rank 0, then one hop to the root); a commutative one uses a tree rooted at the root itself.
   *
   * @return the result at the root, null elsewhere
   */
  public <V> V reduce(V mine, int root, boolean commutative, Transfer<V> transfer, BinaryOperator<V> combine) {
    int treeRoot = commutative ? root : 0;
    int relative = (rank - treeRoot + size) % size;
    V accumulated = mine;
    for (int mask = 1; mask < size; mask <<= 1) {
      if ((relative & mask) == 0) {
        int source = relative | mask;
        if (source < size) {
          V higher = transfer.receive(messages, absolute(source, treeRoot), REDUCE);
          accumulated = combine.apply(accumulated, higher);
        }
      } else {
        transfer.send(messages, accumulated, absolute(relative & ~mask, treeRoot), REDUCE).await();
        accumulated = null;
        break;
      }
    }
    if (treeRoot != root) {
      if (rank == treeRoot) {
        transfer.send(messages, accumulated, root, REDUCE).await();
        accumulated = null;
      } else if (rank == root) {
        accumulated = transfer.receive(messages, treeRoot, REDUCE);
      }
    }
    return rank == root ? accumulated : null;
  }

  /**
   * Combines every rank's value and gives the result to all, by recursive doubling. Ranks beyond
   * the largest power of two first fold into a neighbour; partners always combine the lower
   * ranks' part first, so the order is kept for operations that are not commutative.
   */
  public <V> V allreduce(V mine, Transfer<V> transfer, BinaryOperator<V> combine) {
    int powerOfTwo = Integer.highestOneBit(size);
    int extra = size - powerOfTwo;
    V accumulated = mine;
    int newRank;
    if (rank < 2 * extra) {
      if (rank % 2 == 0) {
        transfer.send(messages, accumulated, rank + 1, ALLREDUCE).await();
        newRank = -1;
      } else {
        accumulated = combine.apply(transfer.receive(messages, rank - 1, ALLREDUCE), accumulated);
        newRank = rank / 2;
      }
    } else {
      newRank = rank - extra;
    }
    if (newRank >= 0) {
      for (int mask = 1; mask < powerOfTwo; mask <<= 1) {
        int partnerNew = newRank ^ mask;
        int partner = partnerNew < extra ? partnerNew * 2 + 1 : partnerNew + extra;
        Pending sent = transfer.send(messages, accumulated, partner, ALLREDUCE);
        V theirs = transfer.receive(messages, partner, ALLREDUCE);
        sent.await(); // our value must be out before combine may overwrite it
        accumulated = partner < rank ? combine.apply(theirs, accumulated) : combine.apply(accumulated, theirs);
      }
    }
    if (rank < 2 * extra) {
      if (rank % 2 == 1) {
        transfer.send(messages, accumulated, rank - 1, ALLREDUCE).await();
      } else {
        accumulated = transfer.receive(messages, rank + 1, ALLREDUCE);
      }
    }
    return accumulated;
  }

  /**
   * Prefix reduction by recursive doubling: rank i gets v0 op ... op vi, or with {@code exclusive}
   * v0 op ... op v(i-1) (null at rank 0). Each round exchanges the partial result of a block of
   * ranks with the neighbouring block; a block from lower ranks is always combined on the left, so
   * the order is kept for operations that are not commutative. {@code combine(lower, higher)} may
   * reuse {@code higher} for its result but must leave {@code lower} as it was; {@code copy} makes a
   * value that combine may change without changing its argument.
   */
  public <V> V scan(V mine, boolean exclusive, Transfer<V> transfer, BinaryOperator<V> combine,
      java.util.function.UnaryOperator<V> copy) {
    V partial = mine; // this rank's block of ranks so far
    V result = exclusive ? null : copy.apply(mine);
    for (int mask = 1; mask < size; mask <<= 1) {
      int partner = rank ^ mask;
      if (partner >= size) {
        continue;
      }
      Pending sent = transfer.send(messages, partial, partner, SCAN);
      V theirs = transfer.receive(messages, partner, SCAN);
      sent.await(); // partial must be out before combine may change it
      if (partner < rank) {
        result = result == null ? copy.apply(theirs) : combine.apply(theirs, result);
        partial = combine.apply(theirs, partial);
      } else {
        partial = combine.apply(partial, theirs);
      }
    }
    return result;
  }

  /** Gathers one block from every rank at {@code root}: the blocks in rank order there, null elsewhere. */
  public List<byte[]> gather(byte[] mine, int root) {
    int relative = (rank - root + size) % size;
    List<byte[]> held = new ArrayList<>();
    held.add(mine); // blocks of relative ranks [relative, relative + held.size())
    for (int mask = 1; mask < size; mask <<= 1) {
      if ((relative & mask) == 0) {
        int source = relative | mask;
        if (source < size) {
          held.addAll(Blobs.unpack(receiveBytes(absolute(source, root), GATHER)));
        }
      } else {
        sendBytes(Blobs.pack(held, 0, held.size()), absolute(relative & ~mask, root), GATHER).await();
        break;
      }
    }
    return rank == root ? rotate(held, root) : null;
  }

  private byte[] receiveBytes(int source, int tag) {
    Pending in = messages.receiveAny(source, tag);
    in.await();
    return in.raw().bytes();
  }

  private Pending sendBytes(byte[] bytes, int dest, int tag) {
    return messages.sendRaw(new RawMessage(Frame.kindOf(ElementType.BYTE), bytes), dest, tag);
  }

  /** Blocks held in relative-rank order, put back in rank order. */
  private List<byte[]> rotate(List<byte[]> relativeOrder, int root) {
    byte[][] ordered = new byte[size][];
    for (int i = 0; i < size; i++) {
      ordered[absolute(i, root)] = relativeOrder.get(i);
    }
    return List.of(ordered);
  }

  /** Sends block i of the root's {@code blocks} (rank order) to rank i; returns this rank's block. */
  public byte[] scatter(List<byte[]> blocks, int root) {
    int relative = (rank - root + size) % size;
    List<byte[]> held; // blocks of relative ranks [relative, relative + held.size())
    int mask = 1;
    if (rank == root) {
      held = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        held.add(blocks.get(absolute(i, root)));
      }
      while (mask < size) {
        mask <<= 1;
      }
    } else {
      held = null;
      while (mask < size) {
        if ((relative & mask) != 0) {
          held = new ArrayList<>(Blobs.unpack(receiveBytes(absolute(relative - mask, root), SCATTER)));
          break;
        }
        mask <<= 1;
      }
    }
    List<Pending> sends = new ArrayList<>();
    for (mask >>= 1; mask > 0; mask >>= 1) {
      int child = relative + mask;
      if (child < size) {
        int end = Math.min(held.size(), 2 * mask);
        sends.add(sendBytes(Blobs.pack(held, mask, end), absolute(child, root), SCATTER));
      }
    }
    awaitAll(sends);
    return held.get(0);
  }

  /** Every rank gets every rank's block, in rank order (Bruck's algorithm: ceil(log2 p) rounds). */
  public List<byte[]> allgather(byte[] mine) {
    List<byte[]> held = new ArrayList<>(size);
    held.add(mine); // held.get(i) is the block of rank (rank + i) % size
    for (int distance = 1; distance < size; distance <<= 1) {
      int count = Math.min(distance, size - distance);
      Pending sent = sendBytes(Blobs.pack(held, 0, count), (rank - distance + size) % size, ALLGATHER);
      held.addAll(Blobs.unpack(receiveBytes((rank + distance) % size, ALLGATHER)));
      sent.await();
    }
    byte[][] ordered = new byte[size][];
    for (int i = 0; i < size; i++) {
      ordered[(rank + i) % size] = held.get(i);
    }
    return List.of(ordered);
  }

  /** Rank i's block j goes to rank j as its block i: every pair exchanges once, all at the same time. */
  public List<byte[]> alltoall(List<byte[]> outgoing) {
    List<Pending> receives = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      receives.add(i == rank ? null : messages.receiveAny(i, ALLTOALL));
    }
    List<Pending> sends = new ArrayList<>(size);
    for (int step = 1; step < size; step++) {
      int dest = (rank + step) % size; // staggered, so not every rank sends to rank 0 first
      sends.add(sendBytes(outgoing.get(dest), dest, ALLTOALL));
    }
    byte[][] incoming = new byte[size][];
    incoming[rank] = outgoing.get(rank);
    for (int i = 0; i < size; i++) {
      if (i != rank) {
        receives.get(i).await();
        incoming[i] = receives.get(i).raw().bytes();
      }
    }
    awaitAll(sends);
    return List.of(incoming);
  }

  private int absolute(int relative, int root) {
    return (relative + root) % size;
  }

  private static void awaitAll(List<Pending> pendings) {
    for (Pending p : pendings) {
      p.await();
    }
  }
}
