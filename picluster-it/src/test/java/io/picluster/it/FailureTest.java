package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picluster.it.ranks.Failing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A failed rank ends the whole job quickly (the bound is 2 s; the assertions allow margin for a
 * loaded machine), names the rank, and leaves no process behind.
 */
class FailureTest {
  @ParameterizedTest
  @EnumSource(RankRun.Mode.class)
  void aRankThatThrowsEndsTheJobWithItsName(RankRun.Mode mode) {
    RankRun run = RankRun.of(mode, 3, Failing.class, "throw");
    assertThat(run.exitCode).as(run.output()).isEqualTo(1);
    assertThat(run.stderr).contains("rank 1 failed on purpose").contains("rank 1");
    assertStoppedQuickly(run);
    assertNoRankLeft(mode, run.stdout);
  }

  @ParameterizedTest
  @EnumSource(RankRun.Mode.class)
  void systemExit3EndsTheJobWithCode3(RankRun.Mode mode) {
    RankRun run = RankRun.of(mode, 3, Failing.class, "exit3");
    assertThat(run.exitCode).as(run.output()).isEqualTo(3);
    assertThat(run.stderr).as(run.output()).contains("rank 1").contains("code 3");
    assertStoppedQuickly(run);
    assertNoRankLeft(mode, run.stdout);
  }

  @ParameterizedTest
  @EnumSource(RankRun.Mode.class)
  void abortEndsTheJobWithItsCode(RankRun.Mode mode) {
    RankRun run = RankRun.of(mode, 3, Failing.class, "abort7");
    assertThat(run.exitCode).as(run.output()).isEqualTo(7);
    assertThat(run.stderr).as(run.output()).contains("rank 1").contains("abort(7)");
    assertStoppedQuickly(run);
    assertNoRankLeft(mode, run.stdout);
  }

  @ParameterizedTest
  @EnumSource(RankRun.Mode.class)
  void systemExit0ByOneRankLetsTheOthersFinish(RankRun.Mode mode) {
    RankRun run = RankRun.of(mode, 3, Failing.class, "exit0");
    assertThat(run.exitCode).as(run.output()).isZero();
    assertThat(run.stdout).as(run.output()).contains("rank 0 done").contains("rank 2 done")
        .doesNotContain("rank 1 done");
  }

  /** From the failing rank's last words to the launcher's return. */
  private static void assertStoppedQuickly(RankRun run) {
    Matcher m = Pattern.compile("failing at (\\d+)").matcher(run.stdout);
    assertThat(m.find()).as(run.output()).isTrue();
    Duration took = Duration.ofMillis(run.endedAtMillis - Long.parseLong(m.group(1)));
    System.out.println("job ended " + took.toMillis() + " ms after rank 1 failed");
    assertThat(took).as(run.output()).isLessThan(LiveJob.FAILURE_BOUND);
  }

  @ParameterizedTest
  @EnumSource(RankRun.Mode.class)
  void aReceiveFromAnyRankFailsWhenEveryOtherRankHasFinished(RankRun.Mode mode) {
    RankRun run = RankRun.of(mode, 2, io.picluster.it.ranks.WaitsForAnyone.class);
    assertThat(run.exitCode).as(run.output()).isEqualTo(4);
    assertThat(run.stdout).contains("rank 1: every other rank has ended");
  }

  @Test
  void aSigkilledRankEndsTheJobQuickly(@TempDir Path dir) {
    LiveJob job = LiveJob.start(4, Failing.class, "wait", dir.resolve("never").toString());
    assertThat(job.killRankAndAwaitTheEnd(4, 2)).containsIgnoringCase("signal");
  }

  @Test
  void junkOnARanksPortIsRejectedAndTheJobCompletes(@TempDir Path dir) throws Exception {
    Path go = dir.resolve("go");
    LiveJob job = LiveJob.start(3, io.picluster.it.ranks.GarbageTarget.class, go.toString());
    Map<Integer, Long> pids = job.awaitPids(3);
    for (long pid : pids.values()) {
      for (int port : ListeningPorts.of(pid)) {
        Junk.sendTo(port);
      }
    }
    Files.createFile(go);
    int exit = job.awaitExit(RankRun.LIVENESS);
    assertThat(exit).as(job.output()).isZero();
    assertThat(job.stdout()).contains("sum=3 still-working");
    assertThat(job.stderr()).contains("closed a connection");
  }

  private static void assertNoRankLeft(RankRun.Mode mode, String stdout) {
    if (mode == RankRun.Mode.THREADS) {
      await().atMost(Duration.ofSeconds(5)).until(() -> RankThreads.alive().isEmpty());
      return;
    }
    Map<Integer, Long> pids = RankPids.in(stdout);
    assertThat(pids).isNotEmpty();
    await().atMost(Duration.ofSeconds(5)).until(() -> !RankPids.anyAlive(pids));
  }
}
