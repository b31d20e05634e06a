package io.picluster.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The launcher in its own JVM, signalled from outside as a user (or the OOM killer) would. */
@Timeout(120)
class LauncherProcessTest {
  private static final int N = 3;

  @TempDir Path pids;
  private Process launcher;

  private Process startLauncher(List<String> rankCommand) throws IOException {
    List<String> cmd = new ArrayList<>();
    // With SIGINT at its default even when Maven runs in the background (`mvn verify &`), which
    // makes it and everything it starts ignore SIGINT: a JVM never handles a signal ignored at start.
    cmd.add("env");
    cmd.add("--default-signal=INT");
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(LaunchMain.class.getName());
    cmd.add(Integer.toString(N));
    cmd.addAll(rankCommand);
    launcher =
        new ProcessBuilder(cmd)
            .redirectOutput(pids.resolve("launcher.out").toFile())
            .redirectError(pids.resolve("launcher.err").toFile())
            .start();
    return launcher;
  }

  @AfterEach
  void killWhatThisTestStarted() throws IOException {
    if (launcher != null && launcher.isAlive()) {
      launcher.destroyForcibly();
    }
    Procs.killSurvivors(pids);
  }

  private List<Long> awaitAllRanksRecorded() throws IOException {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Procs.recorded(pids).size() == 2 * N);
    return Procs.recorded(pids);
  }

  private static void awaitAllGone(List<Long> recorded) {
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(
            () ->
                assertThat(recorded)
                    .allSatisfy(pid -> assertThat(Procs.running(pid)).as("pid " + pid).isFalse()));
  }

  @Test
  void sigintToTheLauncherStopsEveryRankAndExits130() throws Exception {
    Process p = startLauncher(TestRanks.command(pids, "hang"));
    List<Long> recorded = awaitAllRanksRecorded();
    assertThat(recorded).allMatch(Procs::running);

    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
    assertThat(kill.waitFor()).isZero();

    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(130);
    // Ranks we killed on the way out are not reported as failures.
    assertThat(Files.readString(pids.resolve("launcher.err"))).doesNotContain("picluster: rank");
    // The shutdown hook waited for the ranks: they are gone by the time the launcher is.
    assertThat(recorded).allSatisfy(pid -> assertThat(Procs.running(pid)).as("pid " + pid).isFalse());
  }

  @Test
  void sigkillToTheLauncherLeavesTheWatchdogToKillEveryRank() throws Exception {
    Process p = startLauncher(TestRanks.command(pids, "hang"));
    List<Long> recorded = awaitAllRanksRecorded();
    assertThat(recorded).allMatch(Procs::running);

    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

    awaitAllGone(recorded);
  }

  @Test
  void theLaunchersStdinReachesRankZero() throws Exception {
    Process p = startLauncher(TestRanks.command(null, "stdin"));
    try (OutputStream in = p.getOutputStream()) {
      in.write("one\ntwo\n".getBytes(StandardCharsets.US_ASCII));
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(Files.readAllLines(pids.resolve("launcher.out")))
        .containsExactlyInAnyOrder(
            "rank 0 read 2 lines: one|two", "rank 1 read 0 lines: ", "rank 2 read 0 lines: ");
    assertThat(new File(pids.resolve("launcher.err").toString())).isEmpty();
  }
}
