package io.picluster.setup.net;

import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.Ipv4Network;
import io.picluster.setup.cluster.Node;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks before any file is written: every node has a usable, unique address in the backbone,
 * and the backbone stays clear of the nodes' Wi-Fi. (The cluster file's reader refuses most of
 * this already, naming the line; these checks hold for a cluster built any other way too.)
 */
public final class BackboneCheck {
  /** Backbones to suggest instead of one that collides with a Wi-Fi, in order. */
  private static final List<String> SUGGESTIONS =
      List.of("10.0.0.0/24", "10.42.0.0/24", "172.16.0.0/24", "192.168.100.0/24");

  private BackboneCheck() {}

  /** Refuses network or broadcast addresses, addresses outside the backbone and duplicates. */
  public static void cluster(Cluster cluster) {
    Ipv4Network net = cluster.network();
    Map<Integer, String> byAddress = new HashMap<>();
    Map<String, String> byName = new HashMap<>();
    for (Node n : cluster.nodes()) {
      Integer a = Ipv4Network.parseAddress(n.address());
      if (a == null) {
        throw new NetConfigException(n.name() + "'s address '" + n.address() + "' is not an IPv4"
            + " address; give it one in " + net + " in the cluster file");
      }
      if (!net.contains(a)) {
        throw new NetConfigException(n.name() + "'s address " + n.address() + " is outside the"
            + " backbone " + net + "; give it an address in that network in the cluster file");
      }
      if (!net.isHostAddress(a)) {
        throw new NetConfigException(n.name() + "'s address " + n.address() + " is the "
            + (a == net.base() ? "network's own" : "broadcast") + " address of " + net
            + "; give it one of " + Ipv4Network.format(net.host(1)) + " to "
            + Ipv4Network.format(net.broadcast() - 1) + " in the cluster file");
      }
      String other = byAddress.put(a, n.name());
      if (other != null) {
        throw new NetConfigException(other + " and " + n.name() + " both have the address "
            + n.address() + "; give each node its own address in the cluster file");
      }
      if (byName.put(n.name().toLowerCase(java.util.Locale.ROOT), n.name()) != null) {
        throw new NetConfigException("node " + n.name() + " is in the cluster file twice; give"
            + " each node its own name");
      }
    }
  }

  /** Refuses a backbone that overlaps one of {@code node}'s Wi-Fi subnets. */
  public static void wifi(Cluster cluster, Node node, List<WifiSubnet> wifi) {
    Ipv4Network net = cluster.network();
    for (WifiSubnet w : wifi) {
      if (net.overlaps(w.subnet())) {
        throw new NetConfigException("the backbone " + net + " overlaps " + node.name()
            + "'s Wi-Fi subnet " + w.subnet() + " (" + w.iface() + " " + w.address() + "); pick a"
            + " backbone apart from the Wi-Fi in the cluster file, e.g. "
            + suggestion(net, wifi));
      }
    }
  }

  private static String suggestion(Ipv4Network taken, List<WifiSubnet> wifi) {
    for (String s : SUGGESTIONS) {
      Ipv4Network c = Ipv4Network.parse(s);
      if (!c.overlaps(taken) && wifi.stream().noneMatch(w -> w.subnet().overlaps(c))) {
        return s;
      }
    }
    return "10.99.0.0/24";
  }
}
