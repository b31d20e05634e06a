package io.picluster.launch;

import io.picluster.comm.CommException;
import io.picluster.comm.internal.BackboneAddress;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * The launcher's own address on the backbone, where ranks on other hosts reach its PMI server: by
 * the same rule as the ranks' ({@code --iface}, else {@code --network}, else the interface that
 * routes to the other hosts), so a Wi-Fi interface that holds the default route is never chosen
 * when the nodes sit on a wired subnet of their own.
 */
final class Backbone {
  private Backbone() {}

  static InetAddress launcherAddress(Map<String, String> env, String aRemoteHost)
      throws LaunchException {
    try {
      // With --iface or --network the route is not needed: a host known only to ~/.ssh/config works.
      InetAddress chosen = BackboneAddress.choose(env, null);
      return chosen != null ? chosen : routeTowards(aRemoteHost);
    } catch (CommException e) {
      throw new LaunchException(e.getMessage());
    }
  }

  /**
   * The local address the kernel would send from to reach {@code host}: connect(2) on a UDP
   * socket picks the route and sends nothing.
   */
  static InetAddress routeTowards(String host) throws LaunchException {
    InetAddress remote;
    try {
      remote = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new LaunchException("cannot resolve " + host + " to find the backbone address; add it"
          + " to /etc/hosts, give addresses in --hosts, or name the interface with --iface");
    }
    try (DatagramSocket probe = new DatagramSocket()) {
      probe.connect(remote, 9);
      InetAddress local = probe.getLocalAddress();
      if (local == null || local.isAnyLocalAddress()) {
        throw new LaunchException("no route from here to " + host + " (" + remote.getHostAddress()
            + "); check the backbone cable and address, or name the interface with --iface");
      }
      return local;
    } catch (IOException e) {
      throw new LaunchException("no route from here to " + host + " (" + remote.getHostAddress()
          + "): " + e.getMessage() + "; check the backbone, or name the interface with --iface");
    }
  }
}
