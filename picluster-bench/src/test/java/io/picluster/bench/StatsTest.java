package io.picluster.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(Stats.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
  }

  @Test
  void minAndMaxIgnoreOrder() {
    assertThat(Stats.min(List.of(5.0, -1.0, 2.0))).isEqualTo(-1.0);
    assertThat(Stats.max(List.of(5.0, -1.0, 2.0))).isEqualTo(5.0);
  }

  @Test
  void emptyIsAnError() {
    assertThatThrownBy(() -> Stats.median(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
