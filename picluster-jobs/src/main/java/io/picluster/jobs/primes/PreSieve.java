package io.picluster.jobs.primes;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Pre-sieving: on the mod-30 wheel the multiples of a set of small primes repeat every {@code
 * product} bytes, so instead of striking them one by one per segment we copy (first group) and AND
 * (other groups) precomputed patterns into the segment, eight bytes at a time. The smallest primes
 * are the ones that would cost the most strikes, so this removes the bulk of the work.
 *
 * <p>The patterns also clear the pre-sieved primes themselves; the sieve sets those bits back.
 */
final class PreSieve {
  /** Segments are pre-sieved in chunks of at most this many bytes (patterns are tiled to fit). */
  static final int CHUNK = 64 * 1024;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * Groups of primes whose product is the pattern's period in bytes: all of them together take
   * under a megabyte, and each group costs one pass over every segment.
   */
  private static final int[][] GROUPS = {
    {7, 11, 13, 17, 19}, {23, 29, 31}, {37, 41, 43}, {47, 53, 59}, {61, 67, 71}
  };

  /** Below this many numbers a range is sieved in milliseconds: building big patterns would cost more. */
  static final long SMALL_RANGE = 100_000_000L;

  /** The pre-sieve worth its set-up for sieving {@code [lo, hi)}. */
  static PreSieve forRange(long lo, long hi) {
    return hi - lo < SMALL_RANGE ? Small.INSTANCE : Full.INSTANCE;
  }

  /** Built on first use only: its patterns take about a megabyte. */
  private static final class Full {
    static final PreSieve INSTANCE = new PreSieve(GROUPS);
  }

  private static final class Small {
    static final PreSieve INSTANCE = new PreSieve(new int[][] {{7, 11, 13}});
  }

  private final int[] primes;
  private final int[] periods;
  private final byte[][] tiled;

  PreSieve(int[][] groups) {
    periods = new int[groups.length];
    tiled = new byte[groups.length][];
    primes = Arrays.stream(groups).flatMapToInt(Arrays::stream).sorted().toArray();
    for (int g = 0; g < groups.length; g++) {
      int period = 1;
      for (int p : groups[g]) {
        period = Math.multiplyExact(period, p);
      }
      periods[g] = period;
      tiled[g] = tile(pattern(groups[g], period), CHUNK);
    }
  }

  /** The pre-sieved primes, ascending. */
  int[] primes() {
    return primes.clone();
  }

  /** The largest pre-sieved prime: sieving primes start above it. */
  int largestPrime() {
    return primes[primes.length - 1];
  }

  /**
   * Sets {@code sieve[offset, offset + length)} to the wheel bits of the bytes starting at absolute
   * byte {@code firstByte}, with every multiple of a pre-sieved prime cleared.
   */
  void apply(byte[] sieve, int offset, int length, long firstByte) {
    for (int done = 0; done < length; done += CHUNK) {
      int n = Math.min(CHUNK, length - done);
      long at = firstByte + done;
      System.arraycopy(tiled[0], (int) (at % periods[0]), sieve, offset + done, n);
      for (int g = 1; g < tiled.length; g++) {
        and(sieve, offset + done, n, tiled[g], (int) (at % periods[g]));
      }
    }
  }

  private static void and(byte[] sieve, int from, int n, byte[] pattern, int offset) {
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      long s = (long) LONGS.get(sieve, from + i);
      long p = (long) LONGS.get(pattern, offset + i);
      LONGS.set(sieve, from + i, s & p);
    }
    for (; i < n; i++) {
      sieve[from + i] &= pattern[offset + i];
    }
  }

  /**
   * One period of the pattern: byte j keeps the bits of 30j + r not divisible by any prime. Built
   * prime by prime: the pattern for the first k primes, repeated q times, is the right length for
   * the next prime q, which then strikes 8 bytes' worth per repeat. That is about 8 × (product of
   * the others) strikes per group instead of a pass over every byte, which keeps JVM start-up fast.
   */
  private static byte[] pattern(int[] group, int period) {
    byte[] pattern = {(byte) 0xFF};
    for (int q : group) {
      byte[] longer = new byte[pattern.length * q];
      for (int at = 0; at < longer.length; at += pattern.length) {
        System.arraycopy(pattern, 0, longer, at, pattern.length);
      }
      strikeMultiples(longer, q);
      pattern = longer;
    }
    if (pattern.length != period) {
      throw new IllegalStateException("pattern of " + pattern.length + " bytes, expected " + period);
    }
    return pattern;
  }

  /** Clears the bits of the multiples of q (coprime to 30: q·m with m on the wheel) in pattern. */
  private static void strikeMultiples(byte[] pattern, int q) {
    // q·(30b + r) lies in byte q·b + ⌊q·r / 30⌋, at the bit of q·r mod 30.
    int[] offset = new int[8];
    byte[] keep = new byte[8];
    for (int k = 0; k < 8; k++) {
      int qr = q * Wheel30.RESIDUES[k];
      offset[k] = qr / 30;
      keep[k] = (byte) ~(1 << Wheel30.BIT_INDEX[qr % 30]);
    }
    for (int at = 0; at < pattern.length; at += q) {
      for (int k = 0; k < 8 && at + offset[k] < pattern.length; k++) {
        pattern[at + offset[k]] &= keep[k];
      }
    }
  }

  /** The pattern repeated so that any window of {@code extra} bytes starting in period one fits. */
  private static byte[] tile(byte[] period, int extra) {
    byte[] out = new byte[period.length + extra];
    for (int i = 0; i < out.length; i += period.length) {
      System.arraycopy(period, 0, out, i, Math.min(period.length, out.length - i));
    }
    return out;
  }
}
