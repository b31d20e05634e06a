package io.picluster.jobs;

import io.picluster.comm.Comm;
import io.picluster.comm.Op;
import io.picluster.comm.Received;
import io.picluster.comm.Request;
import io.picluster.comm.Status;
import java.util.ArrayList;
import java.util.List;
import mpi.MPI;
import mpi.MPIException;

/**
 * {@code soak}: random traffic between every pair of ranks for a long time, checked message by
 * message (issue 13 §3). Each round every rank sends {@value #PER_RANK} messages of random size
 * (mostly small, some up to 4 MiB) and tag to random ranks, in one of four styles taking turns:
 * picluster-comm objects (non-blocking sends, blocking any-source any-tag receives), picluster-comm
 * arrays (receives posted ahead, blocking sends), package mpi (non-blocking sends, Probe with any
 * source and tag, blocking Recv), package mpi (Irecv posted ahead with any tag, blocking Send); a
 * reduction and a broadcast follow each round. Every message carries its sequence number and a
 * checksum. Rank 0 prints the seed first and at the end the counts of lost, duplicated, reordered
 * (against MPI's non-overtaking rule) and corrupted messages, and the largest growth of a rank's
 * memory after the warm-up ({@link SoakMemory}: resident memory, or what the JVM holds); the exit
 * code is 1 unless all counts are 0 and the growth is below 10 %.
 */
final class SoakJob implements Job {
  static final int PER_RANK = 64;
  private static final long DEFAULT_MESSAGES = 1_000_000;
  private static final double MAX_RSS_GROWTH_PERCENT = 10;

  @Override
  public String name() {
    return "soak";
  }

  @Override
  public String summary() {
    return "checked random traffic: lost, duplicated, reordered, corrupted";
  }

  @Override
  public String usage() {
    return "soak [MESSAGES [SEED]]   about MESSAGES messages in all (default 1000000; at least one"
        + " round of " + PER_RANK + " per rank), random from SEED (default: from the clock; printed)";
  }

  @Override
  public void check(List<String> args) {
    options(args);
  }

  /** A fixed, touched heap: resident memory then grows only if something really leaks. */
  @Override
  public List<String> rankJvmOptions(List<String> args) {
    return List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch");
  }

  private record Options(long messages, Long seed) {}

