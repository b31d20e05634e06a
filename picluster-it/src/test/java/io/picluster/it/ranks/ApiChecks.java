package io.picluster.it.ranks;

import io.picluster.comm.Comm;
import io.picluster.comm.CommException;
import io.picluster.comm.Op;
import io.picluster.comm.Received;
import io.picluster.comm.Request;
import io.picluster.comm.Status;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every call of the job API, checked on whatever number of ranks it is started with: the rank
 * exits 0 and rank 0 prints "api checks passed on N ranks" only if every result is right.
 */
public final class ApiChecks {
  private final Comm world;
  private final int rank;
  private final int size;

  private ApiChecks(Comm world) {
    this.world = world;
    this.rank = world.rank();
    this.size = world.size();
  }

  public static void main(String[] args) {
    ApiChecks checks = new ApiChecks(Comm.world());
    checks.objectsPointToPoint();
    checks.anySourceAndStatus();
    checks.ordering();
    checks.arraysPointToPoint();
    checks.nonBlocking();
    checks.errors();
    checks.objectCollectives();
    checks.arrayCollectives();
    checks.variableCollectives();
    checks.reductions();
    checks.split();
    checks.clock();
    checks.world.barrier();
    if (checks.rank == 0) {
      System.out.println("api checks passed on " + checks.size + " ranks");
    }
  }

  private int next() {
    return (rank + 1) % size;
  }

  private int previous() {
    return (rank - 1 + size) % size;
  }

  private void objectsPointToPoint() {
    world.send(Map.of("from", rank, "text", "hello"), next(), 7);
    Map<String, Object> got = world.recv(previous(), 7);
    Check.equal(got, Map.of("from", previous(), "text", "hello"), "object ring");
    world.send(null, next(), 8);
    Check.equal(world.recv(previous(), 8), null, "null object");
    world.send(new long[] {rank, -1L}, next(), 9);
    Check.equal(world.recv(previous(), 9), new long[] {previous(), -1L}, "long[] as an object");
    world.send("é✓", next(), 10);
    Check.equal(world.recv(previous(), 10), "é✓", "unicode string");
  }

  private void anySourceAndStatus() {
    world.send(rank * 10, 0, 100 + rank);
    if (rank == 0) {
      Set<Integer> sources = new HashSet<>();
      for (int i = 0; i < size; i++) {
        Received<Integer> r = world.recvWithStatus(Comm.ANY_SOURCE, Comm.ANY_TAG);
        Check.equal(r.status().tag(), 100 + r.status().source(), "tag of rank " + r.status().source());
        Check.equal(r.value(), r.status().source() * 10, "value from rank " + r.status().source());
        sources.add(r.status().source());
      }
      Check.equal(sources.size(), size, "distinct senders seen with ANY_SOURCE");
    }
    world.barrier();
  }

  /** MPI's non-overtaking rule: per (source, tag) in order, even when another tag is taken first. */
  private void ordering() {
    int from = 0;
    int to = size - 1;
    int n = 500;
    if (rank == from) {
      for (int i = 0; i < n; i++) {
        world.send(i, to, 5);
        world.send(-i, to, 6);
      }
    }
    if (rank == to) {
      for (int i = 0; i < n; i++) {
        Check.equal(world.recv(from, 6), -i, "tag 6 message " + i);
      }
      for (int i = 0; i < n; i++) {
        Check.equal(world.recv(from, 5), i, "tag 5 message " + i);
      }
    }
    world.barrier();
  }

