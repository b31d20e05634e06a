package io.picluster.jobs.primes;

/**
 * Cuts {@code [0, n)} into {@code parts} contiguous ranges whose lengths differ by at most one, in
 * order: part {@code r} goes to rank {@code r}. With more parts than numbers the last ones are empty.
 */
public final class RangeSplit {
  private RangeSplit() {}

  /** The start of part {@code r}; part r is {@code [start(n, parts, r), start(n, parts, r + 1))}. */
  public static long start(long n, int parts, int r) {
    if (n < 0 || parts < 1 || r < 0 || r > parts) {
      throw new IllegalArgumentException(
          "cannot take part " + r + " of " + parts + " of [0, " + n + ")");
    }
    long base = n / parts;
    long longer = n % parts; // the first `longer` parts get one number more
    return r * base + Math.min(r, longer); // ≤ n, so no overflow
  }

  /** Part {@code r} as {@code {lo, hi}}. */
  public static long[] part(long n, int parts, int r) {
    return new long[] {start(n, parts, r), start(n, parts, r + 1)};
  }

  /** Every part's {@code {lo, hi}} laid end to end: {@code {lo0, hi0, lo1, hi1, …}}. */
  public static long[] allParts(long n, int parts) {
    long[] bounds = new long[2 * parts];
    for (int r = 0; r < parts; r++) {
      bounds[2 * r] = start(n, parts, r);
      bounds[2 * r + 1] = start(n, parts, r + 1);
    }
    return bounds;
  }
}
