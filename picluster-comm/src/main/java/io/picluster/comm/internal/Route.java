package io.picluster.comm.internal;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Which local address the kernel's routing table picks to reach a host. */
final class Route {
  private Route() {}

  /**
   * This host's address on the route to {@code ipLiteral}, or null if there is none. Connecting a
   * UDP socket only consults the routing table: no packet is sent.
   */
  static InetAddress localAddressTowards(String ipLiteral) {
    try (DatagramSocket probe = new DatagramSocket()) {
      probe.connect(new InetSocketAddress(InetAddress.getByName(ipLiteral), 9));
      InetAddress local = probe.getLocalAddress();
      return local == null || local.isAnyLocalAddress() ? null : local;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
