package io.picluster.setup.slurm;

import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.Node;
import java.util.List;

/**
 * The slurm.conf that {@code picluster slurm} writes, the same file on every node: the master as
 * the controller, every node with the CPUs and memory it reported itself ({@code slurmd -C}), and
 * one default partition of all nodes. Paths are Debian's (the packages' systemd units expect its
 * PID files); process tracking by the parent chain (proctrack/linuxproc) and no task plugin, which
 * need no cgroup set-up (Raspberry Pi OS turns the memory cgroup off); no accounting database.
 */
public final class SlurmConf {
  /** Where the file goes on every node. */
  public static final String PATH = "/etc/slurm/slurm.conf";
  /** The partition every node is in, the default for jobs. */
  public static final String PARTITION = "picluster";

  private SlurmConf() {}

  /**
   * @param facts every node's facts, in the cluster file's order; the master's among them
   */
  public static String render(Cluster cluster, List<SlurmFacts> facts) {
    SlurmFacts master = null;
    for (SlurmFacts f : facts) {
      if (f.node().name().equals(cluster.master())) {
        master = f;
      }
    }
    if (master == null) {
      throw new IllegalArgumentException("no facts about the master " + cluster.master());
    }
    StringBuilder b = new StringBuilder();
    b.append("# Written by picluster slurm from ")
        .append(cluster.source() == null ? "the cluster file" : cluster.source().toString())
        .append(".\n# Run picluster slurm again after changing the cluster; edits here are replaced.\n");
    line(b, "ClusterName", "picluster");
    line(b, "SlurmctldHost", master.slurmName() + "(" + master.node().address() + ")");
    line(b, "AuthType", "auth/munge");
    line(b, "CredType", "cred/munge");
    line(b, "SlurmUser", "slurm");
    line(b, "SlurmdUser", "root");
    line(b, "StateSaveLocation", "/var/lib/slurm/slurmctld");
    line(b, "SlurmdSpoolDir", "/var/lib/slurm/slurmd");
    line(b, "SlurmctldPidFile", "/run/slurmctld.pid");
    line(b, "SlurmdPidFile", "/run/slurmd.pid");
    line(b, "SlurmctldLogFile", "/var/log/slurm/slurmctld.log");
    line(b, "SlurmdLogFile", "/var/log/slurm/slurmd.log");
    line(b, "ProctrackType", "proctrack/linuxproc");
    line(b, "TaskPlugin", "task/none");
    line(b, "SwitchType", "switch/none");
    line(b, "MpiDefault", "none");
    line(b, "SchedulerType", "sched/backfill");
    line(b, "SelectType", "select/cons_tres");
    line(b, "SelectTypeParameters", "CR_Core");
    // A node that was down (rebooted, unplugged) comes back by itself once its slurmd registers.
    line(b, "ReturnToService", "2");
    line(b, "AccountingStorageType", "accounting_storage/none");
    line(b, "JobAcctGatherType", "jobacct_gather/none");
    line(b, "JobCompType", "jobcomp/none");
    line(b, "SlurmdTimeout", "120");
    line(b, "InactiveLimit", "0");
    line(b, "KillWait", "5");
    for (SlurmFacts f : facts) {
      Node n = f.node();
      b.append("NodeName=").append(f.slurmName()).append(" NodeAddr=").append(n.address())
          .append(' ').append(f.hardwareLine()).append(" State=UNKNOWN\n");
    }
    b.append("PartitionName=").append(PARTITION)
        .append(" Nodes=ALL Default=YES MaxTime=INFINITE State=UP\n");
    return b.toString();
  }

  private static void line(StringBuilder b, String key, String value) {
    b.append(key).append('=').append(value).append('\n');
  }
}
