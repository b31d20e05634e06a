package io.picluster.it.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.mpi.ranks.OmpiThreads;
import org.junit.jupiter.api.Test;

/** Several threads of each rank communicating at once, when InitThread grants THREAD_MULTIPLE. */
class MpiThreadsTest {
  @Test
  void fourThreadsPerRankCommunicateAtOnce() {
    MpiJob job = MpiJob.of(3, OmpiThreads.class);
    assertThat(job.exitCode).as(job.output()).isZero();
    assertThat(job.stdout).as(job.output()).contains("OmpiThreads passed on 3 ranks");
  }
}
