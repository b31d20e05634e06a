package io.picluster.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawSocketPingPongTest {
  @Test
  void twoProcessesPrintBothFiguresInTheSharedFormat() throws RunFailed {
    Outcome o = Command.run(List.of(Jdk.tool("java"), "-cp", System.getProperty("java.class.path"),
            RawSocketPingPong.class.getName(), "--quick"),
        Path.of("."), Map.of(), Duration.ofSeconds(60)).requireSuccess();
    assertThat(PingPongOutput.median(o.stdout(), "latency_us", 8)).isPositive();
    assertThat(PingPongOutput.median(o.stdout(), "bandwidth_MBps", 1 << 20)).isPositive();
  }
}
