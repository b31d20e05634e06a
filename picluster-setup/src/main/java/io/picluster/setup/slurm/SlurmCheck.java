package io.picluster.setup.slurm;

import io.picluster.setup.cluster.Cluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the nodes can run the Slurm that {@code picluster slurm} sets up: Slurm and munge
 * installed (slurmctld and srun on the master), one Slurm version everywhere, hardware slurmd can
 * read, a way to root, distinct host names. Each problem is one line naming the node and the fix.
 */
public final class SlurmCheck {
  private SlurmCheck() {}

  public static List<String> problems(Cluster cluster, List<SlurmFacts> facts) {
    List<String> p = new ArrayList<>();
    SlurmFacts master = null;
    for (SlurmFacts f : facts) {
      if (f.node().name().equals(cluster.master())) {
        master = f;
      }
    }
    Map<String, String> hostnames = new HashMap<>();
    for (SlurmFacts f : facts) {
      String n = label(f);
      boolean isMaster = f == master;
      if (f.version().isEmpty()) {
        p.add(n + ": Slurm is not installed; install it there: sudo apt install "
            + (isMaster ? "slurmctld " : "") + "slurmd slurm-client munge");
        continue;
      }
      if (isMaster && !f.slurmctld()) {
        p.add(n + " is the controller but has no slurmctld; install it there: sudo apt install slurmctld");
      }
      if (isMaster && !f.srun()) {
        p.add(n + " has no srun; install it there: sudo apt install slurm-client");
      }
      if (!f.munged()) {
        p.add(n + ": munge is not installed; install it there: sudo apt install munge");
      }
      if (!f.knowsHardware()) {
        p.add(n + ": slurmd -C reported no CPUs and memory; run slurmd -C there to see why");
      }
      if (!f.root() && !f.sudo()) {
        p.add(n + ": sudo is not installed and " + f.node().user() + " is not root; install sudo"
            + " there (apt install sudo) and allow " + f.node().user() + " passwordless sudo");
      }
      String other = hostnames.putIfAbsent(f.slurmName(), f.node().name());
      if (other != null) {
        p.add(n + " calls itself " + f.slurmName() + " like " + other + "; Slurm needs a"
            + " different host name on every node (sudo hostnamectl set-hostname " + f.node().name()
            + " there)");
      }
    }
    if (master != null && master.version().isPresent()) {
      String want = master.version().get();
      for (SlurmFacts f : facts) {
        if (f.version().isPresent() && !f.version().get().equals(want)) {
          p.add(label(f) + " has Slurm " + f.version().get() + " but the controller " + master.node().name()
              + " has " + want + "; install Slurm " + want + " on " + f.node().name()
              + " (the same OS release as " + master.node().name() + " has it: sudo apt update &&"
              + " sudo apt install slurmd slurm-client), or upgrade every node alike");
        }
      }
    }
    return p;
  }

  static String label(SlurmFacts f) {
    return f.node().name() + " (" + f.node().address() + ")";
  }
}
