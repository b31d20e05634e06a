package io.picluster.launch.slurm;

import io.picluster.launch.LaunchException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slurm's per-node counts ({@code SLURM_TASKS_PER_NODE}, {@code SLURM_JOB_CPUS_PER_NODE}): a comma
 * list of {@code C} or {@code C(xR)} (C for each of R nodes), e.g. {@code 2(x3),1}, in node-list order.
 */
public final class SlurmTasksPerNode {
  private static final Pattern ITEM = Pattern.compile("([0-9]{1,6})(?:\\(x([0-9]{1,6})\\))?");

  private SlurmTasksPerNode() {}

  public static List<Integer> expand(String counts) throws LaunchException {
    List<Integer> out = new ArrayList<>();
    for (String part : counts.trim().split(",")) {
      String p = part.trim();
      Matcher m = ITEM.matcher(p);
      if (!m.matches()) {
        throw new LaunchException("cannot read Slurm's task counts '" + counts + "': '" + p
            + "' is not C or C(xR)");
      }
      int c = Integer.parseInt(m.group(1));
      int r = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
      for (int i = 0; i < r; i++) {
        out.add(c);
      }
    }
    return out;
  }
}
