package io.picluster.launch;

import io.picluster.comm.internal.HostName;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failing rank stops the whole job: the right exit code, one line naming the rank and how it
 * failed, and no process of the job left, within the 2 s bound.
 */
@Timeout(120)
class LauncherFailureTest {
  private static final String HOST = HostName.get();
  /** The stop itself must take at most 2 s; the rest is margin for a loaded 2-core machine. */
  private static final long STOP_BOUND_MILLIS = 2000 + 1500;

  @TempDir Path pids;

  @AfterEach
  void killSurvivorsOfAFailedTest() throws IOException {
    Procs.killSurvivors(pids);
  }

  private LaunchResult runUntilFailure(int n, String... failArgs) {
    return LaunchResult.run(JobSpec.of(n, TestRanks.command(pids, "fail", failArgs)));
  }

  private void assertNothingSurvived(int n) throws IOException {
    List<Long> recorded = Procs.recorded(pids);
    // Each rank recorded itself and its sleep child, unless it was killed before it got that far.
    assertThat(recorded).isNotEmpty();
    assertThat(recorded).allSatisfy(pid -> assertThat(Procs.running(pid)).as("pid " + pid).isFalse());
  }

  private long stopMillis(LaunchResult r) throws IOException {
    double victimTime = Double.parseDouble(Files.readString(pids.resolve("victim-time")));
    return r.returnedAtMillis() - (long) (victimTime * 1000);
  }

  @Test
  void aRankExitingWithThreeStopsStubbornRanksAndTheLauncherExitsThree() throws IOException {
    LaunchResult r = runUntilFailure(4, "2", "exit", "3", "stubborn");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.launcherLines())
        .containsExactly(
            "picluster: rank 2 on " + HOST + " exited with code 3; the job was stopped");
    assertThat(stopMillis(r)).isLessThan(STOP_BOUND_MILLIS);
    assertNothingSurvived(4);
  }

  @Test
  void aRankKilledBySignalIsNamed() throws IOException {
    LaunchResult r = runUntilFailure(3, "1", "sigkill", "");

    assertThat(r.exitCode()).isEqualTo(128 + 9);
    assertThat(r.launcherLines())
        .containsExactly(
            "picluster: rank 1 on " + HOST + " was killed by signal KILL; the job was stopped");
    assertThat(stopMillis(r)).isLessThan(STOP_BOUND_MILLIS);
    assertNothingSurvived(3);
  }

  @Test
  void abortEndsTheJobWithTheAbortCode() throws IOException {
    LaunchResult r = runUntilFailure(3, "0", "abort", "7");

    assertThat(r.exitCode()).isEqualTo(7);
    assertThat(r.launcherLines())
        .containsExactly("picluster: rank 0 on " + HOST + " called abort(7); the job was stopped");
    assertThat(stopMillis(r)).isLessThan(STOP_BOUND_MILLIS);
    assertNothingSurvived(3);
  }

  @Test
  void exitingWithZeroAfterInitButBeforeFinalizeFailsTheJob() throws IOException {
    LaunchResult r = runUntilFailure(2, "1", "exit", "0");

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.launcherLines())
        .containsExactly(
            "picluster: rank 1 on " + HOST + " exited before finalizing PMI; the job was stopped");
    assertThat(stopMillis(r)).isLessThan(STOP_BOUND_MILLIS);
    assertNothingSurvived(2);
  }

  @Test
  void aProgramThatNeverSpeaksPmiMayExitZero() {
    LaunchResult r = LaunchResult.run(JobSpec.of(3, List.of("sh", "-c", "echo rank $PMI_RANK")));

    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.outLines()).containsExactlyInAnyOrder("rank 0", "rank 1", "rank 2");
  }

  @Test
  void aMissingProgramFailsTheJob() {
    LaunchResult r = LaunchResult.run(JobSpec.of(2, List.of("/nonexistent/program")));

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.launcherLines()).hasSize(1);
  }
}
