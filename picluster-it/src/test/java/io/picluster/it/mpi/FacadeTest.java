package io.picluster.it.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.RankRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Package mpi's communicating half (Comm, Intracomm, Intercomm, topologies, Request, the
 * environment) on real rank processes under the real launcher, in both vocabularies.
 */
class FacadeTest {
  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4})
  void mpjExpressCallsGiveTheRightResults(int ranks) {
    RankRun job = RankRun.of(ranks, FacadeMpjChecks.class, "a", "b c");
    assertThat(job.exitCode).as(job.output()).isZero();
    assertThat(job.stdout).as(job.output()).contains("mpj checks passed on " + ranks + " ranks");
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4})
  void openMpiCallsGiveTheRightResults(int ranks) {
    RankRun job = RankRun.of(ranks, FacadeOmpiChecks.class);
    assertThat(job.exitCode).as(job.output()).isZero();
    assertThat(job.stdout).as(job.output()).contains("ompi checks passed on " + ranks + " ranks");
  }

  @Test
  void initAgainAfterFinalizeAHundredAndFiftyTimes() {
    RankRun job = RankRun.of(3, FacadeReinit.class, "150");
    assertThat(job.exitCode).as(job.output()).isZero();
    assertThat(job.stdout).as(job.output()).contains("reinit passed 150 cycles on 3 ranks");
  }

  @Test
  void abortEndsTheJobWithItsCode() {
    RankRun job = RankRun.of(3, FacadeEnds.class, "Abort");
    assertThat(job.exitCode).as(job.output()).isEqualTo(7);
    assertThat(job.stderr).as(job.output()).contains("rank 2");
    assertThat(job.stdout).doesNotContain("still running");
  }

  @Test
  void openMpiAbortEndsTheJobWithItsCode() {
    RankRun job = RankRun.of(2, FacadeEnds.class, "abort");
    assertThat(job.exitCode).as(job.output()).isEqualTo(9);
    assertThat(job.stdout).doesNotContain("still running");
  }

  @Test
  void anErrorIsFatalByDefaultAndNamesRankAndHost() {
    RankRun job = RankRun.of(3, FacadeEnds.class, "fatal");
    assertThat(job.exitCode).as(job.output()).isEqualTo(1);
    assertThat(job.stderr).as(job.output())
        .containsPattern("MPI error on rank 2 on \\S+: Send: dest 8 is not a rank");
    assertThat(job.stdout).doesNotContain("still running");
  }

  @Test
  void underErrorsReturnTheErrorIsThrown() {
    RankRun job = RankRun.of(2, FacadeEnds.class, "throw");
    assertThat(job.exitCode).as(job.output()).isEqualTo(1);
    assertThat(job.stderr).as(job.output()).contains("mpi.MPIException").contains("Send: dest 7 is not a rank");
    assertThat(job.stdout).doesNotContain("still running");
  }
}
