package io.picluster.cli;

import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.ClusterFile;
import io.picluster.setup.slurm.SlurmSetup;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code picluster slurm}: the Slurm scheduler on every node of the cluster file. */
@Command(
    name = "slurm",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Sets up Slurm on every node of the cluster file: writes /etc/slurm/slurm.conf (the master"
          + " as the controller, every node with the CPUs and memory that its own slurmd -C"
          + " reports, one default partition 'picluster' of all nodes), puts the master's munge"
          + " key (made if it has none) on every node (owner munge, mode 0400), and enables and"
          + " (re)starts munge, slurmctld on the master and slurmd everywhere; then proves it with"
          + " srun -N<all nodes> hostname.",
      "Needs Slurm installed on every node (sudo apt install slurmd slurm-client munge, and"
          + " slurmctld on the master), one Slurm version on all of them, and root on each: the"
          + " login user root, or sudo without a password (sudo -n). A node without systemd (a"
          + " container) gets its daemons started directly, not at boot.",
      "Safe to run again: files that are the same are not written, and daemons whose files did not"
          + " change are not restarted. --dry-run shows every file and command.",
      "Exit code: 0 when srun ran on every node, 1 if a node is not ready or a step failed"
          + " (each named with the fix), 2 for a usage error."
    })
final class SlurmCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--cluster",
      paramLabel = "FILE",
      description = "The cluster file (default: $PICLUSTER_CLUSTER, else"
          + " ~/.config/picluster/cluster.conf).")
  String cluster;

  @Option(
      names = "--dry-run",
      description = "Ask the nodes and show slurm.conf and every command, changing nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    Path file = cluster != null ? Path.of(cluster) : ClusterFile.defaultPath(System.getenv());
    Optional<Cluster> c;
    try {
      c = ClusterFile.readIfPresent(file);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), Main.oneLine(e));
    }
    if (c.isEmpty()) {
      throw new ParameterException(spec.commandLine(), (cluster != null
          ? file + ": no such cluster file" : "no cluster file at " + file)
          + "; write one with 'picluster init' (Slurm needs the master and the nodes)");
    }
    return new SlurmSetup(c.get(), spec.commandLine().getOut(), spec.commandLine().getErr())
        .run(dryRun);
  }
}
