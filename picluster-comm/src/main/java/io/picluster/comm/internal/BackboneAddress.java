package io.picluster.comm.internal;

import io.picluster.comm.CommException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
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
          + "or choose another interface");
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
        + String.join(", ", seen) + "); give an interface an address there or fix --network");
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
}
