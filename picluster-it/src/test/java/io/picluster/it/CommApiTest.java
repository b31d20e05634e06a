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
    everyCallGivesTheRightResult(RankRun.Mode.PROCESSES, ranks);
  }

  @ParameterizedTest(name = "{0} ranks as threads")
  @ValueSource(ints = {1, 2, 3, 4, 7})
  void everyCallGivesTheRightResultWithRanksAsThreads(int ranks) {
    everyCallGivesTheRightResult(RankRun.Mode.THREADS, ranks);
  }

  private static void everyCallGivesTheRightResult(RankRun.Mode mode, int ranks) {
    RankRun run = RankRun.of(mode, ranks, ApiChecks.class);
    assertThat(run.exitCode).as(run.output()).isZero();
    assertThat(run.stdout).as(run.output()).contains("api checks passed on " + ranks + " ranks");
  }
}
