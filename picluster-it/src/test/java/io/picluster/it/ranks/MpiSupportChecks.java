package io.picluster.it.ranks;

import io.picluster.comm.ArrayOp;
import io.picluster.comm.Comm;
import io.picluster.comm.InterComm;
import io.picluster.comm.Op;
import io.picluster.comm.Request;
import io.picluster.comm.SendMode;
import io.picluster.comm.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The calls package {@code mpi} builds on (any primitive array, synchronous sends, probe, cancel,
 * awaitAny, generic collectives with ordered user reductions, scans, dup/create, intercommunicators),
 * checked on whatever number of ranks it is started with: rank 0 prints "mpi support checks passed
 * on N ranks" only if every result is right.
 */
public final class MpiSupportChecks {
  /** Decimal concatenation of ints: associative, not commutative. */
  private static final ArrayOp CONCAT = (in, io, inout, ioo, count) -> {
    for (int i = 0; i < count; i++) {
      int b = ((int[]) inout)[ioo + i];
      ((int[]) inout)[ioo + i] = ((int[]) in)[io + i] * (int) Math.pow(10, Integer.toString(b).length()) + b;
    }
  };

  private final Comm world;
  private final int rank;
  private final int size;

  private MpiSupportChecks(Comm world) {
    this.world = world;
    this.rank = world.rank();
    this.size = world.size();
  }

  public static void main(String[] args) {
    MpiSupportChecks checks = new MpiSupportChecks(Comm.world());
    checks.everyArrayType();
    checks.synchronousSend();
    checks.probeCancelAwaitAny();
    checks.collectives();
    checks.reductions();
    checks.communicators();
    checks.intercommunicator();
    checks.world.barrier();
    if (checks.rank == 0) {
      System.out.println("mpi support checks passed on " + checks.size + " ranks");
    }
  }

  private int next() {
    return (rank + 1) % size;
  }

  private int previous() {
    return (rank - 1 + size) % size;
  }

  private void everyArrayType() {
    Object[] out = {new char[] {'a', (char) ('0' + rank)}, new short[] {-1, (short) rank},
        new float[] {0.5f, rank}, new boolean[] {true, rank % 2 == 0}};
    Object[] expected = {new char[] {'a', (char) ('0' + previous())}, new short[] {-1, (short) previous()},
        new float[] {0.5f, previous()}, new boolean[] {true, previous() % 2 == 0}};
    Class<?>[] types = {char.class, short.class, float.class, boolean.class};
    List<Request<Void>> sends = new ArrayList<>();
    for (int i = 0; i < out.length; i++) {
      sends.add(world.isendArray(out[i], 0, 2, next(), 10 + i, SendMode.STANDARD));
    }
    for (int i = 0; i < out.length; i++) {
      Object in = java.lang.reflect.Array.newInstance(types[i], 3);
      Status s = world.recvArray(in, 1, 2, previous(), 10 + i);
      Check.equal(s.elementType(), types[i], "element type of " + types[i]);
      Check.equal(s.count(), 2, "count of " + types[i]);
      for (int k = 0; k < 2; k++) {
        Check.equal(java.lang.reflect.Array.get(in, 1 + k), java.lang.reflect.Array.get(expected[i], k),
            types[i] + " element " + k);
      }
    }
    Request.awaitAll(sends);
  }

  /** Rank 0's synchronous send to the last rank is not done until the last rank has posted its receive. */
  private void synchronousSend() {
    int last = size - 1;
    if (rank == 0) {
      Request<Void> sync = world.isendObject("sync", last, 20, SendMode.SYNCHRONOUS);
      for (int i = 0; i < 100; i++) {
        Check.that(!sync.test(), "a synchronous send is not done before its receive is posted");
      }
      world.send("go", last, 21);
      if (last == 0) {
        Check.equal(world.recv(0, 21), "go", "go to itself");
        Check.equal(world.recv(0, 20), "sync", "synchronous message to itself");
      }
      sync.await();
    } else if (rank == last) {
      Check.equal(world.recv(0, 21), "go", "go");
      Check.equal(world.recv(0, 20), "sync", "synchronous message");
    }
    world.barrier();
  }

  private void probeCancelAwaitAny() {
    world.sendArray(new long[] {1, 2, 3}, 0, 3, next(), 30, SendMode.STANDARD);
    Status seen = world.probe(Comm.ANY_SOURCE, 30);
    Check.equal(seen.source(), previous(), "probe source");
    Check.equal(seen.elementType(), long.class, "probe element type");
    Check.equal(seen.count(), 3, "probe count");
    Check.equal(world.iprobe(previous(), 31), null, "iprobe of nothing");
    long[] in = new long[seen.count()];
    world.recvArray(in, 0, in.length, seen.source(), seen.tag());
    Check.equal(in, new long[] {1, 2, 3}, "received after probe");

    Request<Object> never = world.irecv(previous(), 32);
    Check.that(never.cancel(), "cancel an unmatched receive");
    Check.that(never.status().cancelled(), "status says cancelled");

    List<Request<?>> requests = new ArrayList<>();
    requests.add(world.irecv(previous(), 33));
    requests.add(world.irecv(previous(), 34));
    world.send("b", next(), 34);
    Check.equal(Request.awaitAny(requests), 1, "awaitAny index");
    world.barrier();
    world.send("a", next(), 33);
    Check.equal(requests.get(0).await(), "a", "the other request");
  }

