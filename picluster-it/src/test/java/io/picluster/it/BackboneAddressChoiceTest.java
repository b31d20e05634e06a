package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.ranks.ApiChecks;
import io.picluster.launch.JobSpec;
import java.lang.ProcessBuilder.Redirect;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher's --iface / --network reach the ranks, which bind there or say why they cannot. */
class BackboneAddressChoiceTest {
  private static JobSpec apiChecks(int ranks) {
    return JobSpec.of(ranks, RankRun.javaCommand(ApiChecks.class)).withStdin(Redirect.PIPE);
  }

  @Test
  void ranksUseTheNamedInterface() {
    RankRun run = RankRun.run(apiChecks(3), Map.of("PICLUSTER_IFACE", "lo"));
    assertThat(run.exitCode).as(run.output()).isZero();
  }

  @Test
  void ranksUseTheirAddressInTheNamedNetwork() {
    RankRun run = RankRun.run(apiChecks(3), Map.of("PICLUSTER_NETWORK", "127.0.0.0/8"));
    assertThat(run.exitCode).as(run.output()).isZero();
  }

  @Test
  void aMissingInterfaceIsNamed() {
    RankRun run = RankRun.run(apiChecks(2), Map.of("PICLUSTER_IFACE", "nosuch0"));
    assertThat(run.exitCode).as(run.output()).isNotZero();
    assertThat(run.stderr).contains("--iface nosuch0: no such interface on this host");
  }
}
