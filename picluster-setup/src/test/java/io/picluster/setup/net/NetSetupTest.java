package io.picluster.setup.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.Ipv4Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups, refusals, stack and Wi-Fi options, several nodes: {@link NetSetup} on folders. */
class NetSetupTest {
  private static final String KEYFILE = NmKeyfile.PATH;

  @TempDir Path dir;

  private Path nmRoot(String name) throws IOException {
    return NetFixtures.copyTree("nm/before", dir.resolve(name));
  }

  @Test
  void eachChangeKeepsThePreviousVersionOnceAndNoOpRunsKeepTheBackup() throws IOException {
    Path root = nmRoot("root");
    NetFixtures.apply(NetFixtures.cluster(), root);
    String first = Files.readString(root.resolve(KEYFILE));
    assertThat(root.resolve(FileChange.backupPath(KEYFILE))).doesNotExist(); // it was new

    Cluster moved = NetFixtures.cluster(Files.readString(NetFixtures.resource("cluster.conf"))
        .replace("node node2 10.0.0.2", "node node2 10.0.0.12"));
    NetFixtures.Run run = NetFixtures.apply(moved, root);

    Path backup = root.resolve(
        "etc/NetworkManager/system-connections/.picluster-backbone.nmconnection.picluster-backup");
    assertThat(run.out()).contains("node2: wrote " + root.resolve(KEYFILE) + " (previous version: "
        + backup + ")");
    assertThat(backup).hasContent(first);
    assertThat(RootFolder.mode(backup)).isEqualTo(0600);
    assertThat(root.resolve(KEYFILE)).content().contains("address1=10.0.0.12/24");
    assertThat(Files.readString(root.resolve("etc/hosts.picluster-backup")))
        .contains("10.0.0.2 node2").doesNotContain("10.0.0.12");

    NetFixtures.Run again = NetFixtures.apply(moved, root);
    assertThat(again.out()).startsWith("node2: nothing to change");
    assertThat(backup).hasContent(first);
    try (var files = Files.list(root.resolve("etc/NetworkManager/system-connections"))) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly(
          ".picluster-backbone.nmconnection.picluster-backup", "picluster-backbone.nmconnection",
          "preconfigured.nmconnection");
    }
  }

  @Test
  void aKeyfileOthersCanReadIsRepaired() throws IOException {
    Path root = nmRoot("root");
    NetFixtures.apply(NetFixtures.cluster(), root);
    Files.setPosixFilePermissions(root.resolve(KEYFILE), RootFolder.permissions(0644));

    NetFixtures.Run dry = NetFixtures.dryRun(NetFixtures.cluster(), root);
    assertThat(dry.out()).contains("node2: " + root.resolve(KEYFILE) + ": mode 0644 -> 0600")
        .doesNotContain("@@");
    NetFixtures.apply(NetFixtures.cluster(), root);
    assertThat(RootFolder.mode(root.resolve(KEYFILE))).isEqualTo(0600);
  }

  @Test
  void fixHostsCommentsOutTheDebianLine() throws IOException {
    Path root = nmRoot("root");
    NetFixtures.Run run = NetFixtures.run(NetFixtures.cluster(), new NetSetup.Options(List.of(),
        false, Optional.of(root), false, Optional.empty(), true, Optional.empty()),
        NetFixtures.noReach());
    assertThat(run.out()).doesNotContain("127.0.1.1");
    assertThat(root.resolve("etc/hosts")).content()
        .contains("\n# picluster net --fix-hosts: 127.0.1.1\t\tnode2\n")
        .startsWith("127.0.0.1\tlocalhost\n");
  }

  @Test
  void theInterfaceComesFromTheClusterFile() throws IOException {
    Cluster end0 = NetFixtures.cluster(Files.readString(NetFixtures.resource("cluster.conf"))
        + "interface end0\n");
    for (String stack : List.of("nm", "dhcpcd", "netplan")) {
      Path root = NetFixtures.copyTree(stack + "/before", dir.resolve(stack));
      NetFixtures.apply(end0, root);
    }
    assertThat(dir.resolve("nm").resolve(KEYFILE)).content().contains("interface-name=end0\n");
    assertThat(dir.resolve("dhcpcd/etc/dhcpcd.conf")).content()
        .endsWith("interface end0\nstatic ip_address=10.0.0.2/24\nnogateway\n"
            + MarkedBlock.END + "\n");
    assertThat(dir.resolve("netplan").resolve(NetplanFile.PATH)).content()
        .contains("\n    end0:\n      dhcp4: false\n");
  }

  @Test
  void stackOptionOverridesDetection() throws IOException {
    Path root = NetFixtures.copyTree("dhcpcd/before", dir.resolve("root"));
    String conf = Files.readString(root.resolve("etc/dhcpcd.conf"));
    NetFixtures.Run run = NetFixtures.run(NetFixtures.cluster(), new NetSetup.Options(List.of(),
        false, Optional.of(root), false, Optional.of(NetStack.NETWORK_MANAGER), false,
        Optional.empty()), NetFixtures.noReach());
    assertThat(run.out()).startsWith("node2: NetworkManager: --stack nm\n");
    assertThat(root.resolve(KEYFILE)).exists();
    assertThat(root.resolve("etc/dhcpcd.conf")).hasContent(conf);
  }

  @Test
  void noStackFoundIsRefusedNamingTheOption() throws IOException {
    Path root = Files.createDirectories(dir.resolve("root/etc"));
    assertThatThrownBy(() -> NetFixtures.apply(NetFixtures.cluster(), dir.resolve("root"),
        "node2"))
        .isInstanceOf(NetConfigException.class)
        .hasMessage("cannot tell which network stack node2 uses (none of /etc/NetworkManager,"
            + " /etc/netplan and /etc/dhcpcd.conf is there); say it with --stack nm, --stack"
            + " dhcpcd or --stack netplan");
    try (var files = Files.list(root)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aBackboneOnTheNodesWifiIsRefusedAndNothingIsWritten() throws IOException {
    Path root = nmRoot("root");
    Files.writeString(root.resolve(RootFolder.WIFI_FIXTURE),
        "3: wlan0    inet 10.0.0.77/24 brd 10.0.0.255 scope global wlan0\\  x\n");
    Map<String, String> before = NetFixtures.tree(root);
    assertThatThrownBy(() -> NetFixtures.apply(NetFixtures.cluster(), root))
        .isInstanceOf(NetConfigException.class)
        .hasMessage("the backbone 10.0.0.0/24 overlaps node2's Wi-Fi subnet 10.0.0.0/24 (wlan0"
            + " 10.0.0.77/24); pick a backbone apart from the Wi-Fi in the cluster file, e.g."
            + " 10.42.0.0/24");
    assertThat(NetFixtures.tree(root)).isEqualTo(before);
  }

  @Test
  void aWirelessInterfaceIsKnownByTheKernelsMarkToo() throws IOException {
    Path root = nmRoot("root");
    Files.writeString(root.resolve(RootFolder.WIFI_FIXTURE),
        "2: eth0    inet 10.0.0.2/24 scope global eth0\\  x\n"
            + "3: wlp1s0    inet 10.0.0.77/16 scope global wlp1s0\\  x\n");
    NetFixtures.Run fine = NetFixtures.dryRun(NetFixtures.cluster(), root);
    assertThat(fine.code()).isZero(); // eth0 on the backbone is what we want; wlp1s0 is unknown
    Files.createDirectories(root.resolve("sys/class/net/wlp1s0/wireless"));
    assertThatThrownBy(() -> NetFixtures.dryRun(NetFixtures.cluster(), root))
        .hasMessageStartingWith("the backbone 10.0.0.0/24 overlaps node2's Wi-Fi subnet"
            + " 10.0.0.0/16 (wlp1s0 10.0.0.77/16)");
  }

  @Test
  void wifiOptionStandsForTheNodesOwn() throws IOException {
    Path root = nmRoot("root");
    assertThatThrownBy(() -> NetFixtures.run(NetFixtures.cluster(), new NetSetup.Options(
        List.of(), false, Optional.of(root), true, Optional.empty(), false,
        Optional.of(Ipv4Network.parse("10.0.0.0/8"))), NetFixtures.noReach()))
        .hasMessage("the backbone 10.0.0.0/24 overlaps node2's Wi-Fi subnet 10.0.0.0/8 (--wifi"
            + " 10.0.0.0/8); pick a backbone apart from the Wi-Fi in the cluster file, e.g."
            + " 172.16.0.0/24");
  }

  @Test
  void aBrokenBlockFailsThatNodeWithTheFix() throws IOException {
    Path root = nmRoot("root");
    Files.writeString(root.resolve("etc/hosts"), MarkedBlock.BEGIN + "\n10.0.0.1 node1\n",
        java.nio.file.StandardOpenOption.APPEND);
    Map<String, String> before = NetFixtures.tree(root);
    NetFixtures.Run run = NetFixtures.apply(NetFixtures.cluster(), root);
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("node2: /etc/hosts: line 7 opens picluster's block ('"
        + MarkedBlock.BEGIN + "') but no line closes it; add '" + MarkedBlock.END + "' after the"
        + " block's lines, or remove the block\n");
    assertThat(NetFixtures.tree(root)).isEqualTo(before);
  }

  @Test
  void allNodesAreDoneAndAFailingOneDoesNotStopTheOthers() throws IOException {
    Map<String, NodeAccess> byNode = new LinkedHashMap<>();
    for (String n : List.of("node1", "node2", "node4")) {
      byNode.put(n, new RootFolder(nmRoot(n)));
    }
    byNode.put("node3", unreachable());
    NetFixtures.Run run = NetFixtures.run(NetFixtures.cluster(), new NetSetup.Options(List.of(),
        true, Optional.empty(), false, Optional.empty(), false, Optional.empty()),
        NetFixtures.reach(byNode, "node1"));

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("node3: cannot reach it over ssh pi@10.0.0.3 (ssh: connect to"
        + " host 10.0.0.3 port 22: No route to host)\n");
    for (String n : List.of("node1", "node2", "node4")) {
      String address = "10.0.0." + n.charAt(4);
      assertThat(dir.resolve(n).resolve(KEYFILE)).content()
          .contains("address1=" + address + "/24");
      assertThat(run.out()).contains(n + ": wrote " + dir.resolve(n).resolve(KEYFILE));
    }
    assertThat(run.out().indexOf("node1:")).isLessThan(run.out().indexOf("node2:"));
    assertThat(run.out().indexOf("node2:")).isLessThan(run.out().indexOf("node4:"));
  }

  @Test
  void aRefusalOnOneNodeWritesNothingOnAny() throws IOException {
    Map<String, NodeAccess> byNode = new LinkedHashMap<>();
    for (String n : List.of("node1", "node2", "node3", "node4")) {
      byNode.put(n, new RootFolder(nmRoot(n)));
    }
    Files.writeString(dir.resolve("node4").resolve(RootFolder.WIFI_FIXTURE),
        "3: wlan0    inet 10.0.0.200/24 scope global wlan0\\  x\n");
    Map<String, String> node1 = NetFixtures.tree(dir.resolve("node1"));
    assertThatThrownBy(() -> NetFixtures.run(NetFixtures.cluster(), new NetSetup.Options(
        List.of(), true, Optional.empty(), false, Optional.empty(), false, Optional.empty()),
        NetFixtures.reach(byNode, "node1")))
        .hasMessageStartingWith("the backbone 10.0.0.0/24 overlaps node4's Wi-Fi subnet");
    assertThat(NetFixtures.tree(dir.resolve("node1"))).isEqualTo(node1);
  }

  @Test
  void withoutNamesItIsThisMachinesNode() throws IOException {
    Map<String, NodeAccess> byNode = Map.of("node3", new RootFolder(nmRoot("node3")));
    NetFixtures.Run run = NetFixtures.run(NetFixtures.cluster(), new NetSetup.Options(List.of(),
        false, Optional.empty(), false, Optional.empty(), false, Optional.empty()),
        NetFixtures.reach(byNode, "node3"));
    assertThat(run.code()).isZero();
    assertThat(dir.resolve("node3").resolve(KEYFILE)).content().contains("10.0.0.3/24");
    assertThatThrownBy(() -> NetFixtures.run(NetFixtures.cluster(), new NetSetup.Options(
        List.of(), false, Optional.empty(), false, Optional.empty(), false, Optional.empty()),
        NetFixtures.reach(byNode, "laptop")))
        .isInstanceOf(NetConfigException.class)
        .hasMessageStartingWith("this machine (host name laptop) is none of the nodes in ")
        .hasMessageEndingWith("; name the nodes to configure (node1, node2, node3, node4) or"
            + " give --all");
  }

  @Test
  void aRootFolderNeedsToSayWhichNodeItIsFor() throws IOException {
    Path root = nmRoot("root");
    Files.writeString(root.resolve("etc/hostname"), "raspberrypi\n");
    assertThatThrownBy(() -> NetFixtures.apply(NetFixtures.cluster(), root))
        .isInstanceOf(NetConfigException.class)
        .hasMessage("say which node " + root + " is for, e.g. 'picluster net node1 --root " + root
            + "' (its /etc/hostname says raspberrypi, which is not a node in "
            + NetFixtures.resource("cluster.conf") + ")");
    assertThat(NetFixtures.apply(NetFixtures.cluster(), root, "node4").code()).isZero();
    assertThat(root.resolve(KEYFILE)).content().contains("10.0.0.4/24");
  }

  private static NodeAccess unreachable() {
    return new NodeAccess() {
      @Override
      public String where() {
        return "over ssh pi@10.0.0.3";
      }

      @Override
      public NodeState read() {
        throw new NetFileException("cannot reach it over ssh pi@10.0.0.3 (ssh: connect to host"
            + " 10.0.0.3 port 22: No route to host)");
      }

      @Override
      public void write(List<FileChange> changes) {
        throw new AssertionError("not reached");
      }
    };
  }
}
