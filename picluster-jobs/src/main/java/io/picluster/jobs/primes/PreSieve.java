package io.picluster.jobs.primes;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Pre-sieving: on the mod-30 wheel the multiples of a set of small primes repeat every {@code
 * product} bytes, so instead of striking them one by one per segment we lay precomputed patterns
 * over the segment: the first copied, the others ANDed in four per pass, eight bytes at a time.
 * The smallest primes are the ones that would cost the most strikes, so this removes the bulk of
 * the work: a prime p strikes 8/p of a segment's bytes, one at a time, while one more pattern in a
 * pass costs a load and an AND per eight bytes, so pre-sieving pays well up to p = 163 (where
 * primesieve stops) and a little beyond.
 *
 * <p>The patterns also clear the pre-sieved primes themselves; the sieve sets those bits back.
 */
final class PreSieve {
  /** Segments are pre-sieved in chunks of at most this many bytes (patterns are tiled to fit). */
  static final int CHUNK = 16 * 1024;

  /**
   * The patterns are ANDed in pieces of this many bytes, all passes over one piece before the next:
   * the piece stays in the L1 cache, and the loop runs few enough times per call that the JIT
   * compiles it as a method, quickly, rather than on stack replacement (its long loop with these
   * eight-byte accesses took C2 about 0.2 s, while slow C1 code ran it).
   */
  private static final int PIECE = 256;

  /** A pass ANDs this many patterns into the segment. */
  private static final int PER_PASS = 4;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * Groups of primes whose product is the pattern's period in bytes: small products (28891 bytes
   * at most) keep all patterns together, tiles included, about 430 KiB, which a Raspberry Pi 4's
   * shared L2 cache holds beside four ranks' segments. The primes from 31 to 163 pair a small one
   * with a large one; the last pair fills the last pass.
   */
  private static final int[][] GROUPS = {
    {7, 11, 13, 17}, {19, 23, 29}, {31, 163}, {37, 157}, {41, 151}, {43, 149}, {47, 139},
    {53, 137}, {59, 131}, {61, 127}, {67, 113}, {71, 109}, {73, 107}, {79, 103}, {83, 101},
    {89, 97}, {167, 173}
  };

  /** Every prime up to 173: built on first use only, its patterns take about 430 KiB. */
  static PreSieve full() {
    return Full.INSTANCE;
  }

  /** The primes 7, 11 and 13 only: quick to build, for short ranges. */
  static PreSieve small() {
    return Small.INSTANCE;
  }

  private static final class Full {
    static final PreSieve INSTANCE = new PreSieve(GROUPS);
  }

  private static final class Small {
    static final PreSieve INSTANCE = new PreSieve(new int[][] {{7, 11, 13}});
  }

  private final int[] primes;
  private final int[] periods;
  private final byte[][] tiled;

  /** The groups' primes in one ascending array (loops, not a stream: see {@link #PreSieve(int[][])}). */
  private static int[] sortedPrimes(int[][] groups) {
    int count = 0;
    for (int[] group : groups) {
      count += group.length;
    }
    int[] all = new int[count];
    int at = 0;
    for (int[] group : groups) {
      System.arraycopy(group, 0, all, at, group.length);
      at += group.length;
    }
    Arrays.sort(all);
    return all;
  }

  /**
   * Tiles each group's pattern. Made once per rank (each rank that is a thread has its own copy of
   * this class), on the way of {@code primes 100000}, which is over in milliseconds: so no streams or
   * lambdas, whose first use costs a millisecond or so.
   */
  PreSieve(int[][] groups) {
    // The first pattern is copied, the others ANDed in whole passes: the missing patterns are all
    // ones (period 1), which keep every bit.
    int patterns = 1 + (groups.length - 1 + PER_PASS - 1) / PER_PASS * PER_PASS;
    periods = new int[patterns];
    tiled = new byte[patterns][];
    primes = sortedPrimes(groups);
    for (int g = 0; g < patterns; g++) {
      int[] group = g < groups.length ? groups[g] : new int[0];
      int period = 1;
      for (int p : group) {
        period = Math.multiplyExact(period, p);
      }
      periods[g] = period;
      tiled[g] = tile(pattern(group, period), CHUNK);
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
    int[] at = new int[tiled.length];
    for (int done = 0; done < length; done += CHUNK) {
      int n = Math.min(CHUNK, length - done);
      int from = offset + done;
      for (int g = 0; g < tiled.length; g++) {
        at[g] = (int) ((firstByte + done) % periods[g]);
      }
      System.arraycopy(tiled[0], at[0], sieve, from, n);
      for (int piece = 0; piece < n; piece += PIECE) {
        int m = Math.min(PIECE, n - piece);
        for (int g = 1; g < tiled.length; g += PER_PASS) {
          and(sieve, from + piece, m, tiled[g], at[g] + piece, tiled[g + 1], at[g + 1] + piece,
              tiled[g + 2], at[g + 2] + piece, tiled[g + 3], at[g + 3] + piece);
        }
      }
    }
  }

  /** {@code sieve[from + i] &= a[oa + i] & b[ob + i] & c[oc + i] & d[od + i]} for i below n. */
  private static void and(byte[] sieve, int from, int n,
      byte[] a, int oa, byte[] b, int ob, byte[] c, int oc, byte[] d, int od) {
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      long x = (long) LONGS.get(a, oa + i) & (long) LONGS.get(b, ob + i)
          & (long) LONGS.get(c, oc + i) & (long) LONGS.get(d, od + i);
      LONGS.set(sieve, from + i, x & (long) LONGS.get(sieve, from + i));
    }
    for (; i < n; i++) {
      sieve[from + i] &= (byte) (a[oa + i] & b[ob + i] & c[oc + i] & d[od + i]);
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
