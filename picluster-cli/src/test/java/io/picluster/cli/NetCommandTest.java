package io.picluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code picluster net} on folders (--root): dry run, apply, idempotency, every refusal. */
class NetCommandTest {
  private static final String CLUSTER = String.join("\n",
      "network 10.0.0.0/24",
      "user pi",
      "master node1",
      "node node1 10.0.0.1",
      "node node2 10.0.0.2",
      "");

  @TempDir Path dir;
  private Path root;
  private Path clusterFile;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void bookwormNode2() throws IOException {
    root = dir.resolve("root");
    Files.createDirectories(root.resolve("etc/NetworkManager/system-connections"));
    Files.writeString(root.resolve("etc/hosts"), "127.0.0.1\tlocalhost\n127.0.1.1\tnode2\n");
    Files.writeString(root.resolve("etc/hostname"), "node2\n");
    clusterFile = Files.writeString(dir.resolve("cluster.conf"), CLUSTER);
  }

  private int net(String... args) {
    CommandLine cl = PicocliMain.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    List<String> argv = new ArrayList<>(List.of("net"));
    argv.addAll(List.of(args));
    return cl.execute(argv.toArray(new String[0]));
  }

  private Map<String, String> tree() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.readString(p)
            + Files.getPosixFilePermissions(p));
      }
    }
    return files;
  }

  @Test
  void dryRunShowsTheDiffAndWritesNothing() throws IOException {
    Map<String, String> before = tree();
    assertThat(net("--dry-run", "--cluster", clusterFile.toString(), "--root", root.toString()))
        .isZero();
    assertThat(out.toString()).startsWith("node2: NetworkManager: /etc/NetworkManager is there;"
        + " would change 2 files (dry run: nothing is written)\n--- /dev/null\n+++ " + root
        + "/etc/NetworkManager/system-connections/picluster-backbone.nmconnection\n")
        .contains("+address1=10.0.0.2/24\n")
        .contains("--- " + root + "/etc/hosts\n+++ " + root + "/etc/hosts\n@@ -1,2 +1,7 @@\n"
            + " 127.0.0.1\tlocalhost\n 127.0.1.1\tnode2\n+\n+# BEGIN picluster backbone\n"
            + "+10.0.0.1 node1\n+10.0.0.2 node2\n+# END picluster backbone\n")
        .endsWith("node2: /etc/hosts line 2 maps node2 to 127.0.1.1 ('127.0.1.1\tnode2'), so the"
            + " name means loopback there; run again with --fix-hosts to comment that line out\n");
    assertThat(err.toString()).isEmpty();
    assertThat(tree()).isEqualTo(before);
  }

  @Test
  void applyThenASecondRunHasNothingToChange() throws IOException {
    // options after the node name, as picluster's other commands take them
    assertThat(net("node2", "--cluster", clusterFile.toString(), "--root", root.toString(),
        "--fix-hosts")).isZero();
    assertThat(out.toString()).isEqualTo(String.join("\n",
        "node2: NetworkManager: /etc/NetworkManager is there",
        "node2: wrote " + root + "/etc/NetworkManager/system-connections/"
            + "picluster-backbone.nmconnection (new, mode 0600)",
        "node2: wrote " + root + "/etc/hosts (previous version: " + root
            + "/etc/hosts.picluster-backup)",
        "node2: it takes effect when node2 starts from " + root,
        ""));
    assertThat(Files.readString(root.resolve("etc/hosts"))).startsWith(
        "127.0.0.1\tlocalhost\n# picluster net --fix-hosts: 127.0.1.1\tnode2\n");
    Map<String, String> once = tree();

    out.getBuffer().setLength(0);
    assertThat(net("--cluster", clusterFile.toString(), "--root", root.toString())).isZero();
    assertThat(out.toString()).isEqualTo(
        "node2: nothing to change (NetworkManager: /etc/NetworkManager is there)\n");
    assertThat(tree()).isEqualTo(once);
  }

  @Test
  void dhcpcdAndNetplanByOption() throws IOException {
    assertThat(net("--stack", "dhcpcd", "--cluster", clusterFile.toString(), "--root",
        root.toString())).isZero();
    assertThat(Files.readString(root.resolve("etc/dhcpcd.conf"))).isEqualTo(
        "# BEGIN picluster backbone\ninterface eth0\nstatic ip_address=10.0.0.2/24\nnogateway\n"
            + "# END picluster backbone\n");
    assertThat(net("--stack", "netplan", "--cluster", clusterFile.toString(), "--root",
        root.toString())).isZero();
    assertThat(root.resolve("etc/netplan/60-picluster-backbone.yaml")).content()
        .contains("addresses: [10.0.0.2/24]");
  }

  /** One line on stderr, exit 2, nothing on stdout, nothing written. */
  private void refused(String expected, String... args) throws IOException {
    Map<String, String> before = tree();
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    assertThat(net(args)).as(err.toString()).isEqualTo(2);
    assertThat(err.toString()).endsWith(" (see 'picluster net --help')\n");
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString()).startsWith("picluster: ").contains(expected);
    assertThat(out.toString()).isEmpty();
    assertThat(tree()).isEqualTo(before);
  }

  private String[] with(String clusterText, String... args) throws IOException {
    Files.writeString(clusterFile, clusterText);
    List<String> a = new ArrayList<>(List.of("--cluster", clusterFile.toString(), "--root",
        root.toString()));
    a.addAll(List.of(args));
    return a.toArray(new String[0]);
  }

  @Test
  void badInputIsOneLineAndExitTwo() throws IOException {
    refused("unknown node 'node9': " + clusterFile + " names node1, node2",
        with(CLUSTER, "node9"));
    refused("--stack ifupdown: choose nm (NetworkManager), dhcpcd or netplan",
        with(CLUSTER, "--stack", "ifupdown"));
    refused("--wifi 192.168.1/24: not an IPv4 network in CIDR form; write it like"
        + " 192.168.1.0/24", with(CLUSTER, "--wifi", "192.168.1/24"));
    refused("the backbone 10.0.0.0/24 overlaps node2's Wi-Fi subnet 10.0.0.0/16 (--wifi"
        + " 10.0.0.0/16); pick a backbone apart from the Wi-Fi in the cluster file, e.g."
        + " 10.42.0.0/24", with(CLUSTER, "--wifi", "10.0.5.9/16"));
    refused("give node names or --all, not both", with(CLUSTER, "--all", "node1"));
    refused("--root " + root + " holds one node's files; name one node",
        with(CLUSTER, "node1", "node2"));
    refused("--root " + dir.resolve("nope") + ": no such folder", "--cluster",
        clusterFile.toString(), "--root", dir.resolve("nope").toString());
    refused(dir.resolve("missing.conf") + ": no such cluster file; create it with 'picluster"
        + " init'", "--cluster", dir.resolve("missing.conf").toString(), "--root",
        root.toString());
  }

  @Test
  void clusterFileErrorsAreRefusedWithFileAndLine() throws IOException {
    refused(clusterFile + ":1: '10.0.0.0/33' is not a network",
        with(CLUSTER.replace("10.0.0.0/24", "10.0.0.0/33")));
    refused(clusterFile + ":1: '10.0.0.1/24' is not a network",
        with(CLUSTER.replace("10.0.0.0/24", "10.0.0.1/24")));
    refused(clusterFile + ":5: 10.0.0.0 is the network's own address of 10.0.0.0/24",
        with(CLUSTER.replace("node2 10.0.0.2", "node2 10.0.0.0")));
    refused(clusterFile + ":5: 10.0.0.255 is the broadcast address of 10.0.0.0/24",
        with(CLUSTER.replace("node2 10.0.0.2", "node2 10.0.0.255")));
    refused(clusterFile + ":5: 10.0.0.1 is already the address of the node on line 4",
        with(CLUSTER.replace("node2 10.0.0.2", "node2 10.0.0.1")));
  }

  @Test
  void aWifiSubnetFromTheRootsFixtureIsChecked() throws IOException {
    Files.createDirectories(root.resolve("run/picluster"));
    Files.writeString(root.resolve("run/picluster/wifi-addresses"),
        "3: wlan0    inet 10.0.0.50/24 brd 10.0.0.255 scope global wlan0\\  x\n");
    refused("the backbone 10.0.0.0/24 overlaps node2's Wi-Fi subnet 10.0.0.0/24 (wlan0"
        + " 10.0.0.50/24)", with(CLUSTER));
  }

  @Test
  void helpNamesEveryOption() {
    assertThat(net("--help")).isZero();
    assertThat(out.toString()).contains("Usage: picluster net").contains("[NODE...]")
        .contains("--all").contains("--cluster=FILE").contains("--root=DIR")
        .contains("--dry-run").contains("--stack=nm|dhcpcd|netplan").contains("--fix-hosts")
        .contains("--wifi=CIDR");
  }
}
