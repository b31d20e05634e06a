package io.picluster.launch.openmpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenMpiLeftoversTest {
  @Test
  void theWatchdogsGlobsNameThisJobsSegmentsAndSessionFolderAndTheFoldersAboveIt() {
    long id = (4321L << 16) | 7; // family 4321, local job 7
    OpenMpiLeftovers.Globs g = OpenMpiLeftovers.globs(Long.toString(id), Map.of());
    assertThat(g.removed()).containsExactly(
        "/dev/shm/vader_segment.*." + Long.toHexString(id) + ".[0-9]*", "/tmp/ompi.*/jf.4321/7");
    assertThat(g.removedIfEmpty()).containsExactly("/tmp/ompi.*/jf.4321", "/tmp/ompi.*");
  }

  @Test
  void tmpdirIsWhereTheSessionFoldersAreAndNoJobIdMeansNothingToRemove() {
    OpenMpiLeftovers.Globs g = OpenMpiLeftovers.globs("65543", Map.of("TMPDIR", "/scratch/me"));
    assertThat(g.removed()).contains("/scratch/me/ompi.*/jf.1/7");
    assertThat(g.removedIfEmpty()).containsExactly("/scratch/me/ompi.*/jf.1", "/scratch/me/ompi.*");
    for (String none : new String[] {null, "", "not-a-number"}) {
      OpenMpiLeftovers.Globs empty = OpenMpiLeftovers.globs(none, Map.of());
      assertThat(empty.removed()).isEmpty();
      assertThat(empty.removedIfEmpty()).isEmpty();
    }
  }
}
