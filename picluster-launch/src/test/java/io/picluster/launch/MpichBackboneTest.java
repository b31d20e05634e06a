package io.picluster.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The variables that keep an MPICH program's traffic on the backbone. */
class MpichBackboneTest {

  @Test
  void theInterfaceThatReachesTheLauncherIsTheBackbone() throws Exception {
    Optional<NetworkInterface> nic = aNonLoopbackInterfaceWithIpv4();
    assumeThat(nic).as("this machine has a non-loopback IPv4 interface").isPresent();
    InetAddress address = ipv4Of(nic.get());

    Map<String, String> add = MpichBackbone.additions(Map.of("PMI_ID", "1"), address);

    assertThat(add).containsExactly(
        Map.entry("UCX_NET_DEVICES", nic.get().getName()),
        Map.entry("MPIR_CVAR_CH3_INTERFACE_HOSTNAME", address.getHostAddress()));
  }

  @Test
  void ifaceIsTakenAsNamedEvenWhereThisHostLacksIt() {
    Map<String, String> add =
        MpichBackbone.additions(Map.of("PICLUSTER_IFACE", "eth7"), InetAddress.getLoopbackAddress());

    assertThat(add).containsExactly(Map.entry("UCX_NET_DEVICES", "eth7"));
  }

  @Test
  void aNamedLoopbackIsTheUsersChoice() {
    Map<String, String> add = MpichBackbone.additions(Map.of("PICLUSTER_IFACE", "lo"), null);

    assertThat(add).containsEntry("UCX_NET_DEVICES", "lo");
    assertThat(addressOf(add.get("MPIR_CVAR_CH3_INTERFACE_HOSTNAME")).isLoopbackAddress()).isTrue();
  }

  @Test
  void aNetworkPicksTheInterfaceHoldingAnAddressInIt() {
    Map<String, String> add = MpichBackbone.additions(Map.of("PICLUSTER_NETWORK", "127.0.0.0/8"), null);

    assertThat(add).containsEntry("UCX_NET_DEVICES", "lo")
        .containsEntry("MPIR_CVAR_CH3_INTERFACE_HOSTNAME", "127.0.0.1");
  }

  @Test
  void everyRankOnThisMachineGetsNothing() {
    assertThat(MpichBackbone.additions(Map.of(), InetAddress.getLoopbackAddress())).isEmpty();
    assertThat(MpichBackbone.additions(Map.of(), null)).isEmpty();
    assertThat(MpichBackbone.additions(Map.of("PICLUSTER_NETWORK", "100.127.255.252/30"), null))
        .as("no address of this host in the network").isEmpty();
  }

  @Test
  void theUsersOwnSettingsWin() {
    Map<String, String> env = Map.of("PICLUSTER_IFACE", "lo", "UCX_NET_DEVICES", "eth0,eth1",
        "MPIR_CVAR_CH3_INTERFACE_HOSTNAME", "node1");

    assertThat(MpichBackbone.additions(env, null)).isEmpty();
  }

  @Test
  void hydrasIfaceVariableNamesTheInterfaceToo() {
    Map<String, String> add =
        MpichBackbone.additions(Map.of("MPIR_CVAR_NEMESIS_TCP_NETWORK_IFACE", "lo"), null);

    assertThat(add).containsEntry("UCX_NET_DEVICES", "lo");
  }

  @Test
  void theRouteTowardsTheLauncherComesFromPmiPort() {
    assertThat(MpichBackbone.towardsLauncher("127.0.0.1:4000").isLoopbackAddress()).isTrue();
    assertThat(MpichBackbone.towardsLauncher("[::1]:4000")).satisfiesAnyOf(
        a -> assertThat(a).isNull(), // a host without IPv6
        a -> assertThat(a.isLoopbackAddress()).isTrue());
    assertThat(MpichBackbone.towardsLauncher(null)).isNull();
    assertThat(MpichBackbone.towardsLauncher(":4000")).isNull();
    assertThat(MpichBackbone.additions(Map.of("PMI_PORT", "127.0.0.1:4000"),
        MpichBackbone.towardsLauncher("127.0.0.1:4000"))).isEmpty();
  }

  @Test
  void anAgentsOwnConnectionToThePmiServersAddressGivesTheRouteWithoutAProbe() {
    InetAddress launcher = addressOf("127.0.0.1");
    InetAddress connectionsEnd = addressOf("127.0.0.2"); // no probe towards 127.0.0.1 answers this
    assertThat(MpichBackbone.towardsLauncher("127.0.0.1:4000", launcher, connectionsEnd)).isEqualTo(connectionsEnd);
    // PMI_PORT elsewhere than the connection: the kernel's route, as without one
    assertThat(MpichBackbone.towardsLauncher("127.0.0.3:4000", launcher, connectionsEnd))
        .isEqualTo(MpichBackbone.towardsLauncher("127.0.0.3:4000"))
        .isNotEqualTo(connectionsEnd);
    assertThat(MpichBackbone.towardsLauncher("127.0.0.1:4000", null, null).isLoopbackAddress()).isTrue();
  }

  private static InetAddress addressOf(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static Optional<NetworkInterface> aNonLoopbackInterfaceWithIpv4() throws Exception {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback() && nic.getParent() == null && ipv4Of(nic) != null) {
        return Optional.of(nic);
      }
    }
    return Optional.empty();
  }

  private static InetAddress ipv4Of(NetworkInterface nic) {
    for (InetAddress a : Collections.list(nic.getInetAddresses())) {
      if (a instanceof Inet4Address) {
        return a;
      }
    }
    return null;
  }
}
