package io.picluster.jobs.primes;

import java.util.Locale;

/**
 * The four lines prime.py prints at rank 0, kept word for word so outputs compare, except that the
 * tutorial's typo "elasped" is spelled "elapsed" and the time always has two decimals.
 */
public final class PrimesReport {
  private PrimesReport() {}

  public static String format(long n, int nodes, double seconds, long primes) {
    return String.format(
        Locale.ROOT,
        "Find all primes up to: %d%nNodes: %d%nTime elapsed: %.2f seconds%nPrimes discovered: %d%n",
        n,
        nodes,
        seconds,
        primes);
  }
}
