package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.testbed.Testbed.Result;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in {@code pingpong} job that bench rows 8 and 10 read: after its warm-up batches (rank 0
 * tells rank 1 after each whether another follows) it prints one line per size, in order.
 */
class PingPongJobTest {
  /** 20000 timed round trips and up to 5 s of warm-up per size; minutes while other jobs load both cores. */
  private static final Duration LIMIT = Duration.ofMinutes(4);

  @TempDir Path dir;

  @Test
  void rankProcessesPrintALatencyAndABandwidthLineAfterWarmingUp() throws Exception {
    Result r = PiclusterJar.here(dir, LIMIT, "run", "--processes", "-n", "2", "pingpong", "0", "65536");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).matches(
        "latency_us size=0 median=\\d+\\.\\d\\d min=\\d+\\.\\d\\d iterations=20000\\R"
            + "bandwidth_MBps size=65536 median=\\d+ max=\\d+ iterations=2000\\R");
  }

  @Test
  void rankThreadsPrintALatencyLine() throws Exception {
    Result r = PiclusterJar.here(dir, LIMIT, "run", "-n", "3", "pingpong", "8");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).matches("latency_us size=8 median=\\d+\\.\\d\\d min=\\d+\\.\\d\\d iterations=20000\\R");
  }
}
