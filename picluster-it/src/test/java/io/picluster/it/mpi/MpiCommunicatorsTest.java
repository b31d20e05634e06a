package io.picluster.it.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.mpi.ranks.MpjCommunicators;
import io.picluster.it.mpi.ranks.OmpiCommunicators;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Communicators, groups and topologies of package mpi, both vocabularies, on real ranks under the real launcher. */
class MpiCommunicatorsTest {
  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4})
  void mpjExpressStyle(int ranks) {
    MpiJob job = MpiJob.of(ranks, MpjCommunicators.class);
    assertThat(job.exitCode).as(job.output()).isZero();
    assertThat(job.stdout).as(job.output()).contains("MpjCommunicators passed on " + ranks + " ranks");
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4, 8})
  void openMpiStyle(int ranks) {
    MpiJob job = MpiJob.of(ranks, OmpiCommunicators.class);
    assertThat(job.exitCode).as(job.output()).isZero();
    assertThat(job.stdout).as(job.output()).contains("OmpiCommunicators passed on " + ranks + " ranks");
  }
}
