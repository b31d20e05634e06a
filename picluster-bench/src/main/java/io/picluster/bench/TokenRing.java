package io.picluster.bench;

import io.picluster.comm.Comm;
import io.picluster.comm.Op;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The 8-byte token ring of bench row 11 as a picluster job: rank 0 sends a counter round the ranks
 * LAPS times and prints the time per hop (resource {@code token-ring/token_ring.c} is the same in C).
 */
public final class TokenRing {
  private TokenRing() {}

  /**
   * Warm-up: untimed batches until, for this long, no rank's JIT has compiled for more than
   * {@link #QUIET_JIT_MILLIS} and no batch has been 5 % quicker than the best...
   */
  private static final long SETTLE_NANOS = 1_000_000_000L;
  /**
   * Compilation time that counts as quiet: the warm-up's own reductions keep the JIT busy with
   * small compilations (1-5 ms each, for 10 s and more) long after the ring's path is compiled.
   */
  private static final long QUIET_JIT_MILLIS = 10;
  /** ...or for at most this long in all. */
  private static final long MAX_WARMUP_NANOS = 15_000_000_000L;

  public static void main(String[] args) {
    Comm world = Comm.world();
    int rank = world.rank();
    int size = world.size();
    int laps = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    // Untimed batches first, until the ranks' JITs are done with the hot path: with 4 JVMs on 2
    // cores their compilers take seconds of the cores the ranks share (in a ring's per-batch times,
    // a hop took 15-20 us while they worked, 8 once all four were quiet, about 4 s in), and batch
    // times alone can look settled before that. The figure is the steady state, as MPI's latency benchmarks report it.
    warmUp(world, Math.max(100, laps / 10));
    // No barrier: the warm-up's last reduction has lined the ranks up, and a barrier's empty byte
    // messages, new to the hot path, made the JIT throw away its compiled send and parse and run the
    // timed laps in slower code while it compiled them again (3 runs each: 13.6-20.3 us per hop
    // with the barrier, 7.5-9.6 without).
    long start = System.nanoTime();
    laps(world, laps);
    if (rank == 0) {
      System.out.printf(Locale.ROOT, "ring_us_per_hop laps=%d ranks=%d value=%.3f%n", laps, size,
          (System.nanoTime() - start) / 1e3 / ((double) laps * size));
    }
  }

  /**
   * Batches of {@code batch} laps until, in every rank, the JIT has been quiet and batch times have
   * not improved for {@link #SETTLE_NANOS}; all ranks agree on when through a MIN reduction.
   */
  private static void warmUp(Comm world, int batch) {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean jitTimed = jit != null && jit.isCompilationTimeMonitoringSupported();
    long start = System.nanoTime();
    long best = Long.MAX_VALUE;
    long lastChange = start; // the last batch that beat the best by 5 %, or compilation that was not quiet
    long compiledMillis = jitTimed ? jit.getTotalCompilationTime() : 0; // as of lastChange's compilation
    // {how long this rank has been settled, how long it may still warm up}: the minimum over the
    // ranks decides, so they all stop after the same batch
    long[] mine = new long[2];
    long[] everywhere = new long[2];
    do {
      long batchStart = System.nanoTime();
      laps(world, batch);
      long now = System.nanoTime();
      long took = now - batchStart;
      if (took < best - best / 20) {
        lastChange = now;
      }
      best = Math.min(best, took);
      long compiled = jitTimed ? jit.getTotalCompilationTime() : 0;
      if (compiled - compiledMillis > QUIET_JIT_MILLIS) {
        compiledMillis = compiled;
        lastChange = now;
      }
      mine[0] = now - lastChange;
      mine[1] = MAX_WARMUP_NANOS - (now - start);
      world.allreduce(mine, 0, everywhere, 0, 2, Op.MIN);
    } while (everywhere[0] < SETTLE_NANOS && everywhere[1] > 0);
  }

  private static void laps(Comm world, int laps) {
    int rank = world.rank();
    int size = world.size();
    long[] token = new long[1];
    for (int lap = 0; lap < laps; lap++) {
      if (rank == 0) {
        token[0] = lap;
        world.send(token, 0, 1, 1, 3);
        world.recv(token, 0, 1, size - 1, 3);
        if (token[0] != lap + size - 1) {
          throw new IllegalStateException("lap " + lap + ": the token came back as " + token[0]);
        }
      } else {
        world.recv(token, 0, 1, rank - 1, 3);
        token[0]++;
        world.send(token, 0, 1, (rank + 1) % size, 3);
      }
    }
  }
}
