package io.picluster.it.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.mpi.ranks.MpjCollectives;
import io.picluster.it.mpi.ranks.OmpiCollectives;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Collectives of package mpi, both vocabularies, on real ranks under the real launcher. */
class MpiCollectivesTest {
  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4, 8})
  void mpjExpressStyle(int ranks) {
    MpiJob job = MpiJob.of(ranks, MpjCollectives.class);
    assertThat(job.exitCode).as(job.output()).isZero();
    assertThat(job.stdout).as(job.output()).contains("MpjCollectives passed on " + ranks + " ranks");
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4, 8})
  void openMpiStyle(int ranks) {
    MpiJob job = MpiJob.of(ranks, OmpiCollectives.class);
    assertThat(job.exitCode).as(job.output()).isZero();
    assertThat(job.stdout).as(job.output()).contains("OmpiCollectives passed on " + ranks + " ranks");
  }
}
