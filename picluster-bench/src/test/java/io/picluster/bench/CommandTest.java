package io.picluster.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandTest {
  private static final Path HERE = Path.of(".");

  @Test
  void capturesOutputAndExitCode() throws RunFailed {
    Outcome o = Command.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), HERE,
        Map.of(), Duration.ofSeconds(10));
    assertThat(o.exitCode()).isEqualTo(3);
    assertThat(o.stdout()).isEqualTo("out\n");
    assertThat(o.firstLine()).isEqualTo("err");
    assertThatThrownBy(o::requireSuccess).hasMessage("exit 3: err");
  }

  @Test
  void aHungCommandIsKilledAtTheDeadline() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> Command.run(List.of("sleep", "30"), HERE, Map.of(),
        Duration.ofMillis(300))).isInstanceOf(RunFailed.class).hasMessageContaining("timed out");
    assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(10).toNanos());
  }

  @Test
  void aMissingProgramIsOneLine() {
    assertThatThrownBy(() -> Command.run(List.of("/nonexistent/bin/picluster"), HERE, Map.of(),
        Duration.ofSeconds(5))).hasMessage("/nonexistent/bin/picluster is missing or not executable");
  }

  @Test
  void requireLineAcceptsRankTags() throws RunFailed {
    Outcome o = new Outcome(0, "[0] Nodes: 4\n[0] Primes discovered: 9592\n", "", 1);
    o.requireLine("Primes discovered: 9592").requireLine("Nodes: 4");
    assertThatThrownBy(() -> o.requireLine("Primes discovered: 9593")).isInstanceOf(RunFailed.class);
  }

  @Test
  void firstLineDropsColourCodes() {
    Outcome o = new Outcome(1, "", "\u001B[0m\u001B[0m[ERROR] COMPILATION ERROR :\n", 1);
    assertThat(o.firstLine()).isEqualTo("[ERROR] COMPILATION ERROR :");
  }
}
