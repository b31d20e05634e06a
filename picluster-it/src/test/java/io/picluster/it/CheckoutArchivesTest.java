package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.testkit.NoOpJavaAgent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/picluster's class-data archives, in a checkout of its own (the script and the packaged jar,
 * nothing to rebuild): a user whose JAVA_TOOL_OPTIONS load a Java agent (a profiler) when the
 * archives are first recorded still gets them. The agent is meant for the user's programs; the
 * recording runs without it, since the JVM refuses to record an archive with an agent loaded, and
 * a failed recording would leave a mark that keeps every later command from the archives. And a
 * first command whose ranks stay on TCP still records the classes of their shared memory.
 */
class CheckoutArchivesTest {
  @TempDir Path dir;

  @Test
  void aJavaAgentInTheUsersOptionsDoesNotKeepTheArchivesFromBeingRecorded() throws Exception {
    Path checkout = checkout();
    Path script = checkout.resolve("bin/picluster");
    Path target = checkout.resolve("picluster-cli/target");
    Path agent = NoOpJavaAgent.jarIn(dir);

    String options = "-javaagent:" + agent;
    String out = run(List.of(script.toString(), "run", "-n", "2", "hostname"),
        Map.of("JAVA_TOOL_OPTIONS", options));

    assertThat(out).as("the agent was loaded into the command itself").contains(options);
    assertThat(target.resolve("picluster.jsa")).as(out).isRegularFile();
    assertThat(target.resolve("picluster-rank.jsa")).as(out).isRegularFile();
    assertThat(target.resolve("picluster.jsa.none")).doesNotExist();
    assertThat(target.resolve("picluster-rank.jsa.none")).doesNotExist();
  }

  /**
   * The first command after a build may keep its ranks off shared memory ({@code PICLUSTER_SHM=0},
   * as the bench's first row does); the recording does not, or every later launch would define the
   * rings' classes outside the archive (about 45 more classes in {@code run -n 4 hostname}).
   */
  @Test
  void aFirstCommandOnTcpStillRecordsTheSharedMemoryClasses() throws Exception {
    Path checkout = checkout();
    Path script = checkout.resolve("bin/picluster");
    Path target = checkout.resolve("picluster-cli/target");
    Path jar = target.resolve("picluster.jar");

    run(List.of(script.toString(), "run", "-n", "2", "hostname"), Map.of("PICLUSTER_SHM", "0"));

    String contents = run(List.of(PiclusterJar.java(), "-XX:SharedArchiveFile=" + target.resolve("picluster.jsa"),
        "-XX:+PrintSharedArchiveAndExit", "-cp", jar.toString()), Map.of());
    assertThat(contents).contains("archive is valid").contains(" io.picluster.comm.internal.ShmSegment ");
  }

  /** A checkout of bin/picluster and the packaged jar alone, in DIR; returns its root. */
  private Path checkout() throws IOException {
    Path checkout = dir.resolve("checkout");
    Path script = Files.createDirectories(checkout.resolve("bin")).resolve("picluster");
    Files.copy(ExamplesProject.repoRoot().resolve("bin/picluster"), script);
    Path target = Files.createDirectories(checkout.resolve("picluster-cli/target"));
    Files.copy(ExamplesProject.launcherJar(), target.resolve("picluster.jar"));
    return checkout;
  }

  /** Runs COMMAND with ENV added and this JVM's java as JAVA_HOME's; its output, exit 0 required. */
  private String run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
    Map<String, String> all = new HashMap<>(env);
    all.put("JAVA_HOME", System.getProperty("java.home"));
    return PiclusterJar.succeeding(dir, all, command, Duration.ofSeconds(180));
  }
}