  private void collectives() {
    float[] b = new float[2];
    if (rank == 0) {
      b = new float[] {1.5f, 2.5f};
    }
    world.bcastArray(b, 0, 2, 0);
    Check.that(b[0] == 1.5f && b[1] == 2.5f, "bcastArray float[]");

    // allgatherv: rank i gives i chars
    int[] counts = new int[size];
    int[] displs = new int[size];
    int total = 0;
    for (int i = 0; i < size; i++) {
      counts[i] = i;
      displs[i] = total;
      total += i;
    }
    char[] mine = new char[rank];
    Arrays.fill(mine, (char) ('a' + rank));
    char[] all = new char[total];
    world.allgathervArray(mine, 0, rank, all, 0, counts, displs);
    for (int i = 0; i < size; i++) {
      for (int k = 0; k < i; k++) {
        Check.equal(all[displs[i] + k], (char) ('a' + i), "allgatherv block " + i);
      }
    }

    // alltoallv: rank r sends r+1 shorts to every rank
    int[] scounts = new int[size];
    int[] sdispls = new int[size];
    int[] rcounts = new int[size];
    int[] rdispls = new int[size];
    int at = 0;
    for (int j = 0; j < size; j++) {
      scounts[j] = rank + 1;
      sdispls[j] = j * (rank + 1);
      rcounts[j] = j + 1;
      rdispls[j] = at;
      at += j + 1;
    }
    short[] send = new short[size * (rank + 1)];
    for (int j = 0; j < size; j++) {
      Arrays.fill(send, sdispls[j], sdispls[j] + rank + 1, (short) (rank * 100 + j));
    }
    short[] recv = new short[at];
    world.alltoallvArray(send, 0, scounts, sdispls, recv, 0, rcounts, rdispls);
    for (int i = 0; i < size; i++) {
      for (int k = 0; k <= i; k++) {
        Check.equal(recv[rdispls[i] + k], (short) (i * 100 + rank), "alltoallv from " + i);
      }
    }
  }

  private void reductions() {
    int[] digits = new int[1];
    StringBuilder all = new StringBuilder();
    for (int i = 1; i <= size; i++) {
      all.append(i);
    }
    for (int root = 0; root < size; root++) {
      world.reduceArray(new int[] {rank + 1}, 0, digits, 0, 1, CONCAT, false, root);
      if (rank == root) {
        Check.equal(digits[0], Integer.parseInt(all.toString()), "ordered reduceArray to " + root);
      }
    }
    world.allreduceArray(new int[] {rank + 1}, 0, digits, 0, 1, CONCAT, false);
    Check.equal(digits[0], Integer.parseInt(all.toString()), "ordered allreduceArray");
    world.scanArray(new int[] {rank + 1}, 0, digits, 0, 1, CONCAT, false);
    Check.equal(digits[0], Integer.parseInt(all.substring(0, rank + 1)), "scanArray");
    digits[0] = -1;
    world.exscanArray(new int[] {rank + 1}, 0, digits, 0, 1, CONCAT, false);
    Check.equal(digits[0], rank == 0 ? -1 : Integer.parseInt(all.substring(0, rank)), "exscanArray");
    int[] counts = new int[size];
    Arrays.fill(counts, 1);
    int[] sendAll = new int[size];
    Arrays.fill(sendAll, rank + 1);
    world.reduceScatterArray(sendAll, 0, digits, 0, counts, CONCAT, false);
    Check.equal(digits[0], Integer.parseInt(all.toString()), "reduceScatterArray");
    Check.equal(world.scan((long) rank, Op.SUM), (long) rank * (rank + 1) / 2, "object scan");
    StringBuilder lower = new StringBuilder();
    for (int i = 0; i < rank; i++) {
      lower.append(i);
    }
    Check.equal(world.exscan(String.valueOf(rank), Op.<String>of((a, c) -> a + c)),
        rank == 0 ? null : lower.toString(), "object exscan");
  }

  private void communicators() {
    Comm copy = world.dup();
    Check.equal(copy.rank(), rank, "dup rank");
    copy.send("copy", next(), 40);
    world.send("world", next(), 40);
    Check.equal(world.recv(previous(), 40), "world", "world message after dup");
    Check.equal(copy.recv(previous(), 40), "copy", "dup message");

    int[] reversed = new int[size];
    for (int i = 0; i < size; i++) {
      reversed[i] = size - 1 - i;
    }
    Comm backwards = world.create(reversed);
    Check.equal(backwards.rank(), size - 1 - rank, "create rank");
    Check.equal(backwards.worldRanks(), reversed, "create world ranks");
    Check.equal(backwards.worldRank(), rank, "world rank");
    Comm first = world.create(new int[] {0});
    Check.equal(first == null, rank != 0, "create leaves out the ranks not listed");
  }

  private void intercommunicator() {
    if (size < 2) {
      return;
    }
    int lowSize = size / 2;
    boolean low = rank < lowSize;
    Comm half = world.split(low ? 0 : 1, rank);
    InterComm inter = half.createIntercomm(0, world, low ? lowSize : 0, 50);
    Check.equal(inter.remoteSize(), size - half.size(), "remote size");
    int dest = inter.rank() % inter.remoteSize();
    Request<Void> sent = inter.isendArray(new int[] {rank}, 0, 1, dest, 51, SendMode.SYNCHRONOUS);
    int expected = 0;
    for (int q = 0; q < inter.remoteSize(); q++) {
      expected += q % inter.size() == inter.rank() ? 1 : 0;
    }
    for (int i = 0; i < expected; i++) {
      int[] in = new int[1];
      Status s = inter.recvArray(in, 0, 1, Comm.ANY_SOURCE, 51);
      Check.equal(in[0], inter.remoteWorldRanks()[s.source()], "intercomm source");
    }
    sent.await();
    Comm merged = inter.dup().merge(low); // the high half says false: it comes first
    Check.equal(merged.rank(), low ? size - lowSize + rank : rank - lowSize, "merged rank");
    Check.equal(merged.allreduce(1, Op.SUM), size, "allreduce on the merged communicator");
    inter.barrier();
  }
}
