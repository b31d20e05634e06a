package io.picluster.launch.pmi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PmiIdsTest {
  @Test
  void randomIdsArePositiveDistinctAndMapBackToTheirRanks() {
    for (int size : new int[] {1, 2, 4, 1000}) {
      PmiIds ids = PmiIds.random(size);
      assertThat(ids.size()).isEqualTo(size);
      Set<Integer> seen = new HashSet<>();
      for (int r = 0; r < size; r++) {
        assertThat(ids.idOf(r)).isPositive();
        assertThat(seen.add(ids.idOf(r))).as("id of rank %d is new", r).isTrue();
        assertThat(ids.rankOf(ids.idOf(r))).isEqualTo(r);
      }
    }
  }

  @Test
  void twoJobsDrawDifferentIds() {
    // 1000 ids each from 2^31-1: equal sets would mean the source is not random at all.
    Set<Integer> first = new HashSet<>();
    Set<Integer> second = new HashSet<>();
    PmiIds a = PmiIds.random(1000);
    PmiIds b = PmiIds.random(1000);
    for (int r = 0; r < 1000; r++) {
      first.add(a.idOf(r));
      second.add(b.idOf(r));
    }
    assertThat(first).isNotEqualTo(second);
  }
}
