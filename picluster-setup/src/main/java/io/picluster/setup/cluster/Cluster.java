package io.picluster.setup.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cluster as the cluster file describes it: its nodes, which one is the master, the backbone
 * network, and (optionally) the backbone interface every node uses.
 *
 * @param source the file it was read from (for messages), or null
 */
public record Cluster(
    Path source, Ipv4Network network, Optional<String> iface, String master, List<Node> nodes) {

  public Cluster {
    nodes = List.copyOf(nodes);
  }

  public Node masterNode() {
    return node(master).orElseThrow();
  }

  /** Every node but the master, in file order. */
  public List<Node> workers() {
    List<Node> w = new ArrayList<>();
    for (Node n : nodes) {
      if (!n.name().equals(master)) {
        w.add(n);
      }
    }
    return w;
  }

  public Optional<Node> node(String name) {
    for (Node n : nodes) {
      if (n.name().equals(name)) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }

  /** The nodes' addresses as a {@code --hosts} value, master first. */
  public String hostsOption() {
    StringBuilder b = new StringBuilder(masterNode().address());
    for (Node n : workers()) {
      b.append(',').append(n.address());
    }
    return b.toString();
  }
}
