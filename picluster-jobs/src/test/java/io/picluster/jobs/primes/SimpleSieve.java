package io.picluster.jobs.primes;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The obvious sieve of Eratosthenes (a boolean per number) and a probable-prime scan for windows of
 * big numbers: slow, independent references to check {@link PrimeSieve} against.
 */
final class SimpleSieve {
  private final boolean[] composite;
  /** primesBelow[x] = π(x - 1), the number of primes < x. */
  private final int[] primesBelow;

  SimpleSieve(int limit) {
    composite = new boolean[limit];
    if (limit > 0) {
      composite[0] = true;
    }
    if (limit > 1) {
      composite[1] = true;
    }
    for (int p = 2; (long) p * p < limit; p++) {
      if (!composite[p]) {
        for (int m = p * p; m < limit; m += p) {
          composite[m] = true;
        }
      }
    }
    primesBelow = new int[limit + 1];
    for (int x = 0; x < limit; x++) {
      primesBelow[x + 1] = primesBelow[x] + (composite[x] ? 0 : 1);
    }
  }

  int limit() {
    return composite.length;
  }

  long count(long lo, long hi) {
    if (hi <= lo) {
      return 0;
    }
    return primesBelow[(int) hi] - primesBelow[(int) lo];
  }

  long[] list(long lo, long hi) {
    long[] out = new long[(int) count(lo, hi)];
    int n = 0;
    for (long x = lo; x < hi; x++) {
      if (!composite[(int) x]) {
        out[n++] = x;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** The primes in a window of big numbers, by Miller–Rabin (error below 2^-100 per number). */
  static long[] probablePrimes(long lo, long hi) {
    long[] out = new long[(int) (hi - lo)];
    int n = 0;
    for (long x = lo; x < hi; x++) {
      if (BigInteger.valueOf(x).isProbablePrime(100)) {
        out[n++] = x;
      }
    }
    return Arrays.copyOf(out, n);
  }
}
