package io.picluster.setup.slurm;

import io.picluster.setup.status.TextTable;
import java.util.List;

/**
 * The Slurm part of {@code picluster status}, after a blank line:
 *
 * <pre>
 * SLURM  STATE  REASON
 * node1  idle   -
 * node3  down*  Not responding
 * </pre>
 *
 * or one line saying that the controller does not answer.
 */
public final class SlurmStateTable {
  private SlurmStateTable() {}

  public static String render(SlurmState state) {
    if (!state.answered()) {
      return "\nSlurm: slurmctld does not answer (" + state.said() + ")\n";
    }
    TextTable t = new TextTable("SLURM", "STATE", "REASON");
    for (SlurmState.Node n : state.nodes()) {
      t.row(List.of(n.name(), n.state(), n.reason()));
    }
    return "\n" + t.render();
  }
}
