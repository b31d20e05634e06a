package io.picluster.setup.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.Node;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated files, read by the real tools (Debian 12: network-manager, netplan.io,
 * dhcpcd-base). Each test is skipped where its tool is missing.
 *
 * <ul>
 *   <li>NetworkManager: {@code nmcli --offline} (NM 1.42) writes the keyfile {@code nmcli
 *       connection add} makes for the same settings, and reads our keyfile from stdin and writes
 *       it back after a no-op change: both must say what ours says (keys NM does not know, or
 *       values it rejects, would drop out or fail).
 *   <li>netplan: {@code netplan generate --root-dir} renders our file, next to cloud-init's, into
 *       a networkd unit with the static address, no gateway and no DHCP.
 *   <li>dhcpcd has no parse-only mode: it runs, in a network and mount namespace of its own with a
 *       veth named eth0, on the whole generated dhcpcd.conf, and must put the address on eth0 with
 *       no default route (and complain about nothing).
 * </ul>
 */
class RealParsersTest {
  @TempDir Path dir;

  private static final Cluster CLUSTER = NetFixtures.cluster();
  private static final Node NODE2 = CLUSTER.node("node2").orElseThrow();

  private record Ran(int code, String out, String err) {}

  private static Ran run(List<String> argv, String stdin) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(argv).start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    var err = new java.util.concurrent.CompletableFuture<String>();
    Thread t = new Thread(() -> {
      try {
        err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        err.complete(e.toString());
      }
    });
    t.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", argv).isTrue();
    t.join();
    return new Ran(p.exitValue(), out, err.join());
  }

  private static String tool(String name) {
    for (String d : List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin")) {
      if (Files.isExecutable(Path.of(d, name))) {
        return d + "/" + name;
      }
    }
    return null;
  }

  /** A keyfile as section.key -> value, less what NM adds by itself or leaves out as default. */
  private static Map<String, String> keyfile(String text) {
    Map<String, String> keys = new TreeMap<>();
    String section = "";
    for (String l : text.split("\n")) {
      l = l.strip();
      if (l.startsWith("[")) {
        section = l.substring(1, l.length() - 1);
      } else if (l.contains("=") && !l.startsWith("#")) {
        keys.put(section + "." + l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
      }
    }
    keys.remove("connection.uuid"); // NM derives one from the file name when there is none
    keys.remove("connection.autoconnect", "true"); // the default, which nmcli leaves out
    keys.remove("ipv6.addr-gen-mode", "default");
    return keys;
  }

  @Test
  void nmcliWritesTheSameKeyfileForTheSameSettings() throws Exception {
    String nmcli = tool("nmcli");
    assumeTrue(nmcli != null, "nmcli is not installed (apt-get install network-manager)");
    Ran r = run(List.of(nmcli, "--offline", "connection", "add", "type", "ethernet", "ifname",
        "eth0", "con-name", NmKeyfile.ID, "ipv4.method", "manual", "ipv4.addresses",
        "10.0.0.2/24", "ipv4.never-default", "yes", "ipv6.method", "disabled",
        "connection.autoconnect", "yes", "connection.autoconnect-priority", "100"), null);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(keyfile(NmKeyfile.render(NodeBackbone.of(CLUSTER, NODE2))))
        .isEqualTo(keyfile(r.out()))
        .containsEntry("ipv4.address1", "10.0.0.2/24")
        .containsEntry("ipv4.never-default", "true")
        .containsEntry("ipv6.method", "disabled");
  }

  @Test
  void nmcliReadsOurKeyfileBackUnchanged() throws Exception {
    String nmcli = tool("nmcli");
    assumeTrue(nmcli != null, "nmcli is not installed (apt-get install network-manager)");
    for (String iface : List.of("eth0", "end0")) {
      Cluster c = NetFixtures.cluster(Files.readString(NetFixtures.resource("cluster.conf"))
          + "interface " + iface + "\n");
      String ours = NmKeyfile.render(NodeBackbone.of(c, NODE2));
      Ran r = run(List.of(nmcli, "--offline", "connection", "modify", "connection.id",
          NmKeyfile.ID), ours);
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.err()).isEmpty();
      assertThat(keyfile(r.out())).isEqualTo(keyfile(ours))
          .containsEntry("connection.interface-name", iface);
    }
  }

  @Test
  void netplanGenerateRendersTheStaticAddressWithoutGateway() throws Exception {
    String netplan = tool("netplan");
    assumeTrue(netplan != null, "netplan is not installed (apt-get install netplan.io)");
    Path root = NetFixtures.copyTree("netplan/before", dir.resolve("root"));
    assertThat(NetFixtures.apply(CLUSTER, root).code()).isZero();

    Ran r = run(List.of(netplan, "generate", "--root-dir", root.toString()), null);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain(NetplanFile.PATH.substring(4)); // no "too open" warning
    String unit = Files.readString(root.resolve("run/systemd/network/10-netplan-eth0.network"));
    assertThat(unit).contains("Name=eth0").contains("Address=10.0.0.2/24")
        .contains("RequiredForOnline=no")
        .doesNotContain("Gateway").doesNotContain("DHCP=ipv4").doesNotContain("DHCP=yes");
    // the Wi-Fi stays as cloud-init has it: DHCP
    assertThat(Files.readString(root.resolve("run/systemd/network/10-netplan-wlan0.network")))
        .contains("DHCP=ipv4");
  }

  @Test
  void dhcpcdPutsTheAddressOnEth0WithNoDefaultRoute() throws Exception {
    String dhcpcd = tool("dhcpcd");
    assumeTrue(dhcpcd != null, "dhcpcd is not installed (apt-get install dhcpcd-base)");
    assumeTrue(tool("unshare") != null && tool("ip") != null, "needs unshare and ip");
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root (namespaces)");
    Path root = NetFixtures.copyTree("dhcpcd/before", dir.resolve("root"));
    assertThat(NetFixtures.apply(CLUSTER, root).code()).isZero();
    Path conf = root.resolve(DhcpcdStanza.PATH);
    String ip = tool("ip");
    // a private /run and /var/lib/dhcpcd (pid file, leases), no hooks (-c true), no ARP probe
    String script = String.join(" && ",
        "mount -t tmpfs picluster /run",
        "mkdir -p /var/lib/dhcpcd && mount -t tmpfs picluster /var/lib/dhcpcd",
        ip + " link set lo up",
        ip + " link add eth0 type veth peer name peer0",
        ip + " link set peer0 up && " + ip + " link set eth0 up",
        dhcpcd + " -f " + conf + " -c /bin/true -4 -1 -A -B -t 10 eth0",
        "echo ADDR; " + ip + " -4 -o addr show dev eth0",
        "echo ROUTES; " + ip + " -4 route");
    Ran probe = run(List.of(tool("unshare"), "-n", "-m", "true"), null);
    assumeTrue(probe.code() == 0, "no namespaces here: " + probe.err());

    Ran r = run(List.of(tool("unshare"), "-n", "-m", "sh", "-c", script), null);

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.err()).doesNotContain("unknown option").doesNotContain("invalid");
    String addr = r.out().substring(r.out().indexOf("ADDR"), r.out().indexOf("ROUTES"));
    String routes = r.out().substring(r.out().indexOf("ROUTES"));
    assertThat(addr).contains("inet 10.0.0.2/24");
    assertThat(routes).contains("10.0.0.0/24 dev eth0").doesNotContain("default");
    assertThat(new File("/run").isDirectory()).isTrue(); // the host's /run was never touched
  }

  /** For the report: the tool versions the tests ran with. */
  @Test
  void toolVersions() throws Exception {
    List<String> versions = new ArrayList<>();
    for (String[] t : new String[][] {{"nmcli", "--version"}, {"dhcpcd", "--version"}}) {
      String path = tool(t[0]);
      if (path != null) {
        versions.add(run(List.of(path, t[1]), null).out().lines().findFirst().orElse(""));
      }
    }
    assertThat(versions).allSatisfy(v -> assertThat(v).isNotBlank());
  }
}
