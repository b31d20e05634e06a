package io.picluster.setup.net;

import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.Ipv4Network;
import io.picluster.setup.cluster.Node;

/**
 * One node's backbone settings, which every generator renders: its address with the network's
 * prefix length, and the interface (the cluster file's, else eth0).
 */
public record NodeBackbone(Node node, Ipv4Network network, String iface) {
  /** The interface when the cluster file names none: a Pi's wired port. */
  public static final String DEFAULT_IFACE = "eth0";

  public static NodeBackbone of(Cluster cluster, Node node) {
    return new NodeBackbone(node, cluster.network(), cluster.iface().orElse(DEFAULT_IFACE));
  }

  /** {@code 10.0.0.2/24}. */
  public String addressWithPrefix() {
    return node.address() + "/" + network.bits();
  }
}
