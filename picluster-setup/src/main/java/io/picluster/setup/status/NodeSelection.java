package io.picluster.setup.status;

import io.picluster.launch.hosts.Host;
import io.picluster.launch.hosts.HostList;
import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.ClusterFile;
import io.picluster.setup.cluster.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nodes a command works on: {@code --hosts} or {@code --hostfile} for ad-hoc use (each host
 * is a node named as given, reached as the user running picluster), else the cluster file
 * ({@code --cluster FILE}, else the default one). Bad input is an {@link IllegalArgumentException}
 * with a one-line message.
 *
 * @param nodes the nodes, in order
 * @param master the master's name when they come from a cluster file
 */
public record NodeSelection(List<Node> nodes, Optional<String> master) {
  public NodeSelection {
    nodes = List.copyOf(nodes);
  }

  public static NodeSelection resolve(String clusterFile, String hosts, String hostfile,
      Map<String, String> env) {
    int given = (clusterFile != null ? 1 : 0) + (hosts != null ? 1 : 0) + (hostfile != null ? 1 : 0);
    if (given > 1) {
      throw new IllegalArgumentException(
          "give the nodes one way: --cluster FILE, --hosts HOST,... or --hostfile FILE");
    }
    if (hosts != null || hostfile != null) {
      HostList list = hosts != null ? HostList.parseHostsOption(hosts)
          : HostList.readHostfile(Path.of(hostfile));
      String user = System.getProperty("user.name");
      List<Node> nodes = new ArrayList<>();
      for (Host h : list.hosts()) {
        nodes.add(new Node(h.name(), h.name(), user));
      }
      return new NodeSelection(nodes, Optional.empty());
    }
    Path file = clusterFile != null ? Path.of(clusterFile) : ClusterFile.defaultPath(env);
    Optional<Cluster> cluster = ClusterFile.readIfPresent(file);
    if (cluster.isEmpty()) {
      throw new IllegalArgumentException(clusterFile != null
          ? file + ": no such cluster file (write one with 'picluster init')"
          : "no cluster file at " + file + "; write one with 'picluster init', or name the nodes"
              + " with --hosts HOST,HOST...");
    }
    return new NodeSelection(cluster.get().nodes(), Optional.of(cluster.get().master()));
  }
}
