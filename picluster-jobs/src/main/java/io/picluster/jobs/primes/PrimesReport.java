package io.picluster.jobs.primes;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The four lines prime.py prints at rank 0, kept word for word so outputs compare, except that the
 * tutorial's typo "elasped" is spelled "elapsed" and the time always has two decimals.
 */
public final class PrimesReport {
  private PrimesReport() {}

  public static String format(long n, int nodes, double seconds, long primes) {
    String newline = System.lineSeparator();
    return "Find all primes up to: " + n + newline
        + "Nodes: " + nodes + newline
        + "Time elapsed: " + twoDecimals(seconds) + " seconds" + newline
        + "Primes discovered: " + primes + newline;
  }

  /**
   * {@code String.format(Locale.ROOT, "%.2f", x)} for a finite {@code x >= +0.0} (a time), without a
   * Formatter: making the first one (its classes, and lambdas to link) took ~5 ms of CPU in a CPU
   * profile of {@code run -n 4 primes 100000}, at the very end of a job whose report says 0.03 s.
   * The same digits: both round the shortest decimal form of {@code x} half up.
   */
  static String twoDecimals(double x) {
    return BigDecimal.valueOf(x).setScale(2, RoundingMode.HALF_UP).toPlainString();
  }
}
