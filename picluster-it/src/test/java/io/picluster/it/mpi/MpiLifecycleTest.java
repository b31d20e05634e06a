package io.picluster.it.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.mpi.ranks.MpjLifecycle;
import io.picluster.it.mpi.ranks.OmpiLifecycle;
import org.junit.jupiter.api.Test;

/** Init, Finalize, Init again in one JVM, and the environment calls, under the real launcher. */
class MpiLifecycleTest {
  @Test
  void mpjExpressStyleInitAgainAfterFinalize() {
    MpiJob job = MpiJob.of(2, MpjLifecycle.class, "first", "--second", "3 4");
    assertThat(job.exitCode).as(job.output()).isZero();
    assertThat(job.stdout).as(job.output()).contains("MpjLifecycle passed on 2 ranks");
  }

  @Test
  void mpjExpressStyleOnOneRank() {
    MpiJob job = MpiJob.of(1, MpjLifecycle.class);
    assertThat(job.exitCode).as(job.output()).isZero();
    assertThat(job.stdout).as(job.output()).contains("MpjLifecycle passed on 1 ranks");
  }

  @Test
  void openMpiStyle() {
    MpiJob job = MpiJob.of(3, OmpiLifecycle.class, "x");
    assertThat(job.exitCode).as(job.output()).isZero();
    assertThat(job.stdout).as(job.output()).contains("OmpiLifecycle passed on 3 ranks");
  }
}
