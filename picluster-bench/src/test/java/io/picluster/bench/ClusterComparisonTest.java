package io.picluster.bench;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClusterComparisonTest {
  private static Outcome out(String stdout) {
    return new Outcome(0, stdout, "", 1);
  }

  @Test
  void eachNodeOnceInAnyOrderPasses() {
    assertThatCode(() -> ClusterComparison.eachNodeOnce(out("node3\nnode1\nnode4\nnode2\n"), 4))
        .doesNotThrowAnyException();
  }

  @Test
  void aMissingOrRepeatedNodeFails() {
    assertThatThrownBy(() -> ClusterComparison.eachNodeOnce(out("node1\nnode1\nnode3\nnode4\n"), 4))
        .isInstanceOf(RunFailed.class).hasMessageContaining("node1 2 times");
    assertThatThrownBy(() -> ClusterComparison.eachNodeOnce(out("node1\nnode2\nnode3\n"), 4))
        .isInstanceOf(RunFailed.class).hasMessageContaining("node4 0 times");
  }

  @Test
  void anExtraNodeFails() {
    assertThatThrownBy(
            () -> ClusterComparison.eachNodeOnce(out("node1\nnode2\nnode3\nnode4\nnode5\n"), 4))
        .isInstanceOf(RunFailed.class).hasMessageContaining("4 host names");
  }
}