  private static Options options(List<String> args) {
    if (args.size() > 2) {
      throw new IllegalArgumentException("soak takes at most MESSAGES and SEED, got " + args.size()
          + " arguments");
    }
    long messages = DEFAULT_MESSAGES;
    Long seed = null;
    if (!args.isEmpty()) {
      try {
        messages = Long.parseLong(args.get(0));
      } catch (NumberFormatException e) {
        messages = -1;
      }
      if (messages < 1 || messages > 1_000_000_000L) {
        throw new IllegalArgumentException("soak MESSAGES is a count from 1 to 1000000000, got '"
            + args.get(0) + "'");
      }
    }
    if (args.size() == 2) {
      try {
        seed = Long.parseLong(args.get(1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("soak SEED is a whole number, got '" + args.get(1) + "'");
      }
    }
    return new Options(messages, seed);
  }

  @Override
  public int run(List<String> args) throws Exception {
    Options options = options(args);
    Comm world = Comm.world();
    int size = world.size();
    int me = world.rank();
    if (size < 2) {
      if (me == 0) {
        System.err.println("picluster: soak needs at least 2 ranks: run it with -n 2 or more");
      }
      return 2;
    }
    MPI.Init(new String[0]);
    long seed = world.bcast(me == 0
        ? (options.seed() != null ? options.seed() : System.nanoTime() ^ System.currentTimeMillis())
        : 0L, 0);
    int rounds = (int) Math.max(1, (options.messages() + (long) PER_RANK * size - 1) / ((long) PER_RANK * size));
    // Long enough for the JIT and the class data to settle, even in a short run.
    int warmup = Math.max(1, Math.max(rounds / 10, Math.min(20, rounds / 2)));
    if (me == 0) {
      System.out.println("soak: seed " + seed + ", " + size + " ranks, " + rounds + " rounds of "
          + PER_RANK + " messages per rank");
      System.out.flush();
    }
    SoakMessage messages = new SoakMessage(seed);
    SoakTally tally = new SoakTally();
    long[][] next = new long[size][size];
    long collectives = 0;
    SoakMemory memory = new SoakMemory();
    long memoryAtWarmup = -1;
    long start = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      long[] first = new long[size];
      for (int src = 0; src < size; src++) {
        first[src] = next[src][me];
      }
      SoakPlan plan = new SoakPlan(seed, round, size, PER_RANK, next);
      tally.begin(first, plan.incoming(me));
      switch (round % 4) {
        case 0 -> commObjects(world, plan, messages, tally);
        case 1 -> commArraysPostedAhead(world, plan, messages, tally);
        case 2 -> mpiProbeAnySource(plan, messages, tally);
        default -> mpiPostedAheadAnyTag(plan, messages, tally);
      }
      tally.end();
      collectives += roundCollectives(world, plan, round, tally);
      if (round + 1 == warmup) {
        memoryAtWarmup = measuredBetweenRounds(world, memory);
      }
    }
    long memoryAtEnd = measuredBetweenRounds(world, memory);
    // Growth in hundredths of a percent, so the largest can be found with a long reduction.
    long growth = memoryAtWarmup > 0 && memoryAtEnd > 0
        ? (memoryAtEnd - memoryAtWarmup) * 10_000 / memoryAtWarmup
        : 0;
    long[] sums = {tally.lost, tally.duplicated, tally.reordered, tally.corrupted, tally.messages,
        tally.bytes};
    long[] total = new long[sums.length];
    world.allreduce(sums, 0, total, 0, sums.length, Op.SUM);
    long[] worst = new long[1];
    world.allreduce(new long[] {growth}, 0, worst, 0, 1, Op.MAX);
    MPI.Finalize();
    boolean clean = total[0] == 0 && total[1] == 0 && total[2] == 0 && total[3] == 0;
    boolean small = worst[0] < MAX_RSS_GROWTH_PERCENT * 100;
    if (me == 0) {
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("soak: seed %d, %d ranks, %d messages (%.1f MiB) and %d collectives in %.1f s:"
          + " lost %d, duplicated %d, reordered %d, corrupted %d; largest %s growth after warm-up"
          + " %.1f %%%n", seed, size, total[4], total[5] / 1048576.0, collectives, seconds,
          total[0], total[1], total[2], total[3], memory.what(), worst[0] / 100.0);
      if (!clean || !small) {
        System.out.println("soak: FAILED (" + (!clean ? "messages went wrong" : "")
            + (!clean && !small ? "; " : "") + (!small ? "memory grew by 10 % or more" : "")
            + "); rerun with this seed: picluster run -n " + size + " soak " + options.messages()
            + " " + seed);
      }
    }
    // Rank 0 alone says it: one failed rank ends the job, and the others' finish would be noise.
    return clean && small || me != 0 ? 0 : 1;
  }

  /**
   * The memory figure while no rank has a message under way: ranks that are threads of one JVM
   * share its heap, and another's next round would count in this rank's figure.
   */
  private static long measuredBetweenRounds(Comm world, SoakMemory memory) {
    world.barrier();
    long kib = memory.kib();
    world.barrier();
    return kib;
  }

  /** picluster-comm, objects: non-blocking sends, then blocking receives from any source, any tag. */
  private static void commObjects(Comm world, SoakPlan plan, SoakMessage messages, SoakTally tally) {
    int me = world.rank();
    List<Request<Void>> sends = new ArrayList<>();
    for (int k = 0; k < plan.perRank; k++) {
      sends.add(world.isend(make(plan, messages, me, k), plan.dest[me][k], plan.tag[me][k]));
    }
    int expected = sum(plan.incoming(me));
    for (int i = 0; i < expected; i++) {
      Received<byte[]> r = world.recvWithStatus(Comm.ANY_SOURCE, Comm.ANY_TAG);
      Status s = r.status();
      tally.received(s.source(), SoakMessage.check(r.value(), r.value().length, s.source(), me,
          s.tag()), r.value().length);
    }
    Request.awaitAll(sends);
  }

  /**
   * picluster-comm, arrays: a receive posted ahead for each message, from its sender with its tag
   * and of its size (MPI-safe with the blocking sends that follow), checked in posting order.
   */
  private static void commArraysPostedAhead(Comm world, SoakPlan plan, SoakMessage messages,
      SoakTally tally) {
    int me = world.rank();
    List<Request<Status>> receives = new ArrayList<>();
    List<byte[]> buffers = new ArrayList<>();
    List<Integer> sources = new ArrayList<>();
    for (int src = 0; src < plan.size; src++) {
      for (int k = 0; k < plan.perRank; k++) {
        if (plan.dest[src][k] == me) {
          byte[] buf = new byte[plan.bytes[src][k]];
          buffers.add(buf);
          sources.add(src);
          receives.add(world.irecv(buf, 0, buf.length, src, plan.tag[src][k]));
        }
      }
    }
    for (int k = 0; k < plan.perRank; k++) {
      byte[] m = make(plan, messages, me, k);
      world.send(m, 0, m.length, plan.dest[me][k], plan.tag[me][k]);
    }
    for (int i = 0; i < receives.size(); i++) {
      Status s = receives.get(i).await();
      byte[] buf = buffers.get(i);
      int length = (int) s.bytes();
      tally.received(s.source() == sources.get(i) ? s.source() : -1,
          SoakMessage.check(buf, length, s.source(), me, s.tag()), length);
    }
  }

  /** package mpi: Isend, then Probe from any source with any tag, a Recv of that size, Waitall. */
  private static void mpiProbeAnySource(SoakPlan plan, SoakMessage messages, SoakTally tally)
      throws MPIException {
    int me = MPI.COMM_WORLD.Rank();
    mpi.Request[] sends = new mpi.Request[plan.perRank];
    for (int k = 0; k < plan.perRank; k++) {
      byte[] m = make(plan, messages, me, k);
      sends[k] = MPI.COMM_WORLD.Isend(m, 0, m.length, MPI.BYTE, plan.dest[me][k], plan.tag[me][k]);
    }
    int expected = sum(plan.incoming(me));
    for (int i = 0; i < expected; i++) {
      mpi.Status probed = MPI.COMM_WORLD.Probe(MPI.ANY_SOURCE, MPI.ANY_TAG);
      int length = probed.Get_count(MPI.BYTE);
      byte[] buf = new byte[length];
      mpi.Status s = MPI.COMM_WORLD.Recv(buf, 0, length, MPI.BYTE, probed.source, probed.tag);
      tally.received(s.source, SoakMessage.check(buf, s.Get_count(MPI.BYTE), s.source, me, s.tag),
          length);
    }
    mpi.Request.Waitall(sends);
  }

  /**
   * package mpi: Irecv posted ahead per message from its sender with any tag (so the sender's
   * order alone decides which receive gets which message), blocking Send, then Waitall.
   */
  private static void mpiPostedAheadAnyTag(SoakPlan plan, SoakMessage messages, SoakTally tally)
      throws MPIException {
    int me = MPI.COMM_WORLD.Rank();
    List<mpi.Request> receives = new ArrayList<>();
    List<byte[]> buffers = new ArrayList<>();
    for (int src = 0; src < plan.size; src++) {
      for (int k = 0; k < plan.perRank; k++) {
        if (plan.dest[src][k] == me) {
          byte[] buf = new byte[plan.bytes[src][k]];
          buffers.add(buf);
          receives.add(MPI.COMM_WORLD.Irecv(buf, 0, buf.length, MPI.BYTE, src, MPI.ANY_TAG));
        }
      }
    }
    for (int k = 0; k < plan.perRank; k++) {
      byte[] m = make(plan, messages, me, k);
      MPI.COMM_WORLD.Send(m, 0, m.length, MPI.BYTE, plan.dest[me][k], plan.tag[me][k]);
    }
    mpi.Status[] done = mpi.Request.Waitall(receives.toArray(new mpi.Request[0]));
    for (int i = 0; i < done.length; i++) {
      int length = done[i].Get_count(MPI.BYTE);
      tally.received(done[i].source, SoakMessage.check(buffers.get(i), length, done[i].source, me,
          done[i].tag), length);
    }
  }

  /**
   * Between rounds: a sum of what everyone sent (checked against the plan, a wrong one counts as a
   * corrupted message) and a broadcast from a rank that changes every round, through either layer.
   */
  private static int roundCollectives(Comm world, SoakPlan plan, int round, SoakTally tally)
      throws MPIException {
    int me = world.rank();
    long[] mine = {plan.perRank, 0};
    for (int k = 0; k < plan.perRank; k++) {
      mine[1] += plan.bytes[me][k];
    }
    long[] sum = new long[2];
    int root = round % plan.size;
    long token = plan.totals()[1] ^ round;
    long got;
    if (round % 4 < 2) {
      world.allreduce(mine, 0, sum, 0, 2, Op.SUM);
      got = world.bcast(me == root ? token : 0L, root);
    } else {
      MPI.COMM_WORLD.Allreduce(mine, 0, sum, 0, 2, MPI.LONG, MPI.SUM);
      long[] b = {me == root ? token : 0L};
      MPI.COMM_WORLD.Bcast(b, 0, 1, MPI.LONG, root);
      got = b[0];
      MPI.COMM_WORLD.Barrier();
    }
    long[] expected = plan.totals();
    if (sum[0] != expected[0] || sum[1] != expected[1] || got != token) {
      tally.corrupted++;
    }
    return round % 4 < 2 ? 2 : 3;
  }

  private static byte[] make(SoakPlan plan, SoakMessage messages, int me, int k) {
    return messages.make(me, plan.dest[me][k], plan.seq[me][k], plan.tag[me][k], plan.bytes[me][k]);
  }

  private static int sum(int[] counts) {
    int s = 0;
    for (int c : counts) {
      s += c;
    }
    return s;
  }
}
