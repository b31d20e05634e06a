package io.picluster.comm.internal;

/**
 * How long a waiting rank spins before it blocks when its host's ranks outnumber the cores
 * (research note shm-transport.md §3.3): 1 µs longer after a wait that ended within its budget,
 * half as long after one that did not, and none once that is below 1 µs. The rank then blocks at
 * once and leaves its core to the rank it has just woken, which the kernel tends to queue on that
 * very core (in a ring of 4 ranks on 2 cores each rank waits 3 hops, so the budget only ever sank).
 * With none, every {@link #PROBE_EVERY}th wait still spins {@link #MIN_NANOS}: a blocked wait cannot
 * show that waits got short again, since its own wake-up takes longer than they do.
 */
final class AdaptiveSpin {
  static final long MIN_NANOS = 1_000;
  static final long MAX_NANOS = 50_000;
  static final long STEP_NANOS = 1_000;
  static final int PROBE_EVERY = 16;

  private long nanos;
  private int waitsSinceProbe;

  AdaptiveSpin(long startNanos) {
    nanos = Math.min(MAX_NANOS, startNanos);
  }

  /** The spin budget of a wait that starts now. */
  long next() {
    if (nanos == 0 && ++waitsSinceProbe >= PROBE_EVERY) {
      waitsSinceProbe = 0;
      return MIN_NANOS;
    }
    return nanos;
  }

  /** A wait given {@code budget} by {@link #next} has ended, within that budget or not. */
  void ended(long budget, boolean withinBudget) {
    if (withinBudget) {
      nanos = Math.min(MAX_NANOS, budget + STEP_NANOS);
    } else {
      nanos = budget / 2 < MIN_NANOS ? 0 : budget / 2;
    }
  }
}
