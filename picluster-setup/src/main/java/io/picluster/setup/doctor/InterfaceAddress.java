package io.picluster.setup.doctor;

import io.picluster.setup.cluster.Ipv4Network;

/**
 * One IPv4 address of a node, as {@code ip -4 -o addr show} lists it:
 * {@code 2: eth0    inet 10.0.0.3/24 brd 10.0.0.255 scope global eth0\ valid_lft forever ...}.
 *
 * @param iface the interface, e.g. eth0 (without a veth's {@code @ifN})
 * @param address the address as an int (see {@link Ipv4Network})
 * @param prefix the prefix length, e.g. 24
 */
public record InterfaceAddress(String iface, int address, int prefix) {

  /** One line of {@code ip -4 -o addr show}; null if it is not an inet line. */
  public static InterfaceAddress parse(String line) {
    String[] w = line.strip().split("\\s+");
    for (int i = 2; i + 1 < w.length; i++) {
      if (w[i].equals("inet")) {
        String iface = w[1];
        int at = iface.indexOf('@');
        if (at > 0) {
          iface = iface.substring(0, at);
        }
        String cidr = w[i + 1];
        int slash = cidr.indexOf('/');
        Integer a = Ipv4Network.parseAddress(slash < 0 ? cidr : cidr.substring(0, slash));
        if (a == null) {
          return null;
        }
        int prefix = 32;
        if (slash >= 0) {
          try {
            prefix = Integer.parseInt(cidr.substring(slash + 1));
          } catch (NumberFormatException e) {
            return null;
          }
        }
        return new InterfaceAddress(iface, a, prefix);
      }
    }
    return null;
  }

  public boolean loopback() {
    return (address >>> 24) == 127;
  }

  /** {@code 10.0.0.3/24}. */
  public String cidr() {
    return Ipv4Network.format(address) + "/" + prefix;
  }

  /** {@code eth0 10.0.0.3/24}. */
  @Override
  public String toString() {
    return iface + " " + cidr();
  }
}