  private void arraysPointToPoint() {
    int[] ints = {-1, rank, rank + 1, rank + 2, -1};
    world.send(ints, 1, 3, next(), 20);
    int[] intsIn = new int[8];
    Status status = world.recv(intsIn, 2, 6, previous(), 20);
    Check.equal(status.count(), 3, "int[] elements received");
    Check.equal(status.source(), previous(), "int[] source");
    Check.equal(intsIn, new int[] {0, 0, previous(), previous() + 1, previous() + 2, 0, 0, 0}, "int[] at offset");

    long[] longs = {Long.MIN_VALUE, rank, Long.MAX_VALUE};
    world.send(longs, 0, 3, next(), 21);
    long[] longsIn = new long[3];
    world.recv(longsIn, 0, 3, previous(), 21);
    Check.equal(longsIn, new long[] {Long.MIN_VALUE, previous(), Long.MAX_VALUE}, "long[]");

    double[] doubles = {Math.PI, rank, Double.NaN, -0.0};
    world.send(doubles, 0, 4, next(), 22);
    double[] doublesIn = new double[4];
    world.recv(doublesIn, 0, 4, previous(), 22);
    Check.equal(doublesIn, new double[] {Math.PI, previous(), Double.NaN, -0.0}, "double[]");

    byte[] bytes = {(byte) rank, -128, 127};
    world.send(bytes, 0, 3, next(), 23);
    byte[] bytesIn = new byte[3];
    world.recv(bytesIn, 0, 3, previous(), 23);
    Check.equal(bytesIn, new byte[] {(byte) previous(), -128, 127}, "byte[]");

    world.send(new int[0], 0, 0, next(), 24);
    Check.equal(world.recv(new int[0], 0, 0, previous(), 24).count(), 0, "empty int[]");

    // An array message taken by the object layer arrives as a new array.
    world.send(new double[] {rank}, 0, 1, next(), 25);
    Check.equal(world.recv(previous(), 25), new double[] {previous()}, "double[] received as an object");
  }

  private void nonBlocking() {
    long[] in = new long[1000];
    Request<Status> receive = world.irecv(in, 0, in.length, previous(), 30);
    long[] out = new long[1000];
    for (int i = 0; i < out.length; i++) {
      out[i] = rank * 1_000_000L + i;
    }
    Request<Void> send = world.isend(out, 0, out.length, next(), 30);
    Request<String> objectReceive = world.irecv(previous(), 31);
    Request<Void> objectSend = world.isend("obj" + rank, next(), 31);
    Request.awaitAll(send, objectSend);
    Status status = receive.await();
    Check.equal(status.count(), 1000, "irecv count");
    Check.equal(in[999], previous() * 1_000_000L + 999, "irecv last element");
    Check.that(receive.test(), "a finished request tests true");
    Check.equal(objectReceive.await(), "obj" + previous(), "object irecv");
    Check.equal(objectReceive.status().source(), previous(), "object irecv status");
  }

  private void errors() {
    Check.fails(IllegalArgumentException.class, "is not a rank", () -> world.send(1, size, 0), "dest out of range");
    Check.fails(IllegalArgumentException.class, "negative", () -> world.send(1, 0, -5), "negative tag");
    Check.fails(IndexOutOfBoundsException.class, "do not fit", () -> world.send(new int[2], 1, 5, 0, 0), "bad range");
    world.send(new int[] {1, 2, 3}, 0, 3, rank, 40);
    Check.fails(CommException.class, "expects long[]", () -> world.recv(new long[3], 0, 3, rank, 40), "type mismatch");
    world.send(new int[] {1, 2, 3, 4, 5}, 0, 5, rank, 41);
    Check.fails(CommException.class, "room for 3", () -> world.recv(new int[3], 0, 3, rank, 41), "truncation");
  }

  private void objectCollectives() {
    int root = size - 1;
    Check.equal(world.bcast(rank == root ? List.of("a", root) : null, root), List.of("a", root), "bcast object");

    List<String> items = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      items.add("item" + i);
    }
    Check.equal(world.scatter(rank == 0 ? items : null, 0), "item" + rank, "scatter objects");

    List<Integer> gathered = world.gather(rank * rank, root);
    if (rank == root) {
      for (int i = 0; i < size; i++) {
        Check.equal(gathered.get(i), i * i, "gather element " + i);
      }
    } else {
      Check.equal(gathered, null, "gather on a non-root");
    }

    List<String> all = world.allgather("r" + rank);
    for (int i = 0; i < size; i++) {
      Check.equal(all.get(i), "r" + i, "allgather element " + i);
    }

