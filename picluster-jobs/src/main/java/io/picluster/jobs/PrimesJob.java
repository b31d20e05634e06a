package io.picluster.jobs;

import io.picluster.comm.Comm;
import io.picluster.comm.Op;
import io.picluster.jobs.primes.GatherMemory;
import io.picluster.jobs.primes.PrimeSieve;
import io.picluster.jobs.primes.PrimesOptions;
import io.picluster.jobs.primes.PrimesReport;
import io.picluster.jobs.primes.RangeSplit;
import io.picluster.jobs.primes.TrialDivision;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code primes N}: the tutorial's workload. By default every rank sieves its contiguous part of
 * {@code [0, N)} and the counts are reduced (SUM) at rank 0, which prints prime.py's report; {@code
 * --list} also gathers the primes, {@code --scatter} has rank 0 hand out the ranges, and {@code
 * --method trial} runs prime.py's own algorithm. See {@link PrimesOptions#USAGE}.
 */
final class PrimesJob implements Job {
  private static final int ROOT = 0;

  @Override
  public String name() {
    return "primes";
  }

  @Override
  public String summary() {
    return "count (and list) the primes below N, like the tutorial's prime.py";
  }

  @Override
  public String usage() {
    return PrimesOptions.USAGE;
  }

  @Override
  public void check(List<String> args) {
    PrimesOptions.parse(args);
  }

  /** Below this N a rank computes for milliseconds: start-up, not the JIT's best code, dominates. */
  private static final long QUICK_START_BELOW = 100_000_000L;

  @Override
  public List<String> rankJvmOptions(List<String> args) {
    PrimesOptions options = PrimesOptions.parse(args);
    boolean small = options.method() == PrimesOptions.Method.SIEVE && options.n() < QUICK_START_BELOW;
    return small ? QUICK_START : List.of();
  }

  @Override
  public int run(List<String> args) {
    PrimesOptions options = PrimesOptions.parse(args);
    Comm world = Comm.world();
    boolean gathers = options.list() || options.method() == PrimesOptions.Method.TRIAL;
    if (gathers && !rootCanGather(world, options.n())) {
      return 2;
    }
    // Like prime.py, whose MPI start-up is collective: wait until every rank has joined (JVMs start
    // at different speeds), then start the clock, so start-up is not counted.
    world.barrier();
    double start = Comm.wtime();
    Found found =
        options.method() == PrimesOptions.Method.TRIAL
            ? trialDivision(world, options.n())
            : sieve(world, options);
    double seconds = Comm.wtime() - start;
    if (world.rank() == ROOT) {
      PrintStream out = System.out;
      out.print(PrimesReport.format(options.n(), world.size(), seconds, found.count()));
      if (options.list()) {
        printOnePerLine(out, found.primes());
      }
      out.flush();
    }
    return 0;
  }

  /** What rank 0 ends up with: the count, and the primes themselves when they were gathered. */
  private record Found(long count, long[] primes) {}

  /** Each rank sieves its range; counts are reduced at rank 0, primes (--list) gathered there. */
  private static Found sieve(Comm world, PrimesOptions options) {
    long[] range = myRange(world, options);
    PrimeSieve sieve = new PrimeSieve(options.segmentBytes());
    long[] mine = options.list() ? sieve.list(range[0], range[1]) : null;
    long myCount = options.list() ? mine.length : sieve.count(range[0], range[1]);
    Long total = world.reduce(myCount, Op.SUM, ROOT);
    long[] all = options.list() ? gatherInOrder(world, mine) : null;
    return new Found(total == null ? 0 : total, all);
  }

  /** prime.py: round-robin trial division, every rank's list gathered, flattened and sorted. */
  private static Found trialDivision(Comm world, long n) {
    long[] all = gatherSorted(world, TrialDivision.primes(n, world.rank(), world.size()));
    return new Found(all == null ? 0 : all.length, all);
  }

  /**
   * Whether rank 0 has the heap to gather every prime; rank 0 decides for everyone (it is the one
   * that would run out of memory) and explains in one line when it has not.
   */
  private static boolean rootCanGather(Comm world, long n) {
    String shortfall =
        world.rank() == ROOT ? GatherMemory.shortfall(n, Runtime.getRuntime().maxMemory()) : null;
    shortfall = world.bcast(shortfall, ROOT);
    if (shortfall != null && world.rank() == ROOT) {
      System.err.println("primes: " + shortfall);
    }
    return shortfall == null;
  }

  /** This rank's {lo, hi}: worked out locally, or (with --scatter) cut by rank 0 and scattered. */
  private static long[] myRange(Comm world, PrimesOptions options) {
    if (!options.scatter()) {
      return RangeSplit.part(options.n(), world.size(), world.rank());
    }
    long[] all = world.rank() == ROOT ? RangeSplit.allParts(options.n(), world.size()) : null;
    long[] mine = new long[2];
    world.scatter(all, 0, mine, 0, 2, ROOT);
    return mine;
  }

  /** Every rank's primes at rank 0, in rank order (ascending, as the ranges are); null elsewhere. */
  private static long[] gatherInOrder(Comm world, long[] mine) {
    List<Integer> sizes = world.gather(mine.length, ROOT);
    long[] all = null;
    int[] counts = null;
    int[] displs = null;
    if (world.rank() == ROOT) {
      counts = new int[sizes.size()];
      displs = new int[sizes.size()];
      long total = 0;
      for (int r = 0; r < counts.length; r++) {
        counts[r] = sizes.get(r);
        displs[r] = (int) total;
        total += counts[r];
      }
      all = new long[Math.toIntExact(total)];
    }
    world.gatherv(mine, 0, mine.length, all, 0, counts, displs, ROOT);
    return all;
  }

  /** prime.py's ending: gather the lists at rank 0, flatten and sort; null elsewhere. */
  private static long[] gatherSorted(Comm world, long[] mine) {
    List<long[]> lists = world.gather(mine, ROOT);
    if (lists == null) {
      return null;
    }
    long[] merged = new long[lists.stream().mapToInt(l -> l.length).sum()];
    int at = 0;
    for (long[] list : lists) {
      System.arraycopy(list, 0, merged, at, list.length);
      at += list.length;
    }
    Arrays.sort(merged);
    return merged;
  }

  private static void printOnePerLine(PrintStream out, long[] values) {
    StringBuilder chunk = new StringBuilder(1 << 16);
    for (long v : values) {
      chunk.append(v).append('\n');
      if (chunk.length() >= 1 << 16) {
        out.print(chunk);
        chunk.setLength(0);
      }
    }
    out.print(chunk);
  }
}
