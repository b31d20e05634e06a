package io.picluster.setup.doctor;

import io.picluster.setup.cluster.Node;
import io.picluster.setup.slurm.SlurmState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Check 9, only where Slurm is set up on the master: the controller answers, and every node is in
 * a state that takes jobs (idle, allocated, mixed). A node that is down, drained or not responding
 * fails with Slurm's reason and the fix; a node of the cluster that Slurm does not know is a
 * warning (picluster slurm adds it).
 */
public final class SlurmNodesCheck {
  public static final String NAME = "slurm";

  private SlurmNodesCheck() {}

  public static List<Check> check(DoctorScope scope, SlurmState state, Set<String> skip) {
    List<Check> checks = new ArrayList<>();
    String master = scope.master().orElse("the master");
    if (!state.answered()) {
      checks.add(Check.fail(NAME, master, "slurmctld does not answer (" + state.said() + ")",
          "start it on " + master + ": sudo systemctl restart slurmctld (its log:"
              + " /var/log/slurm/slurmctld.log), or run picluster slurm"));
      return checks;
    }
    for (Node n : scope.nodes()) {
      if (skip.contains(n.name())) {
        continue;
      }
      SlurmState.Node s = state.nodes().stream().filter(x -> x.name().equals(n.name())).findFirst()
          .orElse(null);
      if (s == null) {
        checks.add(Check.warn(NAME, n.name(), "Slurm does not know this node",
            "run picluster slurm to add it"));
      } else if (s.usable()) {
        checks.add(Check.ok(NAME, n.name(), "Slurm: " + s.state()));
      } else {
        checks.add(Check.fail(NAME, n.name(), "Slurm: " + s.state()
                + (s.reason().isEmpty() ? "" : " (" + s.reason() + ")"),
            "find the cause in /var/log/slurm/slurmd.log on " + n.name() + " (sudo systemctl"
                + " restart slurmd there if it is not running), then: sudo scontrol update"
                + " nodename=" + n.name() + " state=resume"));
      }
    }
    return checks;
  }
}
