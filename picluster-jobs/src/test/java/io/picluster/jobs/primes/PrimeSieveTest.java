package io.picluster.jobs.primes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrimeSieveTest {
  private static final int REFERENCE_LIMIT = 3_000_000;
  private static SimpleSieve reference;

  /** Default, and shapes that put segment and block edges everywhere (odd sizes included). */
  private static final List<PrimeSieve> SIEVES =
      List.of(
          new PrimeSieve(),
          new PrimeSieve(64, 64),
          new PrimeSieve(100, 24),
          new PrimeSieve(999, 333),
          new PrimeSieve(4096, 1024),
          new PrimeSieve(PrimeSieve.MAX_SEGMENT_BYTES),
          // The full pre-sieve (primes up to 173), which long ranges get, on short ones too.
          new PrimeSieve(PrimeSieve.DEFAULT_SEGMENT_BYTES, PrimeSieve.BLOCK_BYTES, 0),
          new PrimeSieve(64, 64, 0),
          new PrimeSieve(999, 333, 0),
          new PrimeSieve(4096, 1024, 0));

  @BeforeAll
  static void buildReference() {
    reference = new SimpleSieve(REFERENCE_LIMIT);
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0", "1, 0", "2, 0", "3, 1", "4, 2", "5, 2", "6, 3", "7, 3", "8, 4", "11, 4", "12, 5",
    "30, 10", "31, 10", "32, 11", "100, 25", "1000, 168", "100000, 9592", "1000000, 78498",
    "10000000, 664579", "100000000, 5761455", "1000000000, 50847534"
  })
  void countsThePrimesBelowN(long n, long pi) {
    assertThat(new PrimeSieve().count(0, n)).isEqualTo(pi);
  }

  @Test
  void smallRangesMatchTheReferenceExactly() {
    for (PrimeSieve sieve : SIEVES) {
      for (long lo = 0; lo <= 100; lo++) {
        for (long hi = lo; hi <= 100; hi++) {
          assertThat(sieve.list(lo, hi)).as("[%d, %d)", lo, hi).containsExactly(reference.list(lo, hi));
          assertThat(sieve.count(lo, hi)).as("[%d, %d)", lo, hi).isEqualTo(reference.count(lo, hi));
        }
      }
    }
  }

  @Test
  void listsEveryPrimeBelowTheReferenceLimit() {
    for (PrimeSieve sieve : SIEVES) {
      assertThat(sieve.list(0, REFERENCE_LIMIT)).as("%s", sieve).isEqualTo(reference.list(0, REFERENCE_LIMIT));
    }
  }

  @Test
  void randomRangesMatchTheReference() {
    long seed = PrintedSeed.forTest("PrimeSieveTest.randomRangesMatchTheReference");
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 300; i++) {
      PrimeSieve sieve = SIEVES.get(random.nextInt(SIEVES.size()));
      // Mostly short ranges (many edge cases), some long ones (many segments).
      long span = random.nextBoolean() ? random.nextInt(200) : random.nextInt(REFERENCE_LIMIT);
      long lo = random.nextLong(REFERENCE_LIMIT - span + 1);
      long hi = lo + span;
      String what = "seed " + seed + ", " + sieve + " on [" + lo + ", " + hi + ")";
      assertThat(sieve.count(lo, hi)).as(what).isEqualTo(reference.count(lo, hi));
      if (span < 100_000) {
        assertThat(sieve.list(lo, hi)).as(what).isEqualTo(reference.list(lo, hi));
      }
    }
  }

  @Test
  void rangesAroundSegmentAndBlockEdgesMatchTheReference() {
    int[][] shapes = {
      {64, 64, 1}, {100, 24, 1}, {4096, 1024, 1}, {4096, 1024, 0}, {2048, 2048, 0},
      {PrimeSieve.DEFAULT_SEGMENT_BYTES, PrimeSieve.BLOCK_BYTES, 1}
    };
    for (int[] shape : shapes) {
      // shape[2] == 0: the full pre-sieve
      long fullFrom = shape[2] == 0 ? 0 : PrimeSieve.FULL_PRE_SIEVE_FROM;
      PrimeSieve sieve = new PrimeSieve(shape[0], shape[1], fullFrom);
      for (int unit : new int[] {shape[0], shape[1]}) {
        long numbersPerUnit = 30L * unit;
        for (long k = 1; k * numbersPerUnit + 2 < REFERENCE_LIMIT && k <= 40; k++) {
          long edge = k * numbersPerUnit;
          for (long lo : new long[] {0, 1, 2, edge - 31, edge - 1, edge, edge + 1}) {
            for (long hi : new long[] {edge - 1, edge, edge + 1, edge + 2, edge + 29, edge + 31}) {
              String what = sieve + " on [" + lo + ", " + hi + ")";
              assertThat(sieve.count(lo, hi)).as(what).isEqualTo(reference.count(lo, hi));
            }
          }
        }
      }
    }
  }

  @Test
  void partsOfARangeAddUpToTheWhole() {
    PrimeSieve sieve = new PrimeSieve();
    long n = 100_000_000L;
    long whole = 5_761_455L;
    for (int parts : new int[] {2, 3, 7, 64}) {
      long sum = 0;
      for (int r = 0; r < parts; r++) {
        long[] part = RangeSplit.part(n, parts, r);
        sum += sieve.count(part[0], part[1]);
      }
      assertThat(sum).as("%d parts", parts).isEqualTo(whole);
    }
  }

  @Test
  void bigNumbersMatchMillerRabin() {
    long[][] windows = {
      {1_000_000_000_000L - 3000, 1_000_000_000_000L + 3000},
      {(1L << 40) - 1000, (1L << 40) + 1000},
      {PrimeSieve.MAX_HI - 3000, PrimeSieve.MAX_HI}
    };
    for (long[] w : windows) {
      long[] expected = SimpleSieve.probablePrimes(w[0], w[1]);
      assertThat(expected).isNotEmpty();
      assertThat(new PrimeSieve().list(w[0], w[1])).as("[%d, %d)", w[0], w[1]).containsExactly(expected);
      assertThat(new PrimeSieve(4096, 1024).count(w[0], w[1])).isEqualTo(expected.length);
    }
  }

  /**
   * Windows far from 0, where the sieving primes reach √hi (up to 10^6 here) and most strike less
   * than once per segment, while the medium ones strike whole turns across segment ends: checked
   * against Miller–Rabin with segments small enough to put many boundaries in each window.
   */
  @Test
  void randomWindowsOfBigNumbersMatchMillerRabin() {
    long seed = PrintedSeed.forTest("PrimeSieveTest.randomWindowsOfBigNumbersMatchMillerRabin");
    SplittableRandom random = new SplittableRandom(seed);
    PrimeSieve[] sieves = {
      new PrimeSieve(), new PrimeSieve(4096, 1024, 0), new PrimeSieve(8192, 2048, 0),
      new PrimeSieve(999, 333, 0)
    };
    for (int i = 0; i < 6; i++) {
      long lo = random.nextLong(1_000_000_000L, 1_000_000_000_000L);
      long hi = lo + random.nextInt(1, 6000);
      long[] expected = SimpleSieve.probablePrimes(lo, hi);
      for (PrimeSieve sieve : sieves) {
        String what = "seed " + seed + ", " + sieve + " on [" + lo + ", " + hi + ")";
        assertThat(sieve.list(lo, hi)).as(what).containsExactly(expected);
      }
    }
  }

  /** Sieves of other shapes agree on a long range near 10^10 (what the bench's second rank sieves). */
  @Test
  void shapesAgreeOnALongRangeNearTenToTheTen() {
    long lo = 9_950_000_000L;
    long hi = 10_000_000_000L;
    long expected = new PrimeSieve().count(lo, hi);
    assertThat(expected).isBetween(2_100_000L, 2_250_000L); // about 5·10^7 / ln(10^10)
    assertThat(new PrimeSieve(4096, 1024).count(lo, hi)).isEqualTo(expected);
    assertThat(new PrimeSieve(999, 333, 0).count(lo, hi)).isEqualTo(expected);
    assertThat(new PrimeSieve(PrimeSieve.MAX_SEGMENT_BYTES).count(lo, hi)).isEqualTo(expected);
  }

  @Test
  void sizesListsCloseToTheirFinalLength() {
    long[][] ranges = {{0, 100}, {0, 1_000_000}, {0, 1L << 31}, {1L << 31, 1L << 32}, {50, 3000}};
    long[] primes = {25, 78_498, 105_097_565, 98_182_656, 415};
    for (int i = 0; i < ranges.length; i++) {
      int estimate = PrimeSieve.estimateCount(ranges[i][0], ranges[i][1]);
      assertThat(estimate).as("[%d, %d)", ranges[i][0], ranges[i][1])
          .isGreaterThanOrEqualTo((int) primes[i])
          .isLessThanOrEqualTo((int) (primes[i] * 1.15 + 100));
    }
  }

  @Test
  void emptyAndReversedRangesHaveNoPrimes() {
    PrimeSieve sieve = new PrimeSieve();
    assertThat(sieve.count(17, 17)).isZero();
    assertThat(sieve.count(100, 10)).isZero();
    assertThat(sieve.list(100, 10)).isEmpty();
    assertThat(sieve.list(0, 0)).isEmpty();
  }

  @Test
  void refusesRangesOutsideWhatItSupports() {
    PrimeSieve sieve = new PrimeSieve();
    assertThatThrownBy(() -> sieve.count(-1, 10)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[-1, 10)");
    assertThatThrownBy(() -> sieve.count(0, PrimeSieve.MAX_HI + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PrimeSieve(8)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("segment");
  }

  @Test
  void floorSqrtIsExactAtPerfectSquaresAndAroundThem() {
    for (long r : new long[] {0, 1, 2, 3, 99_999, 100_000, 3_037_000_499L}) {
      long square = r * r;
      assertThat(PrimeSieve.floorSqrt(square)).isEqualTo(r);
      if (square > 0) {
        assertThat(PrimeSieve.floorSqrt(square - 1)).isEqualTo(r - 1);
      }
      assertThat(PrimeSieve.floorSqrt(square + 1)).isEqualTo(r == 0 ? 1 : r);
    }
  }
}
