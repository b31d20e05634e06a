package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.testbed.Testbed;
import io.picluster.it.testbed.Testbed.Result;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI's short soak (issue 13 §3): the built-in job {@code soak}, 8 ranks and 20480 random checked
 * messages per mode, in threads, as processes on this host (whatever same-host transport the
 * engine picks), as processes over TCP ({@code PICLUSTER_SHM=0}), and across the testbed's four
 * nodes (as processes, and as threads two to a node), and in threads of a launcher whose heap grows
 * (G1, as on a Pi 4). Every count must be 0
 * and no rank's memory may grow by 10 % after the warm-up (the job itself judges; its exit code
 * says). The full soak is {@code bin/soak} (README, "Reliability").
 */
class SoakTest {
  private static final String MESSAGES = "20000";
  private static final Duration LIVENESS = Duration.ofMinutes(5);

  @TempDir Path dir;

  private static String seed() {
    long seed = System.nanoTime();
    System.out.println("soak test seed " + seed);
    return Long.toString(seed);
  }

  @Test
  void threadsLoseDuplicateReorderAndCorruptNothing() throws Exception {
    // A fixed heap: the ranks share this JVM's, and its growth is not a leak.
    assertClean("threads", here(Map.of(), List.of("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch"),
        "run", "-n", "8", "soak", MESSAGES, seed()));
  }

  @Test
  void threadsInALauncherWhoseHeapGrowsJudgeWhatTheJvmHolds() throws Exception {
    // As a user starts it on a Pi 4 (G1, the heap grown as needed): resident memory would grow
    // by 57 to 243 % while G1 touched its heap, and the clean job said it leaked.
    Result r = here(Map.of(), List.of("-XX:+UseG1GC"), "run", "-n", "8", "soak", MESSAGES, seed());
    assertClean("threads, G1", r);
    assertThat(r.stdout()).as(r.output()).contains("largest memory in use (live heap, class metadata,"
        + " buffers) growth after warm-up");
  }

  @Test
  void processesOnThisHostLoseDuplicateReorderAndCorruptNothing() throws Exception {
    assertClean("processes", here(Map.of(), List.of(), "run", "--processes", "-n", "8", "soak",
        MESSAGES, seed()));
  }

  @Test
  void processesOverTcpLoseDuplicateReorderAndCorruptNothing() throws Exception {
    assertClean("processes over TCP", here(Map.of("PICLUSTER_SHM", "0"), List.of(), "run",
        "--processes", "-n", "8", "soak", MESSAGES, seed()));
  }

  @Test
  void processesAcrossFourHostsLoseDuplicateReorderAndCorruptNothing() {
    assertClean("across hosts", acrossFourHosts("--processes"));
  }

  /**
   * A mixed job: two ranks on each node as threads of its JVM (the launcher's, the agents'), linked
   * by shared memory alone, and TCP between the nodes.
   */
  @Test
  void threadsTwoOnEachOfFourHostsLoseDuplicateReorderAndCorruptNothing() {
    assertClean("threads across hosts", acrossFourHosts());
  }

  /** {@code picluster run MODE -n 8 --hosts (the testbed's four) soak} from node 1. */
  private static Result acrossFourHosts(String... mode) {
    Testbed.assumeUsable();
    Path jar = ExamplesProject.launcherJar();
    String hosts = Testbed.addresses(4);
    List<String> args = new ArrayList<>(List.of("run"));
    args.addAll(List.of(mode));
    args.addAll(List.of("-n", "8", "--hosts", hosts, "soak", MESSAGES, seed()));
    try (Testbed testbed = Testbed.up(4)) {
      return testbed.exec(LIVENESS, Testbed.USER, 1, PiclusterJar.command(jar, args.toArray(new String[0])));
    }
  }

  private static void assertClean(String mode, Result r) {
    System.out.println(mode + ": " + r.stdout().trim());
    SoakReport report = SoakReport.assertClean(r, 8, 20000);
    assertThat(report.measure()).as(r.output()).isIn("RSS", SoakReport.IN_USE);
    assertThat(report.growthPercent()).as(r.output()).isLessThan(10.0);
  }

  /** {@code java JVM_OPTIONS -jar picluster.jar ARGS...} on this machine with ENV added. */
  private Result here(Map<String, String> env, List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(PiclusterJar.java());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(ExamplesProject.launcherJar().toString());
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectInput(Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(env);
    Process p = builder.start();
    if (!p.waitFor(LIVENESS.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(command + " did not end within " + LIVENESS + "\n"
          + Files.readString(out, StandardCharsets.UTF_8));
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
