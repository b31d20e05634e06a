package io.picluster.it.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.mpi.ranks.MpjDatatypes;
import io.picluster.it.mpi.ranks.OmpiDatatypes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Derived datatypes of package mpi, both vocabularies, on real ranks under the real launcher. */
class MpiDatatypesTest {
  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3})
  void mpjExpressStyle(int ranks) {
    MpiJob job = MpiJob.of(ranks, MpjDatatypes.class);
    assertThat(job.exitCode).as(job.output()).isZero();
    assertThat(job.stdout).as(job.output()).contains("MpjDatatypes passed on " + ranks + " ranks");
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3})
  void openMpiStyle(int ranks) {
    MpiJob job = MpiJob.of(ranks, OmpiDatatypes.class);
    assertThat(job.exitCode).as(job.output()).isZero();
    assertThat(job.stdout).as(job.output()).contains("OmpiDatatypes passed on " + ranks + " ranks");
  }
}
