package io.picluster.setup.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.setup.cluster.Ipv4Network;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WifiSubnetTest {
  private static final String IP = String.join("\n",
      "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever",
      "2: eth0    inet 10.0.0.2/24 brd 10.0.0.255 scope global eth0\\       valid_lft forever",
      "3: wlan0    inet 192.168.1.23/24 brd 192.168.1.255 scope global dynamic wlan0\\  x",
      "4: wlp2s0    inet 172.20.5.9/20 brd 172.20.15.255 scope global wlp2s0\\  x",
      "5: veth1@if4    inet 192.168.7.1/24 scope global veth1\\  x",
      "");

  @Test
  void wirelessInterfacesByNameOrByTheKernel() {
    assertThat(WifiSubnet.parse(IP, Set.of("wlp2s0"))).containsExactly(
        new WifiSubnet("wlan0", "192.168.1.23/24", Ipv4Network.parse("192.168.1.0/24")),
        new WifiSubnet("wlp2s0", "172.20.5.9/20", Ipv4Network.parse("172.20.0.0/20")));
    assertThat(WifiSubnet.parse(IP, Set.of("veth1"))).extracting(WifiSubnet::iface)
        .containsExactly("wlan0", "veth1");
  }

  @Test
  void subnetsOfAddressesAndNetworks() {
    assertThat(WifiSubnet.subnetOf("192.168.1.23/24")).isEqualTo(Ipv4Network.parse("192.168.1.0/24"));
    assertThat(WifiSubnet.subnetOf("10.1.2.3/32")).hasToString("10.1.2.3/32");
    assertThat(WifiSubnet.subnetOf("0.0.0.0/0")).hasToString("0.0.0.0/0");
    assertThat(WifiSubnet.subnetOf("192.168.1.0")).isNull();
    assertThat(WifiSubnet.subnetOf("192.168.1.0/33")).isNull();
    assertThat(WifiSubnet.subnetOf("192.168.1/24")).isNull();
  }
}
