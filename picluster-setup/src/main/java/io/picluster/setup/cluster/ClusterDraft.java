package io.picluster.setup.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code picluster init} is asked for, turned into a cluster file's text. The text is then
 * parsed back with {@link ClusterFile#parse}, so init can never write a file the other commands
 * would refuse.
 */
public final class ClusterDraft {
  private ClusterDraft() {}

  /**
   * @param network the backbone, e.g. 10.0.0.0/24
   * @param count how many nodes named PREFIX1..PREFIXn at the network's first addresses (used when
   *     {@code nodes} is empty)
   * @param nodes explicit {@code NAME=ADDRESS} entries
   * @param master the master's name; null means the first node
   */
  public static String text(String network, int count, String prefix, List<String> nodes,
      String user, String master, String iface) {
    Ipv4Network net = Ipv4Network.parse(network);
    if (net == null) {
      throw new ClusterFileException("--network " + network + ": not a network; write it like"
          + " 10.0.0.0/24 (an IPv4 network address, /8 to /30)");
    }
    List<String[]> entries = new ArrayList<>();
    if (nodes.isEmpty()) {
      if (count < 1 || count > net.broadcast() - net.base() - 1) {
        throw new ClusterFileException("--nodes " + count + ": give 1 to "
            + (net.broadcast() - net.base() - 1) + " nodes for " + net);
      }
      for (int i = 1; i <= count; i++) {
        entries.add(new String[] {prefix + i, Ipv4Network.format(net.host(i))});
      }
    } else {
      for (String n : nodes) {
        int eq = n.indexOf('=');
        if (eq <= 0 || eq == n.length() - 1) {
          throw new ClusterFileException("--node " + n + ": write it as NAME=ADDRESS, e.g."
              + " node2=" + Ipv4Network.format(net.host(2)));
        }
        entries.add(new String[] {n.substring(0, eq), n.substring(eq + 1)});
      }
    }
    StringBuilder b = new StringBuilder(ClusterFile.HEADER);
    b.append("network ").append(net).append('\n');
    if (iface != null) {
      b.append("interface ").append(iface).append('\n');
    }
    b.append("user ").append(user).append('\n');
    b.append("master ").append(master != null ? master : entries.get(0)[0]).append('\n');
    for (String[] e : entries) {
      b.append("node ").append(e[0]).append(' ').append(e[1]).append('\n');
    }
    return b.toString();
  }
}
