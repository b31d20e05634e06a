package io.picluster.it.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.mpi.ranks.MpiFailing;
import org.junit.jupiter.api.Test;

/**
 * MPI's error semantics under the real launcher: Abort ends the job with its code, an uncaught
 * exception or an MPI error ends it naming the rank and its host (errors are fatal by default),
 * and ERRORS_RETURN turns errors into exceptions the program survives.
 */
class MpiFailureTest {
  /** The launcher's line for a failed rank: "picluster: rank 1 on HOST ...". */
  private static final String RANK_1_ON_A_HOST = "(?s).*rank 1 on \\S+.*";

  @Test
  void mpjAbortEndsTheJobWithItsCode() {
    MpiJob job = MpiJob.of(3, MpiFailing.class, "mpj-abort");
    assertThat(job.exitCode).as(job.output()).isEqualTo(7);
    assertThat(job.stderr).as(job.output()).matches(RANK_1_ON_A_HOST).contains("abort(7)");
    assertThat(job.stdout).as(job.output()).doesNotContain("went on");
  }

  @Test
  void openMpiAbortEndsTheJobWithItsCode() {
    MpiJob job = MpiJob.of(2, MpiFailing.class, "ompi-abort");
    assertThat(job.exitCode).as(job.output()).isEqualTo(9);
    assertThat(job.stderr).as(job.output()).matches(RANK_1_ON_A_HOST).contains("abort(9)");
  }

  @Test
  void anUncaughtExceptionEndsTheJobNamingTheRank() {
    MpiJob job = MpiJob.of(3, MpiFailing.class, "throw");
    assertThat(job.exitCode).as(job.output()).isNotZero();
    assertThat(job.stderr).as(job.output()).matches(RANK_1_ON_A_HOST).contains("rank 1 failed on purpose");
  }

  @Test
  void aBadRankIsAFatalErrorNamingRankAndHost() {
    MpiJob job = MpiJob.of(2, MpiFailing.class, "bad-rank");
    assertThat(job.exitCode).as(job.output()).isNotZero();
    assertThat(job.stdout).as(job.output()).doesNotContain("went on");
    assertThat(job.stderr).as(job.output()).matches(RANK_1_ON_A_HOST);
    // The MPI error itself says which rank argument was wrong (5 on a 2-rank job).
    assertThat(job.stderr).as(job.output()).containsPattern("(?i)(rank[^\\n]*\\b5\\b|\\b5\\b[^\\n]*rank)");
  }

  @Test
  void aTruncatedMessageIsAFatalError() {
    MpiJob job = MpiJob.of(2, MpiFailing.class, "truncate");
    assertThat(job.exitCode).as(job.output()).isNotZero();
    assertThat(job.stdout).as(job.output()).doesNotContain("went on");
    assertThat(job.stderr).as(job.output()).matches(RANK_1_ON_A_HOST)
        .containsPattern("(?i)(truncat|room for 2)"); // says the 5 ints did not fit
  }

  @Test
  void errorsReturnGivesExceptionsOpenMpiStyle() {
    MpiJob job = MpiJob.of(3, MpiFailing.class, "ompi-errors-return");
    assertThat(job.exitCode).as(job.output()).isZero();
    assertThat(job.stdout).as(job.output()).contains("ompi-errors-return passed on 3 ranks");
  }

  @Test
  void errorsReturnGivesExceptionsMpjExpressStyle() {
    MpiJob job = MpiJob.of(2, MpiFailing.class, "mpj-errors-return");
    assertThat(job.exitCode).as(job.output()).isZero();
    assertThat(job.stdout).as(job.output()).contains("mpj-errors-return passed on 2 ranks");
  }
}
