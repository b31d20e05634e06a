package io.picluster.it.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.mpi.ranks.MpjPointToPoint;
import io.picluster.it.mpi.ranks.OmpiPointToPoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Point to point of package mpi, both vocabularies, on real ranks under the real launcher. */
class MpiPointToPointTest {
  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4, 8})
  void mpjExpressStyle(int ranks) {
    MpiJob job = MpiJob.of(ranks, MpjPointToPoint.class);
    assertThat(job.exitCode).as(job.output()).isZero();
    assertThat(job.stdout).as(job.output()).contains("MpjPointToPoint passed on " + ranks + " ranks");
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4})
  void openMpiStyle(int ranks) {
    MpiJob job = MpiJob.of(ranks, OmpiPointToPoint.class);
    assertThat(job.exitCode).as(job.output()).isZero();
    assertThat(job.stdout).as(job.output()).contains("OmpiPointToPoint passed on " + ranks + " ranks");
  }
}
