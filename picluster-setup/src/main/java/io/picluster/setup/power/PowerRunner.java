package io.picluster.setup.power;

import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.util.List;

/** Runs a node's power script: here for the master picluster runs on, else over ssh. */
@FunctionalInterface
public interface PowerRunner {
  /** Runs SCRIPT with ARGS ($1...) on NODE; HERE: on this machine, without ssh. */
  NodeShell.Result run(Node node, boolean here, String script, List<String> args);
}
