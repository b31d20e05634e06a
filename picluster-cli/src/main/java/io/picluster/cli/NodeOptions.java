package io.picluster.cli;

import io.picluster.setup.cluster.ClusterFile;
import io.picluster.setup.status.NodeSelection;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Which nodes a set-up command (status, install, doctor) works on: the cluster file's, or hosts
 * given as for {@code exec}.
 */
final class NodeOptions {
  @Option(
      names = "--cluster",
      paramLabel = "FILE",
      description = "The cluster file (default: $PICLUSTER_CLUSTER, else"
          + " ~/.config/picluster/cluster.conf).")
  String cluster;

  @Option(
      names = {"--hosts", "-hosts", "--host", "-host", "-H"},
      paramLabel = "HOSTS",
      description = "These hosts instead of the cluster file's nodes, comma-separated"
          + " (e.g. 10.0.0.1,10.0.0.2).")
  String hosts;

  @Option(
      names = {"-f", "--hostfile", "-hostfile"},
      paramLabel = "FILE",
      description = "The hosts in this hostfile instead (as for exec).")
  String hostfile;

  /** The nodes chosen; an IllegalArgumentException says what is wrong with the choice. */
  NodeSelection selection() {
    return NodeSelection.resolve(cluster, hosts, hostfile, System.getenv());
  }

  /** The cluster file in use when no hosts were given. */
  Path clusterFile() {
    return cluster != null ? Path.of(cluster) : ClusterFile.defaultPath(System.getenv());
  }
}
