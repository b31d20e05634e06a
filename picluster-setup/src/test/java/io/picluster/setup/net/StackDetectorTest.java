package io.picluster.setup.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StackDetectorTest {
  private static final FileProbe.Kind D = FileProbe.Kind.DIRECTORY;
  private static final FileProbe.Kind F = FileProbe.Kind.FILE;

  private static Optional<NetStack> detect(Map<String, FileProbe.Kind> present) {
    return StackDetector.detect(p -> present.getOrDefault(p, FileProbe.Kind.MISSING)).stack();
  }

  @Test
  void networkManagerNeedsItsFolderAndItsProgramOrConnections() {
    assertThat(detect(Map.of("etc/NetworkManager", D, "usr/sbin/NetworkManager", F)))
        .contains(NetStack.NETWORK_MANAGER);
    assertThat(detect(Map.of("etc/NetworkManager", D,
        "etc/NetworkManager/system-connections", D))).contains(NetStack.NETWORK_MANAGER);
    assertThat(detect(Map.of("etc/NetworkManager", D))).isEmpty(); // a leftover folder
  }

  @Test
  void networkManagerComesBeforeNetplanAndDhcpcd() {
    assertThat(detect(Map.of("etc/NetworkManager", D, "usr/sbin/NetworkManager", F,
        "etc/netplan", D, "etc/dhcpcd.conf", F))).contains(NetStack.NETWORK_MANAGER);
  }

  @Test
  void netplanComesBeforeDhcpcd() {
    assertThat(detect(Map.of("etc/netplan", D, "etc/dhcpcd.conf", F)))
        .contains(NetStack.NETPLAN);
    assertThat(detect(Map.of("etc/dhcpcd.conf", F))).contains(NetStack.DHCPCD);
  }

  @Test
  void dhcpcdWinsWhereSystemdStartsItAndNotNetworkManager() {
    Map<String, FileProbe.Kind> bullseye = Map.of("etc/NetworkManager", D,
        "usr/sbin/NetworkManager", F, "etc/dhcpcd.conf", F,
        "etc/systemd/system/multi-user.target.wants/dhcpcd.service", F);
    assertThat(detect(bullseye)).contains(NetStack.DHCPCD);
    Map<String, FileProbe.Kind> both = new java.util.HashMap<>(bullseye);
    both.put("etc/systemd/system/multi-user.target.wants/NetworkManager.service", F);
    assertThat(detect(both)).contains(NetStack.NETWORK_MANAGER);
  }

  @Test
  void nothingFoundSaysWhatWasLookedFor() {
    StackDetector.Detection d = StackDetector.detect(p -> FileProbe.Kind.MISSING);
    assertThat(d.stack()).isEmpty();
    assertThat(d.reason()).isEqualTo(
        "none of /etc/NetworkManager, /etc/netplan and /etc/dhcpcd.conf is there");
  }

  @Test
  void stackOptionNames() {
    assertThat(NetStack.fromOption("nm")).contains(NetStack.NETWORK_MANAGER);
    assertThat(NetStack.fromOption("NetworkManager")).contains(NetStack.NETWORK_MANAGER);
    assertThat(NetStack.fromOption("dhcpcd")).contains(NetStack.DHCPCD);
    assertThat(NetStack.fromOption("netplan")).contains(NetStack.NETPLAN);
    assertThat(NetStack.fromOption("ifupdown")).isEmpty();
  }
}
