package io.picluster.setup.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.setup.cluster.Node;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The port probe for real, on this machine: "nodes" are loopback addresses (127.0.0.K all
 * belong to lo on Linux), and each node's probe is started by the sweep's own script under sh,
 * with this module's classes as the jar.
 */
class PortSweepTest {
  private static final String CLASSES = Path.of("target", "classes").toAbsolutePath().toString();

  @TempDir Path home;

  private Function<Node, List<String>> here(Map<String, String> backbone) {
    String java = Path.of(System.getProperty("java.home"), "bin").toString();
    return n -> List.of("env", "PATH=" + java + ":/usr/bin:/bin", "HOME=" + home,
        "XDG_DATA_HOME=" + home.resolve("data"), "XDG_CACHE_HOME=" + home.resolve("cache"),
        "sh", "-c", PortSweep.SCRIPT, "picluster", backbone.get(n.name()), "20", CLASSES);
  }

  private static Node node(int k) {
    return new Node("node" + k, "127.0.0." + (k + 10), "pi");
  }

  @Test
  void everyDirectedPairConnectsBothWays() throws Exception {
    List<Node> nodes = List.of(node(1), node(2), node(3));
    Map<String, String> backbone = new LinkedHashMap<>();
    nodes.forEach(n -> backbone.put(n.name(), n.address()));
    long start = System.nanoTime();
    PortReport r = PortSweep.run(nodes, backbone, here(backbone), Duration.ofSeconds(30),
        Duration.ofSeconds(10));
    System.out.printf("3 probes in %.1f s%n", (System.nanoTime() - start) / 1e9);
    assertThat(r.notProbed()).isEmpty();
    assertThat(r.cannotListen()).isEmpty();
    assertThat(r.pairs()).hasSize(6).allMatch(PortPair::ok);
    assertThat(r.pairs()).extracting(p -> p.from() + "->" + p.to()).containsExactly(
        "node1->node2", "node1->node3", "node2->node1", "node2->node3", "node3->node1",
        "node3->node2");
  }

  @Test
  void aNodeThatCannotListenOrHasNoProbeIsSaidSo() throws Exception {
    List<Node> nodes = List.of(node(1), node(2), node(3));
    Map<String, String> backbone = new LinkedHashMap<>();
    backbone.put("node1", "127.0.0.11");
    backbone.put("node2", "192.0.2.1"); // TEST-NET-1: no interface here has it
    backbone.put("node3", "127.0.0.13");
    Function<Node, List<String>> real = here(backbone);
    Function<Node, List<String>> command = n -> {
      if (!n.name().equals("node3")) {
        return real.apply(n);
      }
      List<String> noJar = new ArrayList<>(real.apply(n));
      noJar.set(noJar.size() - 1, home.resolve("no-such.jar").toString());
      return noJar;
    };
    PortReport r = PortSweep.run(nodes, backbone, command, Duration.ofSeconds(30),
        Duration.ofSeconds(10));
    assertThat(r.notProbed()).containsOnlyKeys("node3");
    assertThat(r.notProbed().get("node3")).isEqualTo("there is no picluster jar there (installed"
        + " or staged by a launch)");
    assertThat(r.cannotListen()).containsOnlyKeys("node2");
    assertThat(r.cannotListen().get("node2")).containsIgnoringCase("assign");
    // node2 could not listen, so only node2 -> node1 was tried, and it cannot use its address
    assertThat(r.pairs()).hasSize(1);
    PortPair p = r.pairs().get(0);
    assertThat(p.from()).isEqualTo("node2");
    assertThat(p.ok()).isFalse();
    assertThat(p.reason()).startsWith("cannot use 192.0.2.1 here");
  }

  @Test
  void theProbeReportsARefusedPortAndEndsWithItsInput() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closed = s.getLocalPort();
    }
    String in = "connect 127.0.0.1 " + closed + "\ngo\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PortProbe.run(InetAddress.getByName("127.0.0.1"),
        new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), out);
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines[0]).matches("picluster-port listening [0-9]+");
    assertThat(lines[1]).isEqualTo("picluster-port fail 127.0.0.1 " + closed
        + " connection refused (rejected: a firewall)");
    assertThat(lines[2]).isEqualTo("picluster-port done");
  }
}
