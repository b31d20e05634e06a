package io.picluster.examples.openmpi;

import java.util.Locale;
import mpi.MPI;
import mpi.MPIException;

/**
 * Pi as the integral of 4/(1+x²) over [0, 1] by the midpoint rule, Open MPI style: rank 0
 * broadcasts the number of intervals ({@code bcast}), every rank sums every size-th interval, and
 * {@code reduce} with {@code MPI.SUM} adds the sums at rank 0, which prints, e.g.:
 *
 * <pre>
 * pi=3.141592653589793 error=8.88e-16 ranks=4
 * </pre>
 *
 * <p>Run: {@code picluster java -np 4 -cp picluster-examples.jar io.picluster.examples.openmpi.Pi [INTERVALS]}
 * (default 1e7).
 */
public class Pi {
  public static void main(String[] args) throws MPIException {
    String[] rest = MPI.Init(args);
    int rank = MPI.COMM_WORLD.getRank();
    int size = MPI.COMM_WORLD.getSize();

    long[] intervals = new long[1];
    if (rank == 0) {
      intervals[0] = rest.length > 0 ? (long) Double.parseDouble(rest[0]) : 10_000_000L;
    }
    MPI.COMM_WORLD.bcast(intervals, 1, MPI.LONG, 0);

    double width = 1.0 / intervals[0];
    double sum = 0;
    for (long i = rank; i < intervals[0]; i += size) {
      double x = (i + 0.5) * width;
      sum += 4 / (1 + x * x);
    }
    double[] mine = {sum * width};
    double[] pi = new double[1];
    MPI.COMM_WORLD.reduce(mine, pi, 1, MPI.DOUBLE, MPI.SUM, 0);

    if (rank == 0) {
      System.out.println(String.format(Locale.ROOT, "pi=%.15f error=%.2e ranks=%d",
          pi[0], Math.abs(pi[0] - Math.PI), size));
    }
    MPI.Finalize();
  }
}
