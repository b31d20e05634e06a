package io.picluster.launch;

import io.picluster.comm.CommException;
import io.picluster.comm.internal.BackboneAddress;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an MPICH program needs in its environment to talk over the backbone, the way picluster's
 * own ranks do (--iface, else --network, else the interface that reaches the launcher). Set for the
 * ranks of a job that spans hosts (on every host: this one by the launcher, the others by their
 * agent, each for its own interfaces) and of any job given --iface or --network:
 *
 * <ul>
 *   <li>{@code UCX_NET_DEVICES=IF}: Debian's and Raspberry Pi OS's MPICH 4.0 is ch4:ucx, and UCX's
 *       TCP transport otherwise uses every interface that is up and splits the traffic between them:
 *       measured on the testbed, {@code tag(tcp/eth0 tcp/wlan0)}, the Wi-Fi included. It limits the
 *       network devices only, so ranks on one host still share memory.
 *   <li>{@code MPIR_CVAR_CH3_INTERFACE_HOSTNAME=ADDRESS}: what {@code mpiexec.hydra} gives every
 *       rank (there as the -hosts entry, here as the address itself). ch3 builds of MPICH advertise
 *       it to their peers; without it they advertise {@code gethostname()}, which Debian maps to
 *       127.0.1.1. ch4 ignores it.
 * </ul>
 *
 * <p>A variable already in the rank's environment (the user's own, or {@code -genv}) is left as
 * it is. Nothing is added when the route to the launcher is loopback (every rank on this machine)
 * unless --iface or --network chose it, nor when no interface can be told (--network names no
 * network of this host); an --iface this host lacks is passed on as named, and UCX says so.
 */
public final class MpichBackbone {
  static final String UCX_NET_DEVICES = "UCX_NET_DEVICES";
  static final String CH3_INTERFACE_HOSTNAME = "MPIR_CVAR_CH3_INTERFACE_HOSTNAME";

  private MpichBackbone() {}

  /**
   * The variables to add to a rank's environment.
   *
   * @param env the rank's whole environment so far (its host's, the job's, PMI's)
   * @param towardsLauncher this host's end of the route to the launcher, or null if unknown
   */
  public static Map<String, String> additions(Map<String, String> env, InetAddress towardsLauncher) {
    Choice c = choose(env, towardsLauncher);
    Map<String, String> add = new LinkedHashMap<>();
    if (c.iface() == null) {
      return add;
    }
    if (!isSet(env, UCX_NET_DEVICES)) {
      add.put(UCX_NET_DEVICES, c.iface());
    }
    if (c.address() != null && !isSet(env, CH3_INTERFACE_HOSTNAME)) {
      add.put(CH3_INTERFACE_HOSTNAME, c.address().getHostAddress());
    }
    return add;
  }

  /**
   * The backbone interface by the rule above (Open MPI's ranks keep their TCP to it too, see
   * {@link io.picluster.launch.openmpi.OpenMpiBridge}), or null when there is none to name.
   */
  public static String backboneInterface(Map<String, String> env, InetAddress towardsLauncher) {
    return choose(env, towardsLauncher).iface();
  }

  /** The interface and this host's address on it; a null interface when there is nothing to set. */
  private record Choice(String iface, InetAddress address) {}

  private static Choice choose(Map<String, String> env, InetAddress towardsLauncher) {
    String named = firstSet(env.get("PICLUSTER_IFACE"), env.get("MPIR_CVAR_NEMESIS_TCP_NETWORK_IFACE"));
    InetAddress address;
    try {
      address = BackboneAddress.choose(env, towardsLauncher);
    } catch (CommException noSuchInterfaceOrNetworkHere) {
      address = null;
    }
    String iface = named != null ? named : interfaceOf(address);
    boolean usersChoice = named != null || firstSet(env.get("PICLUSTER_NETWORK")) != null;
    if (iface == null || (!usersChoice && address.isLoopbackAddress())) {
      return new Choice(null, address);
    }
    return new Choice(iface, address);
  }

  /**
   * This host's address on the route to {@code PMI_PORT}'s host ({@code host:port}, IPv6 in
   * brackets), or null if it cannot be told: connect(2) on a UDP socket picks the route and sends
   * nothing.
   */
  static InetAddress towardsLauncher(String pmiPort) {
    return towardsLauncher(pmiPort, null, null);
  }

  /**
   * {@link #towardsLauncher(String)}, told that a connection from this host's {@code local} address
   * reaches {@code connectedTo}: when {@code PMI_PORT} names that address, the route's end is
   * {@code local}, with no probe.
   */
  public static InetAddress towardsLauncher(String pmiPort, InetAddress connectedTo, InetAddress local) {
    if (pmiPort == null) {
      return null;
    }
    int colon = pmiPort.lastIndexOf(':');
    String host = colon < 0 ? pmiPort : pmiPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty()) {
      return null;
    }
    try {
      InetAddress remote = InetAddress.getByName(host);
      if (local != null && remote.equals(connectedTo)) {
        return local;
      }
      try (DatagramSocket probe = new DatagramSocket()) {
        probe.connect(remote, 9);
        InetAddress end = probe.getLocalAddress();
        return end == null || end.isAnyLocalAddress() ? null : end;
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The name of the interface that holds {@code address} (an alias's parent), or null. */
  static String interfaceOf(InetAddress address) {
    if (address == null) {
      return null;
    }
    try {
      NetworkInterface nic = NetworkInterface.getByInetAddress(address);
      while (nic != null && nic.getParent() != null) {
        nic = nic.getParent();
      }
      return nic == null ? null : nic.getName();
    } catch (SocketException e) {
      return null;
    }
  }

  private static boolean isSet(Map<String, String> env, String name) {
    String v = env.get(name);
    return v != null && !v.isBlank();
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
