package io.picluster.examples;

import io.picluster.comm.Comm;
import io.picluster.comm.Op;
import java.util.Locale;

/**
 * Computes pi as the integral of 4/(1+x²) over [0, 1] by the midpoint rule. Each rank sums its own
 * slice of the intervals, and the slices' sums are added up at rank 0, which prints, e.g.:
 *
 * <pre>
 * pi=3.141592653589683 error=1.11e-13 ranks=4
 * intervals=100000000 seconds=0.342
 * </pre>
 *
 * <p>Run: {@code picluster exec -n 4 java -cp picluster-examples.jar io.picluster.examples.Pi
 * [INTERVALS]} (default 1e8).
 */
public final class Pi {
  private static final long DEFAULT_INTERVALS = 100_000_000L;

  public static void main(String[] args) {
    Comm world = Comm.world(); // joins the job: every rank runs this same main
    // Parsed as a double so that "1e9" works too.
    long intervals = args.length > 0 ? (long) Double.parseDouble(args[0]) : DEFAULT_INTERVALS;
    if (intervals < 1) {
      throw new IllegalArgumentException("INTERVALS must be at least 1, got " + args[0]);
    }
    double start = Comm.wtime();

    // This rank's slice: contiguous, so the ranks' slices together cover [0, intervals) once.
    long first = firstInterval(world.rank(), world.size(), intervals);
    long end = firstInterval(world.rank() + 1, world.size(), intervals);
    double width = 1.0 / intervals;
    double sum = 0;
    for (long i = first; i < end; i++) {
      double x = (i + 0.5) * width; // the interval's midpoint
      sum += 4 / (1 + x * x);
    }

    // Every rank must call reduce; only the root (rank 0) gets the total, the others get null.
    Double pi = world.reduce(sum * width, Op.SUM, 0);
    if (world.rank() == 0) {
      // Locale.ROOT: a decimal point on every node, whatever its language.
      System.out.println(String.format(Locale.ROOT, "pi=%.15f error=%.2e ranks=%d",
          pi, Math.abs(pi - Math.PI), world.size()));
      System.out.println(String.format(Locale.ROOT, "intervals=%d seconds=%.3f",
          intervals, Comm.wtime() - start));
    }
  }

  /** Where rank's slice starts; slices differ in length by one at most. */
  private static long firstInterval(int rank, int ranks, long intervals) {
    return intervals / ranks * rank + Math.min(rank, intervals % ranks);
  }
}
