package io.picluster.setup.keys;

import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every node's ED25519 host key, fetched with {@code ssh-keyscan} over the backbone addresses in
 * one call (it asks all hosts at once, each within {@value #TIMEOUT_SECONDS} s).
 */
final class HostKeyScan {
  static final int TIMEOUT_SECONDS = 5;

  private HostKeyScan() {}

  /** The host key each node answered with; a node that did not answer is missing. */
  static Map<Node, PublicKeyLine> scan(Node here, List<Node> nodes) {
    List<String> command = new ArrayList<>(List.of(
        "ssh-keyscan", "-T", Integer.toString(TIMEOUT_SECONDS), "-t", "ed25519"));
    for (Node n : nodes) {
      command.add(n.address());
    }
    NodeShell.Result r = NodeShell.runCommand(here, command,
        Duration.ofSeconds(TIMEOUT_SECONDS * 2L + 20));
    return parse(nodes, r.stdout());
  }

  /** Reads ssh-keyscan's {@code HOST TYPE BASE64} lines for the nodes' addresses. */
  static Map<Node, PublicKeyLine> parse(List<Node> nodes, String keyscanOutput) {
    Map<String, PublicKeyLine> byHost = new LinkedHashMap<>();
    for (String line : keyscanOutput.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] w = line.strip().split("\\s+", 2);
      if (w.length == 2) {
        Optional<PublicKeyLine> key = PublicKeyLine.parse(w[1]);
        if (key.isPresent() && key.get().type().equals("ssh-ed25519")) {
          byHost.putIfAbsent(w[0], key.get());
        }
      }
    }
    Map<Node, PublicKeyLine> keys = new LinkedHashMap<>();
    for (Node n : nodes) {
      PublicKeyLine k = byHost.get(n.address());
      if (k != null) {
        keys.put(n, new PublicKeyLine(k.type(), k.blob(), ""));
      }
    }
    return keys;
  }
}
