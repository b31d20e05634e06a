package io.picluster.setup.power;

import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * Which nodes go down in which order and with what command: the workers first, all at once, then
 * the master, so that nothing is left running that the master would have to reach.
 *
 * @param masterIsHere whether picluster runs on the master (then its command runs here, not over
 *     ssh)
 * @param commandPrefix what runs on each node with the action's verb after it: {@value
 *     #DEFAULT_PREFIX} unless a test (or an unusual system) says otherwise
 */
public record PowerPlan(PowerAction action, List<Node> workers, Node master, boolean masterIsHere,
    String commandPrefix) {
  /** sudo without asking (-n: fail at once instead of waiting for a password nobody can type). */
  public static final String DEFAULT_PREFIX = "sudo -n systemctl";

  /** Printed before the command's exit status when it got as far as starting the command. */
  static final String STARTED = "picluster-power-command-started";

  public PowerPlan {
    workers = List.copyOf(workers);
  }

  public static PowerPlan of(PowerAction action, Cluster cluster, boolean masterIsHere,
      String commandPrefix) {
    return new PowerPlan(action, cluster.workers(), cluster.masterNode(), masterIsHere,
        commandPrefix);
  }

  /** The command each node runs: {@code sudo -n systemctl poweroff}. */
  public String command() {
    return commandPrefix + " " + action.verb();
  }

  /** The script each node is given: says it got that far, then runs the command. */
  String script() {
    return "echo " + STARTED + "\n" + commandPrefix + " \"$1\"";
  }

  /** {@code Shut down node2, node3, node4, then node1? [y/N] }. */
  public String question() {
    StringBuilder b = new StringBuilder(action.question()).append(' ');
    List<String> names = new ArrayList<>();
    for (Node w : workers) {
      names.add(w.name());
    }
    if (!names.isEmpty()) {
      b.append(String.join(", ", names)).append(", then ");
    }
    b.append(master.name()).append(masterIsHere ? " (this machine)" : "").append("? [y/N] ");
    return b.toString();
  }

  /** What a dry run prints: each node and the command it would run, in order. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    if (!workers.isEmpty()) {
      lines.add("Would run, on all workers at once:");
      for (Node w : workers) {
        lines.add("  " + w.name() + ": ssh " + w.sshTarget() + " " + command());
      }
      lines.add("then, when every worker has accepted it, on the master:");
    } else {
      lines.add("Would run on the master (there are no workers):");
    }
    lines.add("  " + master.name() + ": " + (masterIsHere ? command() + "   (here)"
        : "ssh " + master.sshTarget() + " " + command()));
    return lines;
  }
}
