package io.picluster.comm.internal;

import io.picluster.comm.CommException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Chooses the address a rank listens on and tells its peers: the interface named by
 * {@code PICLUSTER_IFACE} (or Hydra's {@code MPIR_CVAR_NEMESIS_TCP_NETWORK_IFACE}), else the
 * address inside {@code PICLUSTER_NETWORK} (a CIDR such as 10.0.0.0/24), else the local end of
 * the connection to the launcher, which is the interface that reaches the other hosts. Never
 * {@code InetAddress.getLocalHost()}: Debian maps the host name to 127.0.1.1.
 */
public final class BackboneAddress {
  private BackboneAddress() {}

  public static InetAddress choose(Map<String, String> env, InetAddress towardsLauncher) {
    String iface = firstSet(env.get("PICLUSTER_IFACE"), env.get("MPIR_CVAR_NEMESIS_TCP_NETWORK_IFACE"));
    if (iface != null) {
      return onInterface(iface);
    }
    String network = env.get("PICLUSTER_NETWORK");
    if (network != null && !network.isBlank()) {
      return inNetwork(network.trim());
    }
    return towardsLauncher;
  }

  static InetAddress onInterface(String name) {
    NetworkInterface nic;
    try {
      nic = NetworkInterface.getByName(name);
    } catch (SocketException e) {
      nic = null;
    }
    if (nic == null) {
      throw new CommException("--iface " + name + ": no such interface on this host (it has "
          + String.join(", ", interfaceNames()) + ")");
    }
    InetAddress fallback = null;
    for (InetAddress address : Collections.list(nic.getInetAddresses())) {
      if (address instanceof Inet4Address) {
        return address;
      }
      if (!address.isLinkLocalAddress()) {
        fallback = address;
      }
    }
    if (fallback == null) {
      throw new CommException("--iface " + name + ": the interface has no usable address; give it one "
          + "(picluster net) or choose another interface");
    }
    return fallback;
  }

  static InetAddress inNetwork(String cidr) {
    Cidr network = Cidr.parse(cidr);
    List<String> seen = new ArrayList<>();
    for (String name : interfaceNames()) {
      try {
        for (InterfaceAddress address : NetworkInterface.getByName(name).getInterfaceAddresses()) {
          if (network.contains(address.getAddress())) {
            return address.getAddress();
          }
          seen.add(address.getAddress().getHostAddress());
        }
      } catch (SocketException | NullPointerException e) {
        // an interface that vanished meanwhile
      }
    }
    throw new CommException("--network " + cidr + ": no address of this host lies in it (it has "
        + String.join(", ", seen) + "); set up the backbone (picluster net) or fix --network");
  }

  private static List<String> interfaceNames() {
    List<String> names = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        names.add(nic.getName());
      }
    } catch (SocketException e) {
      // none listed
    }
    return names;
  }

  private static String firstSet(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }

  /** An address block such as 10.0.0.0/24 or fd00::/64. */
  record Cidr(byte[] prefix, int bits) {
    static Cidr parse(String text) {
      int slash = text.indexOf('/');
      try {
        if (slash < 0) {
          throw new IllegalArgumentException();
        }
        byte[] prefix = InetAddress.getByName(text.substring(0, slash)).getAddress();
        int bits = Integer.parseInt(text.substring(slash + 1));
        if (bits < 0 || bits > prefix.length * 8 || !Character.isDigit(text.charAt(0)) && text.charAt(0) != '[' && !text.contains(":")) {
          throw new IllegalArgumentException();
        }
        return new Cidr(prefix, bits);
      } catch (UnknownHostException | IllegalArgumentException e) {
        throw new CommException("--network " + text + ": not a network in CIDR form; write it like 10.0.0.0/24");
      }
    }

    boolean contains(InetAddress address) {
      byte[] a = address.getAddress();
      if (a.length != prefix.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((a[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
