package io.picluster.jobs.primes;

import static io.picluster.jobs.primes.Wheel30.STEP_CORRECTION;
import static io.picluster.jobs.primes.Wheel30.STEP_GAP;
import static io.picluster.jobs.primes.Wheel30.STEP_KEEP_MASK;

/**
 * The primes that strike multiples in a segmented sieve, with where each one strikes next: the
 * byte offset from the start of the coming segment and the wheel step entry (see {@link Wheel30}).
 * A prime becomes active once its square falls inside the segments sieved so far.
 */
final class SievingPrimes {
  /** Whole wheel turns (p bytes each) a block must hold for a prime to be struck per block. */
  private static final int TURNS_PER_BLOCK = 4;

  /**
   * Whole wheel turns a segment must hold for a prime to strike turns rather than single steps
   * (which look up each step in tables). Two: the primes from a quarter to half a segment struck
   * single steps until the overhang let every prime strike whole turns, and took 6 % of the time.
   */
  private static final int TURNS_PER_SEGMENT = 2;

  private final int[] primes;
  private final int[] nextByte;
  private final int[] entry;
  /** Primes below this index are struck per L1-sized block (see {@link #strikeSmall}). */
  private final int smallCount;
  /** Primes below this index (and from smallCount) strike several times per segment: unrolled. */
  private final int unrolledCount;

  private int active;
  /** The unrolled primes started inside a turn of the wheel that they have not finished yet. */
  private final int[] inPartialTurn;
  private int partialTurns;

  /**
   * @param primes ascending primes above the pre-sieved ones
   * @param blockBytes the L1-sized block the smallest primes are struck in
   * @param segmentBytes the segment length (a short range's: the overhang follows it); primes much
   *     shorter than it use the unrolled loop
   */
  SievingPrimes(int[] primes, int blockBytes, int segmentBytes) {
    this.primes = primes;
    this.nextByte = new int[primes.length];
    this.entry = new int[primes.length];
    int unrolledBound = segmentBytes / TURNS_PER_SEGMENT;
    this.smallCount = countAtMost(primes, Math.min(blockBytes / TURNS_PER_BLOCK, unrolledBound));
    this.unrolledCount = countAtMost(primes, unrolledBound);
    this.inPartialTurn = new int[unrolledCount];
  }

  private static int countAtMost(int[] ascending, int bound) {
    int n = 0;
    while (n < ascending.length && ascending[n] <= bound) {
      n++;
    }
    return n;
  }

  /**
   * Readies the pre-sieved segment of {@code length} bytes starting at absolute byte {@code
   * firstByte}: starts the primes whose square lies below its end, and strikes single steps up to
   * the next whole turn for the unrolled primes that start inside one.
   */
  void beginSegment(byte[] sieve, long firstByte, int length) {
    activate(firstByte, 30 * (firstByte + length));
    strikePartialTurns(sieve, length);
  }

  /**
   * How many bytes past a segment's end the array must reach: the unrolled primes strike whole
   * turns of the wheel ({@code p} bytes at most) that start before the end, and what lands past it
   * belongs to the next segment (see {@link PrimeSieve}).
   */
  int overhang() {
    return unrolledCount == 0 ? 0 : primes[unrolledCount - 1];
  }

  /**
   * Strikes the small primes' turns that start below {@code end} in the current segment. Called
   * for consecutive blocks, so that each block is struck while it sits in the L1 cache.
   */
  void strikeSmall(byte[] sieve, int end) {
    int n = Math.min(active, smallCount);
    for (int i = 0; i < n; i++) {
      strikeTurns(sieve, end, i);
    }
  }

  /**
   * Strikes the multiples of the other primes in the segment and moves on to the next segment;
   * the unrolled primes also strike up to {@link #overhang()} bytes past its end.
   */
  void strikeRestAndEndSegment(byte[] sieve, int length) {
    int unrolledEnd = Math.min(active, unrolledCount);
    for (int i = Math.min(active, smallCount); i < unrolledEnd; i++) {
      strikeTurns(sieve, length, i);
    }
    for (int i = 0; i < unrolledEnd; i++) {
      nextByte[i] -= length;
    }
    for (int i = unrolledEnd; i < active; i++) {
      strikeStepwise(sieve, length, i);
    }
  }

  /** Starts the primes whose square is below {@code endNumber} at their first multiple in range. */
  private void activate(long firstByte, long endNumber) {
    long firstNumber = 30 * firstByte;
    while (active < primes.length && (long) primes[active] * primes[active] < endNumber) {
      long p = primes[active];
      // Smaller multiples p*q (q < p) were struck by the smaller primes dividing q.
      long q = Math.max(p, (firstNumber + p - 1) / p);
      q += Wheel30.DISTANCE_TO_COPRIME[(int) (q % 30)];
      long multiple = p * q;
      nextByte[active] = (int) (multiple / 30 - firstByte);
      entry[active] = 8 * Wheel30.BIT_INDEX[(int) (p % 30)] + Wheel30.BIT_INDEX[(int) (q % 30)];
      if (active < unrolledCount && (entry[active] & 7) != 0) {
        inPartialTurn[partialTurns++] = active;
      }
      active++;
    }
  }

  /**
   * Single steps, below {@code length}, for the unrolled primes started inside a turn, until they
   * reach the next turn; those that do not reach it in this segment go on in the next. Kept out of
   * {@link #strikeTurns}: a branch that is rarely taken there made the JIT compile its eight
   * inlined loops twice (it left the branch out, then met it).
   */
  private void strikePartialTurns(byte[] s, int length) {
    for (int k = partialTurns - 1; k >= 0; k--) {
      int index = inPartialTurn[k];
      int a = primes[index] / 30;
      int i = nextByte[index];
      int e = entry[index];
      for (; (e & 7) != 0 && i < length; e = nextEntry(e)) {
        s[i] &= (byte) STEP_KEEP_MASK[e];
        i += a * STEP_GAP[e] + STEP_CORRECTION[e];
      }
      nextByte[index] = i;
      entry[index] = e;
      if ((e & 7) == 0) {
        inPartialTurn[k] = inPartialTurn[--partialTurns];
      }
    }
  }

  /**
   * Strikes the turns that start below {@code end} with the unrolled loop ({@link WheelTurns}). A
   * prime still inside its first turn has its next strike at or past the segment's end, so it
   * strikes nothing here.
   */
  private void strikeTurns(byte[] s, int end, int index) {
    nextByte[index] = WheelTurns.strike(s, nextByte[index], end, primes[index], entry[index] >>> 3);
  }

  /** The step entry after {@code e}: same prime residue, next wheel position (wrapping 7 → 0). */
  private static int nextEntry(int e) {
    return (e & 0x38) | ((e + 1) & 7);
  }

  /** One strike at a time, for primes that strike only a few times per segment. */
  private void strikeStepwise(byte[] s, int length, int index) {
    int i = nextByte[index];
    if (i >= length) {
      nextByte[index] = i - length;
      return;
    }
    int a = primes[index] / 30;
    int e = entry[index];
    do {
      s[i] &= (byte) STEP_KEEP_MASK[e];
      i += a * STEP_GAP[e] + STEP_CORRECTION[e];
      e = nextEntry(e);
    } while (i < length);
    nextByte[index] = i - length;
    entry[index] = e;
  }
}
