package io.picluster.setup.power;

import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The real {@link PowerRunner}: {@code sh -c} here, the system ssh (BatchMode) elsewhere. */
public final class SystemPowerRunner implements PowerRunner {
  /** A node that has not answered by then is reported; one that started its command is going down. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Override
  public NodeShell.Result run(Node node, boolean here, String script, List<String> args) {
    if (!here) {
      return NodeShell.run(node, script, args, TIMEOUT);
    }
    List<String> command = new ArrayList<>(List.of("sh", "-c", script, "picluster"));
    command.addAll(args);
    return NodeShell.runCommand(node, command, TIMEOUT);
  }
}
