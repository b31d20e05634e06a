package io.picluster.setup.keys;

import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.util.List;
import java.util.Map;

/**
 * How {@link ClusterKeys} reaches the nodes: scripts here (on the master) and over BatchMode ssh,
 * host-key scans, and the one password login per node. Tests replace it with a simulated cluster.
 */
interface KeyTransport extends AutoCloseable {
  /** Runs SCRIPT with ARGS here, on the master, as the user running picluster. */
  NodeShell.Result here(String script, List<String> args);

  /** Runs SCRIPT with ARGS on NODE over ssh in BatchMode (no password, no prompt). */
  NodeShell.Result on(Node node, String script, List<String> args);

  /** The nodes' ED25519 host keys as they answer now; a node that does not answer is missing. */
  Map<Node, PublicKeyLine> scanHostKeys(List<Node> nodes);

  /** Logs in to NODE once with PASSWORD and adds KEY to its authorized_keys. */
  NodeShell.Result installWithPassword(Node node, PublicKeyLine key, char[] password);

  @Override
  void close();
}
