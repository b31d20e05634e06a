package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.ranks.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExchangeTest {
  @ParameterizedTest
  @EnumSource(RankRun.Mode.class)
  void twoRanksSending64MiBToEachOtherBeforeReceivingDoNotDeadlock(RankRun.Mode mode) {
    RankRun run = RankRun.of(mode, 2, Exchange.class, "64");
    assertThat(run.exitCode).as(run.output()).isZero();
    assertThat(run.stdout).contains("rank 0 exchanged 64 MiB both ways").contains("rank 1 exchanged 64 MiB both ways");
  }
}
