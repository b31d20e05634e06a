package io.picluster.comm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picluster.comm.CommException;
import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackboneAddressTest {
  @Test
  void aCidrContainsExactlyItsAddresses() throws Exception {
    Cidr backbone = Cidr.parse("10.0.0.0/24");
    assertThat(backbone.contains(InetAddress.getByName("10.0.0.4"))).isTrue();
    assertThat(backbone.contains(InetAddress.getByName("10.0.1.4"))).isFalse();
    assertThat(backbone.contains(InetAddress.getByName("::1"))).isFalse();
    assertThat(Cidr.parse("127.0.0.0/8").contains(InetAddress.getByName("127.9.9.9"))).isTrue();
  }

  @Test
  void badCidrsAreRejectedWithTheFix() {
    for (String bad : new String[] {"10.0.0.0", "10.0.0.0/33", "eth0/24", "10.0.0.0/x"}) {
      assertThatThrownBy(() -> Cidr.parse(bad))
          .isInstanceOf(CommException.class)
          .hasMessageContaining("write it like 10.0.0.0/24");
    }
  }

  @Test
  void theLoopbackNetworkAndInterfaceAreFound() {
    assertThat(BackboneAddress.choose(Map.of("PICLUSTER_NETWORK", "127.0.0.0/8"), null).isLoopbackAddress()).isTrue();
    assertThat(BackboneAddress.choose(Map.of("PICLUSTER_IFACE", "lo"), null).isLoopbackAddress()).isTrue();
  }

  @Test
  void withNeitherTheAddressTowardsTheLauncherIsUsed() throws Exception {
    InetAddress towards = InetAddress.getByName("127.0.0.3");
    assertThat(BackboneAddress.choose(Map.of(), towards)).isEqualTo(towards);
  }

  @Test
  void aMissingInterfaceOrNetworkIsNamed() {
    assertThatThrownBy(() -> BackboneAddress.choose(Map.of("PICLUSTER_IFACE", "eth9"), null))
        .hasMessageContaining("--iface eth9: no such interface");
    assertThatThrownBy(() -> BackboneAddress.choose(Map.of("PICLUSTER_NETWORK", "240.0.0.0/24"), null))
        .hasMessageContaining("no address of this host lies in it");
  }

  // ---- forRank: ranks started by MPICH's Hydra, whose PMI connection ends on this host

  private static final Map<String, String> HYDRA_ONE_OF_FOUR_HERE = Map.of("MPI_LOCALNRANKS", "1");

  @Test
  void aNonLoopbackEndTowardsTheLauncherIsUsedAsBefore() throws Exception {
    InetAddress towards = InetAddress.getByName("10.0.0.3");
    assertThat(BackboneAddress.forRank(HYDRA_ONE_OF_FOUR_HERE, towards, 4)).isEqualTo(towards);
  }

  @Test
  void loopbackServesAJobWhoseRanksAreAllOnThisHost() throws Exception {
    InetAddress lo = InetAddress.getByName("127.0.0.1");
    assertThat(BackboneAddress.forRank(Map.of("MPI_LOCALNRANKS", "4"), lo, 4)).isEqualTo(lo);
    assertThat(BackboneAddress.forRank(Map.of("MPI_LOCALNRANKS", "4"), null, 4).isLoopbackAddress())
        .as("PMI_FD: no connection, loopback").isTrue();
    assertThat(BackboneAddress.forRank(Map.of(), lo, 4)).as("no word on placement: as before").isEqualTo(lo);
  }

  @Test
  void withPeersElsewhereTheAddressHydraReachedThisHostByIsUsed() throws Exception {
    Map<String, String> env = Map.of("MPI_LOCALNRANKS", "1", "MPIR_CVAR_CH3_INTERFACE_HOSTNAME", "127.0.0.2");
    InetAddress expected = InetAddress.getByName("127.0.0.2");
    assertThat(BackboneAddress.forRank(env, InetAddress.getByName("127.0.0.1"), 4)).isEqualTo(expected);
    assertThat(BackboneAddress.forRank(env, null, 4)).isEqualTo(expected);
  }

  @Test
  void withPeersElsewhereLoopbackFromANameIsRefusedNamingIface() throws Exception {
    // localhost resolves to loopback only, as a Pi's own name does (127.0.1.1 on Debian).
    for (String hint : new String[] {"localhost", "192.0.2.7"}) {
      Map<String, String> env = Map.of("MPI_LOCALNRANKS", "1", "MPIR_CVAR_CH3_INTERFACE_HOSTNAME", hint);
      assertThatThrownBy(() -> BackboneAddress.forRank(env, InetAddress.getByName("127.0.0.1"), 4))
          .isInstanceOf(CommException.class)
          .hasMessageContaining("peers run on other hosts")
          .hasMessageContaining("'" + hint + "'")
          .hasMessageContaining("give mpiexec -iface eth0");
    }
    assertThatThrownBy(() -> BackboneAddress.forRank(HYDRA_ONE_OF_FOUR_HERE, null, 4))
        .hasMessageContaining("give mpiexec -iface eth0");
  }

  @Test
  void anExplicitInterfaceWinsEvenIfLoopback() {
    Map<String, String> env = Map.of("MPI_LOCALNRANKS", "1", "MPIR_CVAR_NEMESIS_TCP_NETWORK_IFACE", "lo");
    assertThat(BackboneAddress.forRank(env, null, 4).isLoopbackAddress()).isTrue();
  }
}
