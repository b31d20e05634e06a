package io.picluster.setup.net;

import io.picluster.setup.cluster.Ipv4Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A node's Wi-Fi address and subnet, which the backbone must not overlap (the node would not know
 * which interface reaches a peer). Read from {@code ip -4 -o addr show}, keeping the wireless
 * interfaces: those named {@code wlan*} and those the kernel marks as wireless
 * ({@code /sys/class/net/IF/wireless}).
 *
 * @param iface the interface, e.g. wlan0
 * @param address its address with the prefix, e.g. 192.168.1.23/24
 * @param subnet the network it is on, e.g. 192.168.1.0/24
 */
public record WifiSubnet(String iface, String address, Ipv4Network subnet) {

  /**
   * The wireless interfaces' IPv4 subnets in {@code ip -4 -o addr show} output.
   *
   * @param wireless interfaces known to be wireless besides those named wlan*
   */
  public static List<WifiSubnet> parse(String ipOutput, Set<String> wireless) {
    List<WifiSubnet> found = new ArrayList<>();
    for (String line : ipOutput.split("\n")) {
      String[] w = line.trim().split("\\s+");
      // "3: wlan0    inet 192.168.1.23/24 brd 192.168.1.255 scope global dynamic wlan0\ ..."
      if (w.length < 4 || !w[0].endsWith(":") || !w[2].equals("inet")) {
        continue;
      }
      String iface = w[1];
      int at = iface.indexOf('@');
      if (at > 0) {
        iface = iface.substring(0, at);
      }
      if (!iface.startsWith("wlan") && !wireless.contains(iface)) {
        continue;
      }
      Ipv4Network subnet = subnetOf(w[3]);
      if (subnet != null) {
        found.add(new WifiSubnet(iface, w[3], subnet));
      }
    }
    return found;
  }

  /**
   * The subnet of {@code a.b.c.d/n} (host bits may be set, any n from 0 to 32), or of a network
   * given that way; null if it is neither.
   */
  public static Ipv4Network subnetOf(String addressWithPrefix) {
    int slash = addressWithPrefix.indexOf('/');
    if (slash < 0) {
      return null;
    }
    Integer a = Ipv4Network.parseAddress(addressWithPrefix.substring(0, slash));
    String n = addressWithPrefix.substring(slash + 1);
    if (a == null || !n.matches("[0-9]{1,2}") || Integer.parseInt(n) > 32) {
      return null;
    }
    int bits = Integer.parseInt(n);
    int mask = bits == 0 ? 0 : -1 << (32 - bits);
    return new Ipv4Network(a & mask, bits);
  }
}
