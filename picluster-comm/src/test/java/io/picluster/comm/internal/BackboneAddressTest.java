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
}
