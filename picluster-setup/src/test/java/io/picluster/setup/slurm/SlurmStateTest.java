package io.picluster.setup.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlurmStateTest {
  @Test
  void withoutSlurmOnTheMasterThereIsNothingToShow() {
    assertThat(SlurmState.parse("", 0)).isEqualTo(Optional.empty());
  }

  @Test
  void eachNodeOnceWithItsStateAndReason() {
    SlurmState s = SlurmState.parse("picluster-slurm\nnode1|idle|none\nnode2|drained|disk full\n"
        + "node3|down*|Not responding\nnode1|idle|none\n", 0).orElseThrow();
    assertThat(s.answered()).isTrue();
    assertThat(s.nodes()).containsExactly(new SlurmState.Node("node1", "idle", ""),
        new SlurmState.Node("node2", "drained", "disk full"),
        new SlurmState.Node("node3", "down*", "Not responding"));
    assertThat(s.nodes().stream().map(SlurmState.Node::usable).toList())
        .isEqualTo(List.of(true, false, false));
    assertThat(SlurmStateTable.render(s)).isEqualTo("\nSLURM  STATE    REASON\n"
        + "node1  idle     -\nnode2  drained  disk full\nnode3  down*    Not responding\n");
  }

  @Test
  void aControllerThatDoesNotAnswerIsSaidWithSinfosWords() {
    SlurmState s = SlurmState.parse("picluster-slurm\nslurm_load_node: Unable to contact slurm"
        + " controller (connect failure)\n", 1).orElseThrow();
    assertThat(s.answered()).isFalse();
    assertThat(SlurmStateTable.render(s)).isEqualTo("\nSlurm: slurmctld does not answer"
        + " (slurm_load_node: Unable to contact slurm controller (connect failure))\n");
  }
}
