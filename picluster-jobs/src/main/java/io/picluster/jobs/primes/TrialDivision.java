package io.picluster.jobs.primes;

/**
 * The tutorial's algorithm (prime.py), reproduced exactly so that outputs compare: rank {@code r}
 * of {@code size} tests the odd candidates {@code 2r+1, 2r+1+2·size, …} below N (N excluded) by
 * trial division with every {@code d} from 2 up to {@code candidate-1}, stopping at the first
 * divisor. Its quirks are kept on purpose: 2 is never tested and 1 passes (it has no divisor in the
 * empty range), which cancel in the count; the cost grows like N²/ln N.
 */
public final class TrialDivision {
  private TrialDivision() {}

  /** The candidates of this rank that have no divisor in {@code [2, candidate)}, ascending. */
  public static long[] primes(long n, int rank, int size) {
    if (size < 1 || rank < 0 || rank >= size) {
      throw new IllegalArgumentException("rank " + rank + " is not in a world of size " + size);
    }
    LongList found = new LongList(16);
    long stride = 2L * size;
    for (long candidate = 2L * rank + 1; candidate < n; candidate += stride) {
      if (hasNoDivisorBelowItself(candidate)) {
        found.add(candidate);
      }
      if (candidate > Long.MAX_VALUE - stride) {
        break; // the next candidate would overflow, and would not be below n anyway
      }
    }
    return found.toArray();
  }

  /** prime.py's inner loop: {@code for d in range(2, candidate): if candidate % d == 0: break}. */
  static boolean hasNoDivisorBelowItself(long candidate) {
    // 32-bit division is several times faster than 64-bit, and candidates are usually small.
    return candidate <= Integer.MAX_VALUE
        ? hasNoDivisorBelowItself32((int) candidate)
        : hasNoDivisorBelowItself64(candidate);
  }

  static boolean hasNoDivisorBelowItself32(int candidate) {
    for (int d = 2; d < candidate; d++) {
      if (candidate % d == 0) {
        return false;
      }
    }
    return true;
  }

  static boolean hasNoDivisorBelowItself64(long candidate) {
    for (long d = 2; d < candidate; d++) {
      if (candidate % d == 0) {
        return false;
      }
    }
    return true;
  }
}
