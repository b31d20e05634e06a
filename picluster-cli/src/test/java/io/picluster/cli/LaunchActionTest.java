package io.picluster.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picluster.launch.JobSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a parsed request becomes the job the launcher runs. */
class LaunchActionTest {

  @Test
  void runStartsEachRankAsAJvmOnJobMainWithTheSameJava() {
    JobSpec spec =
        LaunchAction.jobSpec(
            new LaunchRequest("run", 4, true, Map.of(), "hostname", List.of()));

    assertThat(spec.ranks()).isEqualTo(4);
    assertThat(spec.tagOutput()).isTrue();
    List<String> c = spec.command();
    assertThat(c.get(0)).isEqualTo(ProcessHandle.current().info().command().orElseThrow());
    // hostname computes nothing: its ranks ask for the quick-starting compiler
    assertThat(c.subList(1, 6))
        .containsExactly("-XX:+UseSerialGC", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", RankJvm.classpath());
    assertThat(c.subList(6, c.size())).containsExactly("io.picluster.jobs.JobMain", "hostname");
  }

  @Test
  void execRunsTheProgramWithItsArgumentsAndEnvironment() {
    JobSpec spec =
        LaunchAction.jobSpec(
            new LaunchRequest("exec", 2, false, Map.of("A", "1"), "ls", List.of("-la", "/")));

    assertThat(spec.command()).containsExactly("ls", "-la", "/");
    assertThat(spec.env()).containsExactlyEntriesOf(Map.of("A", "1"));
  }

  @Test
  void badJobArgumentsAreRejectedBeforeAnythingStarts() {
    assertThatThrownBy(
            () ->
                LaunchAction.jobSpec(
                    new LaunchRequest("run", 2, false, Map.of(), "hostname", List.of("x"))))
        .isInstanceOf(UsageError.class)
        .hasMessage("hostname takes no arguments, got 'x'");
  }
}
