package io.picluster.comm.internal;

/**
 * How long a waiting rank spins before it blocks when its host's ranks outnumber the cores
 * (research note shm-transport.md §3.3): 1 µs longer after a wait that ended within its budget,
 * half as long after one that did not, and none once that is below 1 µs (in a ring of 4 ranks on 2
 * cores each rank waits 3 hops, so the budget only ever sinks, and used to sit at a 1 µs floor). The
 * rank then goes straight to its yield, or blocks and leaves its core to the rank it has just woken,
 * which the kernel tends to queue on that very core.
 * With none, every {@link #PROBE_EVERY}th wait still spins {@link #PROBE_NANOS}, about what a
 * block and its wake-up cost (a probe that misses leaves none again): a blocked wait cannot show
 * that waits got short again, since its own wake-up takes longer than they do (2 of 4 ranks as
 * threads in a ping-pong wait about 4 µs each).
 */
final class AdaptiveSpin {
  static final long MIN_NANOS = 1_000;
  static final long MAX_NANOS = 50_000;
  static final long STEP_NANOS = 1_000;
  static final int PROBE_EVERY = 16;
  static final long PROBE_NANOS = 10_000;

  private long nanos;
  private int waitsSinceProbe;
  private boolean probing;

  AdaptiveSpin(long startNanos) {
    nanos = Math.min(MAX_NANOS, startNanos);
  }

  /** The spin budget of a wait that starts now. */
  long next() {
    if (nanos == 0 && ++waitsSinceProbe >= PROBE_EVERY) {
      waitsSinceProbe = 0;
      probing = true;
      return PROBE_NANOS;
    }
    return nanos;
  }

  /** A wait given {@code budget} by {@link #next} has ended, within that budget or not. */
  void ended(long budget, boolean withinBudget) {
    boolean probe = probing;
    probing = false;
    if (withinBudget) {
      nanos = Math.min(MAX_NANOS, budget + STEP_NANOS);
    } else {
      nanos = probe || budget / 2 < MIN_NANOS ? 0 : budget / 2; // a probe that missed: none again
    }
  }
}
