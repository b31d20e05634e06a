package io.picluster.setup.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.Ipv4Network;
import io.picluster.setup.cluster.Node;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each refusal, on clusters built directly (the cluster file's reader refuses them earlier). */
class BackboneCheckTest {
  private static Cluster cluster(String... nameAddress) {
    List<Node> nodes = new java.util.ArrayList<>();
    for (int i = 0; i < nameAddress.length; i += 2) {
      nodes.add(new Node(nameAddress[i], nameAddress[i + 1], "pi"));
    }
    return new Cluster(null, Ipv4Network.parse("10.0.0.0/24"), Optional.empty(),
        nameAddress[0], nodes);
  }

  @Test
  void aGoodClusterPasses() {
    assertThatCode(() -> BackboneCheck.cluster(cluster("a", "10.0.0.1", "b", "10.0.0.254")))
        .doesNotThrowAnyException();
  }

  @Test
  void theNetworkAddressIsRefused() {
    assertThatThrownBy(() -> BackboneCheck.cluster(cluster("a", "10.0.0.0")))
        .isInstanceOf(NetConfigException.class)
        .hasMessage("a's address 10.0.0.0 is the network's own address of 10.0.0.0/24; give it"
            + " one of 10.0.0.1 to 10.0.0.254 in the cluster file");
  }

  @Test
  void theBroadcastAddressIsRefused() {
    assertThatThrownBy(() -> BackboneCheck.cluster(cluster("a", "10.0.0.1", "b", "10.0.0.255")))
        .isInstanceOf(NetConfigException.class)
        .hasMessage("b's address 10.0.0.255 is the broadcast address of 10.0.0.0/24; give it"
            + " one of 10.0.0.1 to 10.0.0.254 in the cluster file");
  }

  @Test
  void duplicateAddressesAreRefused() {
    assertThatThrownBy(() -> BackboneCheck.cluster(cluster("a", "10.0.0.1", "b", "10.0.0.1")))
        .isInstanceOf(NetConfigException.class)
        .hasMessage("a and b both have the address 10.0.0.1; give each node its own address in"
            + " the cluster file");
  }

  @Test
  void addressesOutsideOrMalformedAreRefused() {
    assertThatThrownBy(() -> BackboneCheck.cluster(cluster("a", "10.0.1.1")))
        .hasMessage("a's address 10.0.1.1 is outside the backbone 10.0.0.0/24; give it an"
            + " address in that network in the cluster file");
    assertThatThrownBy(() -> BackboneCheck.cluster(cluster("a", "10.0.0.300")))
        .hasMessage("a's address '10.0.0.300' is not an IPv4 address; give it one in 10.0.0.0/24"
            + " in the cluster file");
  }

  @Test
  void aBackboneOnTheWifiSubnetIsRefusedWithAnotherSuggested() {
    Cluster c = cluster("a", "10.0.0.1");
    List<WifiSubnet> wifi = WifiSubnet.parse(
        "3: wlan0    inet 10.0.0.23/16 brd 10.0.255.255 scope global wlan0\\  valid_lft forever",
        Set.of());
    assertThatThrownBy(() -> BackboneCheck.wifi(c, c.masterNode(), wifi))
        .isInstanceOf(NetConfigException.class)
        .hasMessage("the backbone 10.0.0.0/24 overlaps a's Wi-Fi subnet 10.0.0.0/16 (wlan0"
            + " 10.0.0.23/16); pick a backbone apart from the Wi-Fi in the cluster file, e.g."
            + " 10.42.0.0/24");
  }

  @Test
  void aWifiElsewhereIsFine() {
    Cluster c = cluster("a", "10.0.0.1");
    assertThatCode(() -> BackboneCheck.wifi(c, c.masterNode(), List.of(
        new WifiSubnet("wlan0", "192.168.1.5/24", Ipv4Network.parse("192.168.1.0/24")))))
        .doesNotThrowAnyException();
  }
}
