package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenMpiUnderPiclusterTest}'s programs and checks, on the route Open MPI 5 takes: each
 * node's ranks get their PMIx server from picluster's helper (picluster-pmix over Debian's
 * libpmix.so.2), which bridges their fences, finalizes and aborts to picluster's PMI-1 server. CI
 * has Open MPI 4.1 only, which takes this route when asked (PICLUSTER_OPENMPI_ROUTE=pmix); Open MPI
 * 5 itself is checked by bin/check-openmpi5 in a Debian 13 root.
 */
class OpenMpiOverPmixTest extends OpenMpiUnderPiclusterTest {
  @Override
  List<String> route() {
    return List.of("PICLUSTER_OPENMPI_ROUTE=pmix");
  }

  /**
   * SIGKILL of the launcher mid-job: the watchdog ends the ranks and the PMIx helper ends on its
   * input's end, removing its folders; the checks after each test then find no rank, helper or
   * Open MPI file left. (On the flux route Open MPI's own files do stay: only the launcher removes
   * them, once its ranks are gone.)
   */
  @Test
  void aLauncherKilledMidJobLeavesNoRankAndNoHelper() throws Exception {
    Process launcher = programs().start(2, "./waits");
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
      List<String> lines = CompletableFuture.supplyAsync(() -> linesUntilReady(out, 2))
          .get(RankRun.LIVENESS.toSeconds(), TimeUnit.SECONDS);
      assertThat(lines).as("the ranks' lines").contains("rank 0 of 2: ready", "rank 1 of 2: ready");
      assertThat(helpers().filter(p -> !helperBefore(p.pid())).toList())
          .as("the job's PMIx helper while it runs").isNotEmpty();
    } finally {
      launcher.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).as("the launcher ends on SIGKILL").isTrue();
    }
  }

  /** Lines of OUT until COUNT of them say "ready" (or the output ends). */
  private static List<String> linesUntilReady(BufferedReader out, int count) {
    List<String> lines = new ArrayList<>();
    try {
      for (String line; lines.stream().filter(l -> l.endsWith(": ready")).count() < count
          && (line = out.readLine()) != null; ) {
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("(output failed: " + e.getMessage() + ")");
    }
    return lines;
  }
}
