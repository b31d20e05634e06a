package io.picluster.jobs.primes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RangeSplitTest {
  @Test
  void partsAreContiguousCoverTheRangeAndDifferByAtMostOne() {
    for (long n : new long[] {0, 1, 2, 3, 7, 10, 1000, 1_000_000_007L, Long.MAX_VALUE}) {
      for (int parts : new int[] {1, 2, 3, 4, 5, 16, 1000}) {
        long[] all = RangeSplit.allParts(n, parts);
        assertThat(all[0]).isZero();
        assertThat(all[2 * parts - 1]).isEqualTo(n);
        long shortest = Long.MAX_VALUE;
        long longest = 0;
        for (int r = 0; r < parts; r++) {
          assertThat(RangeSplit.part(n, parts, r)).containsExactly(all[2 * r], all[2 * r + 1]);
          if (r > 0) {
            assertThat(all[2 * r]).isEqualTo(all[2 * r - 1]);
          }
          long length = all[2 * r + 1] - all[2 * r];
          shortest = Math.min(shortest, length);
          longest = Math.max(longest, length);
        }
        assertThat(longest - shortest).as("n=%d, %d parts", n, parts).isLessThanOrEqualTo(1);
      }
    }
  }

  @Test
  void moreRanksThanNumbersGivesEmptyPartsAtTheEnd() {
    assertThat(RangeSplit.allParts(3, 5)).containsExactly(0, 1, 1, 2, 2, 3, 3, 3, 3, 3);
  }

  @Test
  void refusesPartsThatDoNotExist() {
    assertThatThrownBy(() -> RangeSplit.part(10, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RangeSplit.part(10, 2, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RangeSplit.start(-1, 2, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
