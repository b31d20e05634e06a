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

  /**
   * The address a rank listens on and tells its peers, by {@link #choose}'s rule, made safe for
   * ranks started by MPICH's Hydra. There the PMI connection ends at Hydra's proxy on this very
   * host, and it is no TCP connection at all with {@code PMI_FD}, so its local end says nothing
   * about the backbone (on a Pi it is loopback: the proxy's {@code PMI_PORT} names the host, which
   * Debian maps to 127.0.1.1). When that end is loopback or missing:
   *
   * <ul>
   *   <li>no Hydra hints, an inherited PMI_FD and a Slurm step over several nodes ({@code srun
   *       --mpi=pmi2}): the address on the route to srun ({@link #towardsSrun});
   *   <li>every rank on this host ({@code MPI_LOCALNRANKS} equals the job's size): loopback;
   *   <li>else the address Hydra reached this host by ({@code MPIR_CVAR_CH3_INTERFACE_HOSTNAME}: the
   *       {@code -hosts} entry), if it is one of this host's own: as given when an IP address
   *       (127.0.0.2 for {@code -launcher fork} tests too), else the first non-loopback one it
   *       resolves to;
   *   <li>else, with ranks on other hosts, a one-line error asking for {@code -iface}: a loopback
   *       address given to peers elsewhere would send them to themselves.
   * </ul>
   *
   * @param towardsLauncher the local end of the PMI connection, or null for an inherited PMI_FD
   * @param size the number of ranks in the job
   */
  public static InetAddress forRank(Map<String, String> env, InetAddress towardsLauncher, int size) {
    InetAddress chosen = choose(env, towardsLauncher);
    if (chosen != null && !chosen.isLoopbackAddress()) {
      return chosen;
    }
    if (chosen != null && chosen != towardsLauncher) {
      return chosen; // the user's own --iface lo / --network 127.0.0.0/8
    }
    Integer local = count(env.get("MPI_LOCALNRANKS"));
    if (local == null) {
      InetAddress slurm = towardsLauncher == null ? towardsSrun(env) : null;
      if (slurm != null) {
        return slurm;
      }
      // No process manager told us where the others run: the launcher's rule as before.
      return chosen != null ? chosen : InetAddress.getLoopbackAddress();
    }
    if (local >= size) {
      return chosen != null ? chosen : InetAddress.getLoopbackAddress();
    }
    String hint = env.get("MPIR_CVAR_CH3_INTERFACE_HOSTNAME");
    InetAddress own = hint == null || hint.isBlank() ? null : ownAddressNamed(hint.trim());
    if (own != null) {
      return own;
    }
    throw new CommException("this rank's peers run on other hosts, and it cannot tell which of its "
        + "addresses they reach it at" + (hint == null ? "" : " (mpiexec calls this host '" + hint + "'"
        + (towardsLauncher == null ? "" : ", and the PMI connection is on " + towardsLauncher.getHostAddress())
        + ")") + "; give mpiexec -iface eth0 (the backbone interface), or -hosts as IP addresses");
  }

  /**
   * Under {@code srun} (no Hydra hints): on a step over several nodes, this host's address on the
   * route to srun ({@code SLURM_LAUNCH_NODE_IPADDR}, else {@code SLURM_SRUN_COMM_HOST}), which is
   * the network every node of the step shares with srun; null when the step has one node (loopback
   * serves) or Slurm gave no usable address.
   */
  static InetAddress towardsSrun(Map<String, String> env) {
    Integer nodes = count(firstSet(env.get("SLURM_STEP_NUM_NODES"), env.get("SLURM_NNODES")));
    if (nodes == null || nodes < 2) {
      return null;
    }
    for (String name : new String[] {"SLURM_LAUNCH_NODE_IPADDR", "SLURM_SRUN_COMM_HOST"}) {
      String value = env.get(name);
      if (value == null || value.isBlank() || !isLiteral(value.trim())) {
        continue; // a literal only: no name lookup on a rank's way in
      }
      InetAddress route = Route.localAddressTowards(value.trim());
      if (route != null && !route.isLoopbackAddress()) {
        return route;
      }
    }
    throw new CommException("this rank runs in a Slurm step over " + nodes + " nodes, and the route to srun ("
        + firstSet(env.get("SLURM_LAUNCH_NODE_IPADDR"), env.get("SLURM_SRUN_COMM_HOST"), "unknown")
        + ") does not tell its backbone address; give PICLUSTER_IFACE=eth0 or PICLUSTER_NETWORK=10.0.0.0/24");
  }

  /**
   * This host's address that NAME stands for: an IP literal of one of its interfaces (any
   * loopback address counts), or the first non-loopback address of this host that NAME resolves
   * to; null if none.
   */
  static InetAddress ownAddressNamed(String name) {
    InetAddress[] all;
    try {
      all = InetAddress.getAllByName(name);
    } catch (UnknownHostException e) {
      return null;
    }
    boolean literal = isLiteral(name);
    for (InetAddress a : all) {
      if (a.isLoopbackAddress() ? literal : isOwn(a)) {
        return a;
      }
    }
    return null;
  }

  private static boolean isLiteral(String name) {
    return name.matches("[0-9.]+") || name.contains(":");
  }

  private static boolean isOwn(InetAddress address) {
    try {
      return NetworkInterface.getByInetAddress(address) != null;
    } catch (SocketException e) {
      return false;
    }
  }

  private static Integer count(String value) {
    try {
      return value == null ? null : Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
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
