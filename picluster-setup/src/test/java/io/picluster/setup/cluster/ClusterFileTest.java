package io.picluster.setup.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The cluster file: what it means, and one exact line for each way it can be wrong. */
class ClusterFileTest {
  private static final Path FILE = Path.of("cluster.conf");

  private static final String GOOD = String.join("\n",
      "# four Pis", "network 10.0.0.0/24", "interface eth0", "user pi", "master node1",
      "node node1 10.0.0.1", "node node2 10.0.0.2   # the second",
      "node node3 10.0.0.3 user=alice", "node node4 10.0.0.4", "");

  @Test
  void readsNodesMasterNetworkInterfaceAndUsers() {
    Cluster c = ClusterFile.parse(FILE, GOOD);

    assertThat(c.network()).hasToString("10.0.0.0/24");
    assertThat(c.iface()).contains("eth0");
    assertThat(c.masterNode()).isEqualTo(new Node("node1", "10.0.0.1", "pi"));
    assertThat(c.workers()).extracting(Node::name).containsExactly("node2", "node3", "node4");
    assertThat(c.node("node3").orElseThrow().sshTarget()).isEqualTo("alice@10.0.0.3");
    assertThat(c.hostsOption()).isEqualTo("10.0.0.1,10.0.0.2,10.0.0.3,10.0.0.4");
  }

  @Test
  void whatItWritesReadsBackTheSame() {
    Cluster c = ClusterFile.parse(FILE, GOOD);

    assertThat(ClusterFile.parse(FILE, ClusterFile.format(c))).isEqualTo(c);
  }

  @Test
  void initsDraftIsAValidFile() {
    String text = ClusterDraft.text("10.0.0.0/24", 3, "pi", List.of(), "pi", null, null);

    Cluster c = ClusterFile.parse(FILE, text);
    assertThat(c.nodes()).extracting(Node::name).containsExactly("pi1", "pi2", "pi3");
    assertThat(c.nodes()).extracting(Node::address).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
    assertThat(c.master()).isEqualTo("pi1");
  }

  static Stream<Arguments> brokenFiles() {
    String head = "network 10.0.0.0/24\nmaster node1\nnode node1 10.0.0.1\n";
    return Stream.of(
        Arguments.of(head + "colour blue\n",
            "cluster.conf:4: unknown setting 'colour'; the settings are network, interface, user,"
                + " master and node"),
        Arguments.of("network 10.0.0.1/24\n",
            "cluster.conf:1: '10.0.0.1/24' is not a network; write it like 10.0.0.0/24 (an IPv4"
                + " network address, /8 to /30)"),
        Arguments.of(head + "node node2 10.0.0.x\n",
            "cluster.conf:4: '10.0.0.x' is not an IPv4 address; write the node's backbone"
                + " address, e.g. 10.0.0.2"),
        Arguments.of(head + "node node1 10.0.0.2\n",
            "cluster.conf:4: node node1 is already on line 3; give each node its own name"),
        Arguments.of(head + "node node2 10.0.0.1\n",
            "cluster.conf:4: 10.0.0.1 is already the address of the node on line 3; give each"
                + " node its own address"),
        Arguments.of(head + "node node2 192.168.1.2\n",
            "cluster.conf:4: node2's address 192.168.1.2 is outside the backbone 10.0.0.0/24;"
                + " give it an address in that network"),
        Arguments.of(head + "node node2 10.0.0.255\n",
            "cluster.conf:4: 10.0.0.255 is the broadcast address of 10.0.0.0/24; nodes need"
                + " 10.0.0.1 to 10.0.0.254"),
        Arguments.of(head + "node node2 10.0.0.0\n",
            "cluster.conf:4: 10.0.0.0 is the network's own address of 10.0.0.0/24; nodes need"
                + " 10.0.0.1 to 10.0.0.254"),
        Arguments.of(head + "network 10.1.0.0/16\n",
            "cluster.conf:4: 'network' is already set on line 1; keep one of the two lines"),
        Arguments.of(head + "user Pi!\n",
            "cluster.conf:4: 'Pi!' is not a login name; use lower-case letters, digits, '_' and"
                + " '-', e.g. pi"),
        Arguments.of(head + "node node_2 10.0.0.2\n",
            "cluster.conf:4: 'node_2' is not a host name; use letters, digits and '-', e.g. node2"),
        Arguments.of(head + "node node2 10.0.0.2 slots=4\n",
            "cluster.conf:4: unknown node option 'slots=4'; the only one is user=NAME"),
        Arguments.of("master node1\nnode node1 10.0.0.1\n",
            "cluster.conf: no 'network' line; add one like 'network 10.0.0.0/24'"),
        Arguments.of("network 10.0.0.0/24\nmaster node1\n",
            "cluster.conf: no nodes; add a line like 'node node1 10.0.0.1' for each machine,"
                + " the master included"),
        Arguments.of("network 10.0.0.0/24\nnode node1 10.0.0.1\n",
            "cluster.conf: no 'master' line; add 'master node1' (the node you run picluster on)"),
        Arguments.of("network 10.0.0.0/24\nmaster boss\nnode node1 10.0.0.1\n",
            "cluster.conf:2: the master boss is not one of the nodes; add a node line for it or"
                + " name one of [node1]"));
  }

  @ParameterizedTest
  @MethodSource("brokenFiles")
  void eachMistakeIsOneLineWithFileLineAndFix(String text, String message) {
    assertThatThrownBy(() -> ClusterFile.parse(FILE, text))
        .isInstanceOf(ClusterFileException.class)
        .hasMessage(message);
  }
}
