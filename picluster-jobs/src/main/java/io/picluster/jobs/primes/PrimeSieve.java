package io.picluster.jobs.primes;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Counts or lists the primes in a half-open range {@code [lo, hi)} with a segmented sieve of
 * Eratosthenes on a mod-30 wheel (8 numbers per byte, see {@link Wheel30}): each segment is
 * pre-sieved by pattern copy ({@link PreSieve}), struck by the remaining primes up to √hi ({@link
 * SievingPrimes}), then counted 64 bits at a time. The primes that strike several times per segment
 * strike whole turns of the wheel, even where a turn runs past the segment's end: the array holds an
 * overhang, the start of the next segment, for those strikes. Single-threaded; instances are
 * immutable and may be shared.
 */
public final class PrimeSieve {
  /** The largest {@code hi} supported: its sieving primes (up to 10^8) still fit comfortably. */
  public static final long MAX_HI = 10_000_000_000_000_000L;

  /**
   * Segment length in bytes (30 numbers per byte). Larger segments cost the medium primes fewer
   * visits; 256 KiB still fits a core's share of L2 on a Raspberry Pi 4 running four ranks.
   */
  public static final int DEFAULT_SEGMENT_BYTES = 256 * 1024;

  /** The smallest primes strike within blocks of this size, which stay in a core's L1 cache. */
  static final int BLOCK_BYTES = 32 * 1024;

  public static final int MIN_SEGMENT_BYTES = 64;
  public static final int MAX_SEGMENT_BYTES = 64 * 1024 * 1024;

  private static final int[] WHEEL_PRIMES = {2, 3, 5};
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Below this many numbers a range is sieved in milliseconds: building big patterns would cost more. */
  static final long FULL_PRE_SIEVE_FROM = 100_000_000L;

  private final int segmentBytes;
  private final int blockBytes;
  private final long fullPreSieveFrom;

  public PrimeSieve() {
    this(DEFAULT_SEGMENT_BYTES);
  }

  public PrimeSieve(int segmentBytes) {
    this(segmentBytes, Math.min(segmentBytes, BLOCK_BYTES));
  }

  /** With the small-prime block size given too (tests use tiny ones to cross many boundaries). */
  PrimeSieve(int segmentBytes, int blockBytes) {
    this(segmentBytes, blockBytes, FULL_PRE_SIEVE_FROM);
  }

  /**
   * With the range length from which the full pre-sieve is used given too (tests use 0 to try it
   * on short ranges).
   */
  PrimeSieve(int segmentBytes, int blockBytes, long fullPreSieveFrom) {
    if (segmentBytes < MIN_SEGMENT_BYTES || segmentBytes > MAX_SEGMENT_BYTES) {
      throw new IllegalArgumentException(
          "segment must be between " + MIN_SEGMENT_BYTES + " and " + MAX_SEGMENT_BYTES
              + " bytes, got " + segmentBytes);
    }
    if (blockBytes < 1 || blockBytes > segmentBytes) {
      throw new IllegalArgumentException(
          "block must be between 1 and the segment's " + segmentBytes + " bytes, got " + blockBytes);
    }
    this.segmentBytes = segmentBytes;
    this.blockBytes = blockBytes;
    this.fullPreSieveFrom = fullPreSieveFrom;
  }

  /** The number of primes p with {@code lo <= p < hi}; 0 when {@code hi <= lo}. */
  public long count(long lo, long hi) {
    checkRange(lo, hi);
    long count = 0;
    for (int p : WHEEL_PRIMES) {
      if (lo <= p && p < hi) {
        count++;
      }
    }
    Counting counting = new Counting();
    sieve(lo, hi, counting);
    return count + counting.total;
  }

  /** The primes p with {@code lo <= p < hi}, ascending. */
  public long[] list(long lo, long hi) {
    checkRange(lo, hi);
    LongList primes = new LongList(estimateCount(lo, hi));
    for (int p : WHEEL_PRIMES) {
      if (lo <= p && p < hi) {
        primes.add(p);
      }
    }
    sieve(lo, hi, new Listing(primes));
    return primes.toArray();
  }

  private static void checkRange(long lo, long hi) {
    if (lo < 0 || hi > MAX_HI) {
      throw new IllegalArgumentException(
          "range [" + lo + ", " + hi + ") must lie within [0, " + MAX_HI + "]");
    }
  }

  /**
   * What to do with a finished segment: its bits hold exactly the primes of the range there. The
   * two actions are small classes, not lambdas: a lambda is linked at its first use (about 0.5 ms),
   * once per rank, and {@code primes 100000} is over in milliseconds.
   */
  private interface SegmentAction {
    void accept(byte[] bits, int length, long firstByte);
  }

  private static final class Counting implements SegmentAction {
    long total;

    @Override
    public void accept(byte[] bits, int length, long firstByte) {
      total += countBits(bits, length);
    }
  }

  private static final class Listing implements SegmentAction {
    private final LongList primes;

    Listing(LongList primes) {
      this.primes = primes;
    }

    @Override
    public void accept(byte[] bits, int length, long firstByte) {
      addPrimes(bits, length, firstByte, primes);
    }
  }

