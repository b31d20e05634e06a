package io.picluster.setup.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picluster.setup.cluster.ClusterFileException;
import io.picluster.setup.cluster.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which nodes status and install ask: --hosts, --hostfile or the cluster file. */
class NodeSelectionTest {
  @TempDir Path dir;

  private Path clusterFile() throws Exception {
    return Files.writeString(dir.resolve("cluster.conf"), "network 10.0.0.0/24\nuser pi\n"
        + "master node1\nnode node1 10.0.0.1\nnode node2 10.0.0.2 user=alice\n");
  }

  @Test
  void theClusterFileGivesNodesUsersAndMaster() throws Exception {
    NodeSelection s = NodeSelection.resolve(clusterFile().toString(), null, null, Map.of());
    assertThat(s.nodes()).containsExactly(new Node("node1", "10.0.0.1", "pi"),
        new Node("node2", "10.0.0.2", "alice"));
    assertThat(s.master()).contains("node1");
  }

  @Test
  void theDefaultClusterFileComesFromTheEnvironment() throws Exception {
    Path f = clusterFile();
    NodeSelection s = NodeSelection.resolve(null, null, null, Map.of("PICLUSTER_CLUSTER", f.toString()));
    assertThat(s.nodes()).hasSize(2);
  }

  @Test
  void hostsAreNodesNamedAsGivenReachedAsThisUser() throws Exception {
    NodeSelection s = NodeSelection.resolve(null, "10.0.0.3,node4:2,10.0.0.3", null, Map.of());
    String me = System.getProperty("user.name");
    assertThat(s.nodes()).containsExactly(new Node("10.0.0.3", "10.0.0.3", me),
        new Node("node4", "node4", me));
    assertThat(s.master()).isEmpty();

    Path hostfile = Files.writeString(dir.resolve("hosts"), "10.0.0.5:4\n# c\nnode6 slots=2\n");
    assertThat(NodeSelection.resolve(null, null, hostfile.toString(), Map.of()).nodes())
        .extracting(Node::name).containsExactly("10.0.0.5", "node6");
  }

  @Test
  void badInputIsOneLine() throws Exception {
    assertThatThrownBy(() -> NodeSelection.resolve(clusterFile().toString(), "a", null, Map.of()))
        .hasMessage("give the nodes one way: --cluster FILE, --hosts HOST,... or --hostfile FILE");
    Path missing = dir.resolve("nope.conf");
    assertThatThrownBy(() -> NodeSelection.resolve(missing.toString(), null, null, Map.of()))
        .hasMessage(missing + ": no such cluster file (write one with 'picluster init')");
    assertThatThrownBy(() -> NodeSelection.resolve(null, null, null,
        Map.of("PICLUSTER_CLUSTER", missing.toString())))
        .hasMessage("no cluster file at " + missing + "; write one with 'picluster init', or name"
            + " the nodes with --hosts HOST,HOST...");
    Path bad = Files.writeString(dir.resolve("bad.conf"), "network 10.0.0.0/24\nmaster x\nfoo 1\n");
    assertThatThrownBy(() -> NodeSelection.resolve(bad.toString(), null, null, Map.of()))
        .isInstanceOf(ClusterFileException.class).hasMessageContaining("bad.conf:3:");
    assertThatThrownBy(() -> NodeSelection.resolve(null, "a,,b", null, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("\n");
  }
}
