package io.picluster.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PingPongOutputTest {
  private static final String OUTPUT = """
      [0] warming up
      [0] latency_us size=8 median=12.5 min=11 max=14
      bandwidth_MBps size=1048576 median=4.5e3
      """;

  @Test
  void readsTheMedianOfEachFigure() throws RunFailed {
    assertThat(PingPongOutput.median(OUTPUT, "latency_us", 8)).isEqualTo(12.5);
    assertThat(PingPongOutput.median(OUTPUT, "bandwidth_MBps", 1048576)).isEqualTo(4500.0);
  }

  @Test
  void wrongSizeIsNotTaken() {
    assertThatThrownBy(() -> PingPongOutput.median(OUTPUT, "latency_us", 80))
        .isInstanceOf(RunFailed.class).hasMessageContaining("size=80");
  }

  @Test
  void zeroIsRejected() {
    assertThatThrownBy(() -> PingPongOutput.median("latency_us size=8 median=0", "latency_us", 8))
        .isInstanceOf(RunFailed.class).hasMessageContaining("positive");
  }
}
