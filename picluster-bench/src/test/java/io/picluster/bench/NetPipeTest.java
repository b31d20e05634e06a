package io.picluster.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NetPipeTest {
  // Two rows as NPmpich2 3.7.2 writes them: bytes, Mbit/s (2^20 bit), one-way seconds.
  private static final String NP_OUT = """
             8 6.934749   0.00000880
       1048576 21568.642959   0.00037091
      """;

  @Test
  void takesTheThirdColumnAsOneWaySeconds() throws RunFailed {
    assertThat(NetPipe.parse(NP_OUT, 8)).isCloseTo(8.80e-6, within(1e-12));
    assertThat(NetPipe.parse(NP_OUT, 1048576)).isCloseTo(3.7091e-4, within(1e-12));
  }

  @Test
  void secondsAgreeWithNetPipesOwnRateColumn() throws RunFailed {
    // 8 B * 8 bit / t / 2^20 must give back the Mbps column: proves the unit is seconds, one-way.
    double seconds = NetPipe.parse(NP_OUT, 8);
    assertThat(8 * 8 / seconds / (1 << 20)).isCloseTo(6.934749, within(0.01));
  }

  @Test
  void missingRowIsAnError() {
    assertThatThrownBy(() -> NetPipe.parse(NP_OUT, 16))
        .isInstanceOf(RunFailed.class).hasMessageContaining("no row for 16 B");
  }
}