  private void sieve(long lo, long hi, SegmentAction action) {
    long from = Math.max(lo, 7);
    if (hi <= from) {
      return;
    }
    long firstByte = from / 30;
    long lastByte = (hi - 1) / 30;
    PreSieve preSieve = hi - from < fullPreSieveFrom ? PreSieve.small() : PreSieve.full();
    int segment = (int) Math.min(segmentBytes, lastByte - firstByte + 1);
    SievingPrimes strikers = new SievingPrimes(sievingPrimes(hi, preSieve), blockBytes, segment);
    // Past the segment, the overhang: the start of the next segment, pre-sieved with this one,
    // where the turns struck past this segment's end land. It is copied to the front for the next.
    int overhang = strikers.overhang();
    byte[] bits = new byte[segment + overhang];
    int carried = 0;
    for (long start = firstByte; start <= lastByte; start += segment) {
      int length = (int) Math.min(segment, lastByte - start + 1);
      preSieve.apply(bits, carried, length + overhang - carried, start + carried);
      if (start <= preSieve.largestPrime() / 30) {
        restorePreSievedPrimes(bits, 0, length, start, preSieve.primes());
      }
      strikers.beginSegment(bits, start, length);
      for (int block = 0; block < length; block += blockBytes) {
        strikers.strikeSmall(bits, Math.min(length, block + blockBytes));
      }
      strikers.strikeRestAndEndSegment(bits, length);
      if (start == firstByte) {
        clearBelow(bits, 0, 30 * start, from);
      }
      if (start + length - 1 == lastByte) {
        clearFrom(bits, length - 1, 30 * lastByte, hi);
      }
      action.accept(bits, length, start);
      System.arraycopy(bits, length, bits, 0, overhang);
      carried = overhang;
    }
  }

  /** Primes above the pre-sieved ones, up to √(hi-1): found by sieving that much smaller range. */
  private int[] sievingPrimes(long hi, PreSieve preSieve) {
    long root = floorSqrt(hi - 1);
    int smallest = preSieve.largestPrime() + 1;
    if (root < smallest) {
      return new int[0];
    }
    long[] primes = list(smallest, root + 1);
    int[] asInts = new int[primes.length];
    for (int i = 0; i < primes.length; i++) {
      asInts[i] = (int) primes[i];
    }
    return asInts;
  }

  /**
   * The patterns also cleared the pre-sieved primes (7, 11, …) and kept 1: fix both in {@code
   * bits[from, to)}, where {@code bits[0]} is absolute byte {@code firstByte}.
   */
  private static void restorePreSievedPrimes(byte[] bits, int from, int to, long firstByte, int[] preSieved) {
    if (firstByte + from == 0) {
      bits[from] &= (byte) ~(1 << Wheel30.BIT_INDEX[1]);
    }
    for (int p : preSieved) {
      long b = p / 30 - firstByte;
      if (from <= b && b < to) {
        bits[(int) b] |= (byte) (1 << Wheel30.BIT_INDEX[p % 30]);
      }
    }
  }

  /** Clears the bits of byte {@code index} (whose first number is {@code base}) below {@code lo}. */
  private static void clearBelow(byte[] bits, int index, long base, long lo) {
    for (int k = 0; k < 8; k++) {
      if (base + Wheel30.RESIDUES[k] < lo) {
        bits[index] &= (byte) ~(1 << k);
      }
    }
  }

  /** Clears the bits of byte {@code index} (whose first number is {@code base}) at or above hi. */
  private static void clearFrom(byte[] bits, int index, long base, long hi) {
    for (int k = 0; k < 8; k++) {
      if (base + Wheel30.RESIDUES[k] >= hi) {
        bits[index] &= (byte) ~(1 << k);
      }
    }
  }

  private static long countBits(byte[] bits, int length) {
    long count = 0;
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      count += Long.bitCount((long) LONGS.get(bits, i));
    }
    for (; i < length; i++) {
      count += Integer.bitCount(bits[i] & 0xFF);
    }
    return count;
  }

  private static void addPrimes(byte[] bits, int length, long firstByte, LongList out) {
    for (int i = 0; i < length; i++) {
      int b = bits[i] & 0xFF;
      long base = 30 * (firstByte + i);
      while (b != 0) {
        out.add(base + Wheel30.RESIDUES[Integer.numberOfTrailingZeros(b)]);
        b &= b - 1;
      }
    }
  }

  /**
   * A little above π(hi) - π(lo), so that the list rarely regrows yet does not claim much more
   * memory than it needs: x / (ln x - 1.1) runs a few percent above π(x) from x = 100 on.
   */
  static int estimateCount(long lo, long hi) {
    if (hi <= lo) {
      return 0;
    }
    double estimate = primeCountAbove(hi) - primeCountAbove(lo);
    return (int) Math.min(1.02 * estimate + 64, Integer.MAX_VALUE - 8);
  }

  private static double primeCountAbove(long x) {
    return x < 100 ? 25 * (x / 100.0) : x / (Math.log(x) - 1.1);
  }

  /** ⌊√n⌋ for n ≥ 0, exact (the double square root can be off by one near 2^63). */
  static long floorSqrt(long n) {
    long r = (long) Math.sqrt((double) n);
    while (r > 0 && r > n / r) {
      r--;
    }
    while (r + 1 <= n / (r + 1)) {
      r++;
    }
    return r;
  }

  @Override
  public String toString() {
    String preSieve =
        fullPreSieveFrom == FULL_PRE_SIEVE_FROM ? "" : ", full pre-sieve from " + fullPreSieveFrom;
    return "PrimeSieve[segment " + segmentBytes + " B, block " + blockBytes + " B" + preSieve + "]";
  }
}
