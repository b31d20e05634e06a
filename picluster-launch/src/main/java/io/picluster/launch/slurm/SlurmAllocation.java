package io.picluster.launch.slurm;

import io.picluster.launch.LaunchException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Slurm allocation this process runs in ({@code salloc}, {@code sbatch}: {@code SLURM_JOB_ID}
 * set), as hosts and slots: the nodes of {@code SLURM_JOB_NODELIST} with the counts of
 * {@code SLURM_TASKS_PER_NODE} (one each when absent), as Hydra's Slurm resource manager reads them.
 */
public final class SlurmAllocation {
  private SlurmAllocation() {}

  /** Whether ENV is inside an allocation. */
  public static boolean inside(Map<String, String> env) {
    return isSet(env.get("SLURM_JOB_ID"))
        && (isSet(env.get("SLURM_JOB_NODELIST")) || isSet(env.get("SLURM_NODELIST")));
  }

  /** The allocation as a {@code --hosts} value ({@code node1:2,node2:2}), if inside one. */
  public static Optional<String> hostsOption(Map<String, String> env) throws LaunchException {
    if (!inside(env)) {
      return Optional.empty();
    }
    String list = nodeList(env);
    List<String> nodes = SlurmHostlist.expand(list);
    String counts = env.get("SLURM_TASKS_PER_NODE");
    List<Integer> slots = isSet(counts) ? SlurmTasksPerNode.expand(counts) : null;
    if (slots != null && slots.size() != nodes.size()) {
      throw new LaunchException("Slurm's SLURM_TASKS_PER_NODE (" + counts + ") does not match its "
          + nodes.size() + " nodes (" + list + ")");
    }
    StringBuilder hosts = new StringBuilder();
    for (int i = 0; i < nodes.size(); i++) {
      hosts.append(i == 0 ? "" : ",").append(nodes.get(i)).append(':').append(slots == null ? 1 : slots.get(i));
    }
    return Optional.of(hosts.toString());
  }

  /** The allocation's node names, in order; call only {@link #inside} one. */
  public static List<String> nodes(Map<String, String> env) throws LaunchException {
    return SlurmHostlist.expand(nodeList(env));
  }

  private static String nodeList(Map<String, String> env) {
    return isSet(env.get("SLURM_JOB_NODELIST")) ? env.get("SLURM_JOB_NODELIST") : env.get("SLURM_NODELIST");
  }

  private static boolean isSet(String v) {
    return v != null && !v.isBlank();
  }
}
