package io.picluster.jobs.primes;

import java.util.Locale;

/**
 * Whether rank 0 has the heap to gather every prime below N: the gathered array, the message
 * layer's copy of what arrives and its own part, about three {@code long}s per prime. Checked
 * before any work so that a too-large {@code --list} ends with one line instead of an
 * OutOfMemoryError half-way through.
 */
public final class GatherMemory {
  private static final long BYTES_PER_GATHERED_PRIME = 3 * Long.BYTES;

  private GatherMemory() {}

  /** About how many bytes rank 0 needs to gather the primes below {@code n}. */
  public static long bytesNeeded(long n) {
    return PrimeSieve.estimateCount(0, n) * BYTES_PER_GATHERED_PRIME;
  }

  /**
   * Null when {@code maxHeapBytes} is enough to gather the primes below {@code n}, otherwise a
   * one-line explanation of what to do.
   */
  public static String shortfall(long n, long maxHeapBytes) {
    long needed = bytesNeeded(n);
    if (needed <= maxHeapBytes) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "gathering the primes below %d needs about %d MB at rank 0, but its JVM may use only %d MB:"
            + " lower N, drop --list, or give the ranks more heap (JAVA_TOOL_OPTIONS=-Xmx4g in the environment)",
        n,
        needed >> 20,
        maxHeapBytes >> 20);
  }
}
