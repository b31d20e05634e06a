package io.picluster.setup.doctor;

import io.picluster.setup.cluster.Ipv4Network;
import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import io.picluster.setup.status.NodeStatus;
import io.picluster.setup.status.StatusProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Canned probe output for the checks' tests: what the probes' scripts print on a healthy testbed
 * node, changed one thing at a time, parsed by the real parsers.
 */
final class Canned {
  static final Ipv4Network NET = Ipv4Network.parse("10.0.0.0/24");

  private Canned() {}

  static Node node(int k) {
    return new Node("node" + k, "10.0.0." + k, "pi");
  }

  static List<Node> nodes(int count) {
    List<Node> nodes = new ArrayList<>();
    for (int k = 1; k <= count; k++) {
      nodes.add(node(k));
    }
    return nodes;
  }

  /** A cluster file's scope: node1 the master, backbone 10.0.0.0/24 on eth0. */
  static DoctorScope scope(int count) {
    return new DoctorScope(nodes(count), Optional.of("node1"), Optional.of(NET),
        Optional.of("eth0"), Optional.empty(), true);
  }

  static Map<String, String> backbone(int count) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int k = 1; k <= count; k++) {
      m.put("node" + k, "10.0.0." + k);
    }
    return m;
  }

  static NodeShell.Result ok(Node n, String stdout) {
    return new NodeShell.Result(n, 0, stdout, "", false);
  }

  /** The facts probe's output on node K of COUNT healthy nodes, before any change. */
  static Facts facts(int k, int count) {
    return new Facts(k, count);
  }

  /** FactsProbe output, built line by line. */
  static final class Facts {
    final Node node;
    String hostname;
    final List<String> addr = new ArrayList<>();
    final Map<String, String> resolve = new LinkedHashMap<>();
    final List<String> program = new ArrayList<>();
    boolean ipTool = true;
    boolean getent = true;
    String preamble = "";

    Facts(int k, int count) {
      node = node(k);
      hostname = "node" + k;
      addr.add("1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft"
          + " forever");
      addr.add(k + 1 + ": eth0    inet 10.0.0." + k + "/24 brd 10.0.0.255 scope global eth0\\"
          + "       valid_lft forever preferred_lft forever");
      addr.add(k + 2 + ": wlan0    inet 192.168.50." + k + "/24 brd 192.168.50.255 scope global"
          + " wlan0\\       valid_lft forever preferred_lft forever");
      for (int i = 1; i <= count; i++) {
        resolve.put("node" + i, "10.0.0." + i + " 10.0.0." + i + " 10.0.0." + i + " ");
      }
    }

    Facts resolve(String name, String addresses) {
      resolve.put(name, addresses);
      return this;
    }

    Facts addr(String... lines) {
      addr.clear();
      addr.addAll(List.of(lines));
      return this;
    }

    Facts program(String... lines) {
      program.addAll(List.of(lines));
      return this;
    }

    String stdout() {
      StringBuilder b = new StringBuilder(preamble);
      b.append(FactsProbe.BEGIN).append('\n');
      b.append("hostname=").append(hostname).append('\n');
      if (ipTool) {
        b.append("addr_tool=ip\n");
        for (String a : addr) {
          b.append("addr=").append(a).append('\n');
        }
      }
      if (getent) {
        b.append("resolve_tool=getent\n");
        b.append("resolve ").append(hostname).append('=')
            .append(resolve.getOrDefault(hostname, "")).append('\n');
        for (Map.Entry<String, String> e : resolve.entrySet()) {
          b.append("resolve ").append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
      }
      for (String p : program) {
        b.append(p).append('\n');
      }
      b.append(FactsProbe.END).append('\n');
      return b.toString();
    }

    NodeFacts parse() {
      return FactsProbe.parse(node, ok(node, stdout()));
    }
  }

  /** Healthy facts for every node. */
  static List<NodeFacts> healthyFacts(int count) {
    List<NodeFacts> list = new ArrayList<>();
    for (int k = 1; k <= count; k++) {
      list.add(facts(k, count).parse());
    }
    return list;
  }

  /** A node whose ssh failed with these messages (exit 255). */
  static NodeFacts sshFailed(int k, String stderr) {
    Node n = node(k);
    return FactsProbe.parse(n, new NodeShell.Result(n, 255, "", stderr, false));
  }

  // ---- the status probe

  /** Our clock around the status probe's ssh call (µs since the epoch): 0.1 s in Nov 2023. */
  static final long START_MICROS = 1_700_000_000_000_000L;
  static final long END_MICROS = 1_700_000_000_100_000L;

  /** Status probe output for a healthy node K, with these key=value lines added (last wins). */
  static NodeStatus status(int k, String... extra) {
    return status(k, 0, extra);
  }

  /** As above, with the node's clock {@code offsetMs} ahead of ours. */
  static NodeStatus status(int k, long offsetMs, String... extra) {
    long startNanos = (START_MICROS + 20_000 + offsetMs * 1000) * 1000;
    long endNanos = (END_MICROS - 20_000 + offsetMs * 1000) * 1000;
    List<String> lines = new ArrayList<>(List.of(
        "picluster-probe-begin",
        "clock_start=" + startNanos,
        "hostname=node" + k,
        "arch=aarch64",
        "os_pretty_name=\"Debian GNU/Linux 12 (bookworm)\"",
        "temp_millic=48200",
        "throttled_vcgencmd=throttled=0x0",
        "java_path=/usr/bin/java",
        "java_version=JAVA_VERSION=\"17.0.15\"",
        "picluster_jar=/home/pi/.local/share/picluster/picluster.jar",
        "picluster_version=0.1.0",
        "picluster_sha256=" + "a".repeat(64)));
    lines.addAll(List.of(extra));
    lines.add("clock_end=" + endNanos);
    lines.add("picluster-probe-end");
    Node n = node(k);
    return StatusProbe.parse(n, ok(n, String.join("\n", lines) + "\n"), START_MICROS, END_MICROS,
        Duration.ofSeconds(5));
  }

  static List<NodeStatus> healthyStatuses(int count) {
    List<NodeStatus> list = new ArrayList<>();
    for (int k = 1; k <= count; k++) {
      list.add(status(k));
    }
    return list;
  }

  /** Only the checks of one verdict. */
  static List<Check> only(List<Check> checks, Verdict v) {
    return checks.stream().filter(c -> c.verdict() == v).toList();
  }
}
