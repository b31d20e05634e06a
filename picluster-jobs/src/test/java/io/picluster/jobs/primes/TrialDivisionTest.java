package io.picluster.jobs.primes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TrialDivisionTest {
  /** What prime.py finds below n: 1 and the odd primes (2 is never a candidate). */
  private static long[] tutorialAnswer(long n) {
    SimpleSieve sieve = new SimpleSieve((int) Math.max(n, 2));
    return LongStream.concat(n > 1 ? LongStream.of(1) : LongStream.empty(),
            Arrays.stream(sieve.list(3, n)))
        .toArray();
  }

  private static long[] allRanksSorted(long n, int size) {
    return java.util.stream.IntStream.range(0, size)
        .mapToObj(r -> TrialDivision.primes(n, r, size))
        .flatMapToLong(Arrays::stream)
        .sorted()
        .toArray();
  }

  @Test
  void findsAsManyAsThereArePrimesBelow100000LikeTheTutorial() {
    long[] found = TrialDivision.primes(100_000, 0, 1);
    assertThat(found).hasSize(9592);
    assertThat(found[0]).isEqualTo(1);
    assertThat(found).doesNotContain(2).contains(3, 99_991);
  }

  @Test
  void ranksTestTheirOwnRoundRobinCandidates() {
    // Rank r of s tests 2r+1, 2r+1+2s, …: with s = 3 rank 1 has 3, 9, 15, 21, 27, … below 30.
    assertThat(TrialDivision.primes(30, 1, 3)).containsExactly(3);
    assertThat(TrialDivision.primes(30, 0, 3)).containsExactly(1, 7, 13, 19);
    assertThat(TrialDivision.primes(30, 2, 3)).containsExactly(5, 11, 17, 23, 29);
  }

  @Test
  void everySplitFindsTheSameAsOneRank() {
    for (long n = 0; n <= 400; n++) {
      for (int size = 1; size <= 6; size++) {
        assertThat(allRanksSorted(n, size)).as("N=%d, %d ranks", n, size).isEqualTo(tutorialAnswer(n));
      }
    }
    assertThat(allRanksSorted(20_000, 4)).isEqualTo(tutorialAnswer(20_000));
  }

  @Test
  void excludesNAndHandlesTheSmallestN() {
    assertThat(TrialDivision.primes(0, 0, 1)).isEmpty();
    assertThat(TrialDivision.primes(1, 0, 1)).isEmpty();
    assertThat(TrialDivision.primes(2, 0, 1)).containsExactly(1);
    assertThat(TrialDivision.primes(3, 0, 1)).containsExactly(1);
    assertThat(TrialDivision.primes(4, 0, 1)).containsExactly(1, 3);
    assertThat(TrialDivision.primes(7, 0, 1)).containsExactly(1, 3, 5);
  }

  @Test
  void moreRanksThanCandidatesLeavesTheLastRanksEmpty() {
    assertThat(TrialDivision.primes(4, 0, 8)).containsExactly(1);
    assertThat(TrialDivision.primes(4, 1, 8)).containsExactly(3);
    for (int r = 2; r < 8; r++) {
      assertThat(TrialDivision.primes(4, r, 8)).isEmpty();
    }
  }

  @Test
  void the32And64BitLoopsAgreeWithTheReference() {
    SimpleSieve reference = new SimpleSieve(5000);
    for (int c = 1; c < 5000; c++) {
      boolean expected = c == 1 || reference.count(c, c + 1) == 1;
      assertThat(TrialDivision.hasNoDivisorBelowItself32(c)).as("%d", c).isEqualTo(expected);
      assertThat(TrialDivision.hasNoDivisorBelowItself64(c)).as("%d", c).isEqualTo(expected);
    }
    // Beyond int the 64-bit loop runs: 3 × 715827883 and 46337 × 46349 are composite.
    assertThat(TrialDivision.hasNoDivisorBelowItself(2_147_483_649L)).isFalse();
    assertThat(TrialDivision.hasNoDivisorBelowItself(46_337L * 46_349L)).isFalse();
  }

  @Test
  void refusesARankOutsideTheWorld() {
    assertThatThrownBy(() -> TrialDivision.primes(10, 2, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TrialDivision.primes(10, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
