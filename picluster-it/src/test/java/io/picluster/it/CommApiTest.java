package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.ranks.ApiChecks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every call of the job API, on real rank processes under the real launcher. */
class CommApiTest {
  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4, 7})
  void everyCallGivesTheRightResult(int ranks) {
    RankRun run = RankRun.of(ranks, ApiChecks.class);
    assertThat(run.exitCode).as(run.output()).isZero();
    assertThat(run.stdout).as(run.output()).contains("api checks passed on " + ranks + " ranks");
  }
}
