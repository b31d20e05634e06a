package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.ranks.MpiSupportChecks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The job API calls package mpi builds on, on real rank processes under the real launcher. */
class MpiSupportTest {
  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4})
  void everyCallGivesTheRightResult(int ranks) {
    RankRun run = RankRun.of(ranks, MpiSupportChecks.class);
    assertThat(run.exitCode).as(run.output()).isZero();
    assertThat(run.stdout).as(run.output()).contains("mpi support checks passed on " + ranks + " ranks");
  }
}
