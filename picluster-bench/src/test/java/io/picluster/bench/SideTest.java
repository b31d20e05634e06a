package io.picluster.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SideTest {
  @Test
  void wrongAnswerFailsTheRun(@TempDir Path dir) {
    Side side = new Side("echo", List.of("echo", "41"), dir, Map.of(), Duration.ofSeconds(10),
        0, 1, o -> o.requireLine("42"));
    assertThatThrownBy(side::runOnce).isInstanceOf(RunFailed.class).hasMessageContaining("42");
  }

  @Test
  void aRunThatRebuildsTheJarIsRepeatedThenGivenUp(@TempDir Path dir) throws IOException {
    Path jar = Files.createFile(dir.resolve("picluster.jar"));
    Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000));
    // Every run "rebuilds" the jar, as bin/picluster does when sources keep changing. Each run
    // sets a time of its own (1000 s, 2000 s, ...): a plain `touch` twice within one clock tick of
    // the kernel's coarse file times can leave the same time, which CI once did.
    String script = "n=$(($(cat runs 2>/dev/null || echo 0) + 1)); echo $n > runs;"
        + " touch -d @$((n * 1000)) \"$0\"";
    Side side = new Side("rebuild", List.of("sh", "-c", script, jar.toString()), dir, Map.of(),
        Duration.ofSeconds(10), 0, 1, o -> { }).rebuilding(jar);
    assertThatThrownBy(side::runOnce).hasMessageContaining("picluster.jar was rebuilt");
    assertThat(dir.resolve("runs")).hasContent("2");
  }

  @Test
  void aRunThatLeavesTheJarAloneIsTimed(@TempDir Path dir) throws IOException, RunFailed {
    Path jar = Files.createFile(dir.resolve("picluster.jar"));
    Side side = new Side("true", List.of("true"), dir, Map.of(), Duration.ofSeconds(10),
        0, 1, o -> { }).rebuilding(jar);
    assertThat(side.runOnce()).isPositive();
  }

  @Test
  void aPreparationThatChangedSomethingGetsAnUntimedRunFirst(@TempDir Path dir) throws RunFailed {
    Path log = dir.resolve("runs");
    Side side = new Side("append", List.of("sh", "-c", "echo run >> " + log), dir, Map.of(),
        Duration.ofSeconds(10), 0, 1, o -> { }).preparedBy(() -> true);
    side.runOnce();
    assertThat(log).hasContent("run\nrun");
  }

  @Test
  void aPreparationThatChangedNothingCostsNoRun(@TempDir Path dir) throws RunFailed {
    Path log = dir.resolve("runs");
    Side side = new Side("append", List.of("sh", "-c", "echo run >> " + log), dir, Map.of(),
        Duration.ofSeconds(10), 0, 1, o -> { }).preparedBy(() -> false);
    side.runOnce();
    assertThat(log).hasContent("run");
  }
}