    List<String> outgoing = new ArrayList<>();
    for (int j = 0; j < size; j++) {
      outgoing.add(rank + "->" + j);
    }
    List<String> incoming = world.alltoall(outgoing);
    for (int i = 0; i < size; i++) {
      Check.equal(incoming.get(i), i + "->" + rank, "alltoall element " + i);
    }
  }

  private void arrayCollectives() {
    int root = size / 2;
    double[] values = new double[5];
    if (rank == root) {
      values = new double[] {9, 1.5, 2.5, 3.5, 9};
    }
    world.bcast(values, 1, 3, root);
    Check.equal(values[1] + values[2] + values[3], 7.5, "bcast double[] at offset");

    int[] whole = new int[2 * size];
    for (int i = 0; i < whole.length; i++) {
      whole[i] = 100 + i;
    }
    int[] part = new int[2];
    world.scatter(rank == 0 ? whole : null, 0, part, 0, 2, 0);
    Check.equal(part, new int[] {100 + 2 * rank, 101 + 2 * rank}, "scatter int[]");

    long[] gathered = new long[3 * size];
    world.gather(new long[] {rank, rank, rank}, 0, gathered, 0, 3, root);
    if (rank == root) {
      for (int i = 0; i < gathered.length; i++) {
        Check.equal(gathered[i], (long) (i / 3), "gather long[] element " + i);
      }
    }

    byte[] all = new byte[size];
    world.allgather(new byte[] {(byte) (rank + 1)}, 0, all, 0, 1);
    for (int i = 0; i < size; i++) {
      Check.equal(all[i], (byte) (i + 1), "allgather byte[] element " + i);
    }

    int[] out = new int[size];
    for (int j = 0; j < size; j++) {
      out[j] = rank * 100 + j;
    }
    int[] in = new int[size];
    world.alltoall(out, 0, in, 0, 1);
    for (int i = 0; i < size; i++) {
      Check.equal(in[i], i * 100 + rank, "alltoall int[] element " + i);
    }

    long[] nothing = new long[0];
    world.bcast(nothing, 0, 0, 0);
    world.gather(nothing, 0, new long[0], 0, 0, 0);
  }

  /** gatherv/scatterv with uneven sizes: rank i contributes i elements (rank 0 none). */
  private void variableCollectives() {
    int[] counts = new int[size];
    int[] displs = new int[size];
    int total = 0;
    for (int i = 0; i < size; i++) {
      counts[i] = i;
      displs[i] = total;
      total += i;
    }
    long[] mine = new long[rank];
    for (int k = 0; k < rank; k++) {
      mine[k] = rank * 1000L + k;
    }
    long[] gathered = new long[total + 1];
    world.gatherv(mine, 0, rank, gathered, 1, counts, displs, 0);
    if (rank == 0) {
      for (int i = 0; i < size; i++) {
        for (int k = 0; k < i; k++) {
          Check.equal(gathered[1 + displs[i] + k], i * 1000L + k, "gatherv rank " + i + " element " + k);
        }
      }
    }

    double[] source = new double[total];
    for (int i = 0; i < total; i++) {
      source[i] = i + 0.5;
    }
    double[] received = new double[rank];
    world.scatterv(rank == size - 1 ? source : null, 0, counts, displs, received, 0, rank, size - 1);
    for (int k = 0; k < rank; k++) {
      Check.equal(received[k], displs[rank] + k + 0.5, "scatterv element " + k);
    }
  }

  private void reductions() {
    long n = size;
    Check.equal(world.allreduce((long) rank, Op.SUM), n * (n - 1) / 2, "allreduce SUM long");
    Check.equal(world.allreduce(rank, Op.MAX), size - 1, "allreduce MAX int");
    Check.equal(world.allreduce((double) rank + 1, Op.MIN), 1.0, "allreduce MIN double");
    long factorial = 1;
    for (int i = 1; i <= size; i++) {
      factorial *= i;
    }
    Check.equal(world.allreduce((long) rank + 1, Op.PROD), factorial, "allreduce PROD");
    Check.equal(world.allreduce("r" + rank, Op.MAX), size > 1 ? "r" + (size - 1) : "r0", "MAX of strings");

    // A user operation that is not commutative: the result must follow rank order.
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < size; i++) {
      expected.append(i == 0 ? "" : ",").append(i);
    }
    Op join = Op.<String>of((a, b) -> a + "," + b);
    for (int root = 0; root < size; root++) {
      String joined = world.reduce(String.valueOf(rank), join, root);
      Check.equal(joined, rank == root ? expected.toString() : null, "ordered reduce to root " + root);
    }
    Check.equal(world.allreduce(String.valueOf(rank), join), expected.toString(), "ordered allreduce");

    long[] sums = new long[3];
    world.allreduce(new long[] {rank, 1, -rank}, 0, sums, 0, 3, Op.SUM);
    Check.equal(sums, new long[] {n * (n - 1) / 2, n, -n * (n - 1) / 2}, "allreduce long[] SUM");

    int[] maxima = new int[2];
    world.reduce(new int[] {rank, -rank}, 0, maxima, 0, 2, Op.MAX, size - 1);
    if (rank == size - 1) {
      Check.equal(maxima, new int[] {size - 1, 0}, "reduce int[] MAX");
    }

    double[] product = new double[1];
    world.allreduce(new double[] {2.0}, 0, product, 0, 1, Op.PROD);
    Check.equal(product[0], Math.pow(2, size), "allreduce double[] PROD");

    long[] custom = new long[1];
    // decimal concatenation: associative, not commutative
    world.allreduce(new long[] {rank + 1}, 0, custom, 0, 1,
        Op.ofLongs((a, b) -> a * (long) Math.pow(10, Long.toString(b).length()) + b));
    long digits = 0;
    for (int i = 1; i <= size; i++) {
      digits = i == 1 ? 1 : digits * 10 + i;
    }
    Check.equal(custom[0], digits, "allreduce with an ordered user function on long[]");

    long[] objectSum = world.allreduce(new long[] {rank, 2}, Op.SUM);
    Check.equal(objectSum, new long[] {n * (n - 1) / 2, 2 * n}, "allreduce of long[] objects");
  }

  private void split() {
    Comm halves = world.split(rank % 2, -rank);
    int mySize = (size + 1 - rank % 2) / 2;
    Check.equal(halves.size(), mySize, "split size");
    // key -rank: the highest world rank of a colour is rank 0 there
    int expectedRank = (mySize - 1) - rank / 2;
    Check.equal(halves.rank(), expectedRank, "split rank (ordered by key)");
    Check.equal(halves.allreduce(1, Op.SUM), mySize, "allreduce in a split communicator");
    List<Integer> members = halves.allgather(rank);
    for (int i = 0; i < members.size(); i++) {
      Check.equal(members.get(i) % 2, rank % 2, "split member colour");
    }
    // Point-to-point inside the new communicator does not mix with the world's.
    halves.send("in-half", (halves.rank() + 1) % halves.size(), 1);
    world.send("in-world", next(), 1);
    Check.equal(halves.recv((halves.rank() - 1 + halves.size()) % halves.size(), 1), "in-half", "split messages");
    Check.equal(world.recv(previous(), 1), "in-world", "world messages after split");

    Comm only0 = world.split(rank == 0 ? 0 : Comm.UNDEFINED, 0);
    Check.equal(only0 == null, rank != 0, "UNDEFINED colour gives null");
    if (only0 != null) {
      Check.equal(only0.size(), 1, "single-rank split");
      Check.equal(only0.bcast("x", 0), "x", "bcast in a single-rank communicator");
    }
  }

  private void clock() {
    double start = Comm.wtime();
    double later = Comm.wtime();
    Check.that(later >= start, "wtime does not go backwards");
    Check.equal(Comm.wtick(), 1e-9, "wtick");
    // every rank of this job runs here, so all report this machine's name
    Check.equal(world.allgather(Comm.processorName()).stream().distinct().count(), 1L, "processor names");
    Check.that(!Comm.processorName().isBlank(), "processor name is set");
  }
}
