package io.picluster.it;

import static io.picluster.it.OnTheTestbed.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.testbed.Testbed;
import io.picluster.it.testbed.Testbed.Result;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code picluster net} on a testbed of four namespace "Pis", run for real as pi on node1 (the
 * master) with the cluster file in pi's ~/.config/picluster there.
 *
 * <p>Each node has its own /etc/hosts (Debian's {@code 127.0.1.1 nodeK} line included), but the
 * rest of /etc is this machine's, so the network stack every node reports is this machine's; the
 * test works out which one from this machine's files, by the rules the README gives, and expects
 * that. The cases: {@code --all --dry-run} reads every node (node1 directly, the others over
 * ssh) and prints a unified diff per node that adds the marked /etc/hosts block and the stack's
 * file, changing nothing; writing to nodes as pi, who has no sudo, fails with one line per node
 * naming the fix and writes nothing; as root inside node2, {@code --root} on a copy of its files
 * writes them (for each stack), and a second run has nothing to change; a backbone that overlaps
 * the testbed's Wi-Fi (wlan0, 192.168.50.K/24) is refused in one line, exit 2, before anything is
 * written.
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class NetCommandTest {
  private static final String USER = Testbed.USER;
  private static final int NODES = 4;
  private static final String BEGIN = "# BEGIN picluster backbone";
  private static final String END = "# END picluster backbone";
  private static final String NM_KEYFILE =
      "etc/NetworkManager/system-connections/picluster-backbone.nmconnection";
  private static final String NETPLAN_FILE = "etc/netplan/60-picluster-backbone.yaml";
  private static final String DHCPCD_CONF = "etc/dhcpcd.conf";
  /** The testbed's decoy Wi-Fi: wlan0 192.168.50.K/24 on every node. */
  private static final String WIFI_NET = "192.168.50.0/24";

  private Testbed testbed;
  private Path jar;
  /** The stack this machine's /etc says, which every node shares. */
  private Optional<Stack> machineStack;

  /** A network stack as picluster names it, why it is chosen, and the file it writes. */
  private record Stack(String option, String label, String reason, String file) {}

  @BeforeAll
  void up() throws IOException {
    Testbed.assumeUsable();
    machineStack = detectStack(Path.of("/"));
    System.out.println("this machine's network stack, as the nodes share it: "
        + machineStack.map(s -> s.label() + " (" + s.reason() + ")").orElse("none"));
    jar = PiclusterJar.stableCopy("net");
    testbed = Testbed.up(NODES);
    OnTheTestbed.writeClusterFile(testbed, 1);
  }

  @AfterAll
  void down() throws IOException {
    if (testbed != null) {
      testbed.close();
    }
    PiclusterJar.deleteStableCopy(jar);
  }

  private Result net(String... args) {
    return PiclusterJar.onMaster(testbed, jar, "net", args);
  }

  /** {@code java -jar picluster.jar net ARGS} as root inside node K. */
  private Result netAsRoot(int node, String... args) {
    List<String> line = new ArrayList<>(List.of("net"));
    line.addAll(List.of(args));
    long start = System.nanoTime();
    Result r = testbed.exec(Testbed.COMMAND_TIMEOUT, null, node,
        PiclusterJar.command(jar, line.toArray(String[]::new)));
    System.out.printf("root on node%d: picluster %s: exit %d in %.1f s%n", node,
        String.join(" ", line), r.exitCode(), (System.nanoTime() - start) / 1e9);
    return r;
  }

  // ---- what the nodes hold

  /**
   * Everything picluster net could touch on node K, seen from inside it: the node's own
   * /etc/hosts and the shared files and folders of every stack, with modes, sizes, times and
   * checksums, and any backup or temporary file of picluster's in those folders.
   */
  private String snapshot(int node) {
    return ok(testbed.run(node, "sh", "-c", String.join("\n",
        "cd /etc || exit 1",
        "for f in hosts dhcpcd.conf; do",
        "  if [ -e \"$f\" ]; then stat -c '%n %a %U %s %Y' \"$f\"; sha256sum \"$f\"; fi",
        "done",
        "for d in NetworkManager/system-connections netplan; do",
        "  if [ -d \"$d\" ]; then ls -la --time-style=full-iso \"$d\"; fi",
        "done",
        "ls -a . NetworkManager/system-connections netplan 2>/dev/null | grep picluster || true",
        "")));
  }

  private Map<Integer, String> snapshots() {
    Map<Integer, String> all = new LinkedHashMap<>();
    for (int k = 1; k <= NODES; k++) {
      all.put(k, snapshot(k));
    }
    return all;
  }

  private String hostsOf(int node) {
    return ok(testbed.run(node, "cat", "/etc/hosts"));
  }

  /** How many logins node K's sshd has accepted so far. */
  private static int acceptedLogins(int node) throws IOException {
    Path log = Testbed.stateDir().resolve("node" + node).resolve("sshd.log");
    if (!Files.exists(log)) {
      return 0;
    }
    Matcher m = Pattern.compile("Accepted publickey for " + USER + " ").matcher(
        Files.readString(log, StandardCharsets.ISO_8859_1));
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  // ---- expectations

  /** The stack the README's rules pick for the files under ROOT; empty if none. */
  private static Optional<Stack> detectStack(Path root) {
    boolean nm = Files.isDirectory(root.resolve("etc/NetworkManager"))
        && (Files.exists(root.resolve("usr/sbin/NetworkManager"))
            || Files.exists(root.resolve("sbin/NetworkManager"))
            || Files.isDirectory(root.resolve("etc/NetworkManager/system-connections")));
    boolean dhcpcd = Files.exists(root.resolve(DHCPCD_CONF))
        && !Files.isDirectory(root.resolve(DHCPCD_CONF));
    boolean netplan = Files.isDirectory(root.resolve("etc/netplan"));
    Path wants = root.resolve("etc/systemd/system/multi-user.target.wants");
    if (nm && dhcpcd && Files.exists(wants.resolve("dhcpcd.service"))
        && !Files.exists(wants.resolve("NetworkManager.service"))) {
      return Optional.of(new Stack("dhcpcd", "dhcpcd", "/etc/dhcpcd.conf, and systemd starts"
          + " dhcpcd, not NetworkManager", DHCPCD_CONF));
    }
    if (nm) {
      return Optional.of(new Stack("nm", "NetworkManager", "/etc/NetworkManager is there",
          NM_KEYFILE));
    }
    if (netplan) {
      return Optional.of(new Stack("netplan", "netplan", "/etc/netplan is there,"
          + " NetworkManager is not", NETPLAN_FILE));
    }
    if (dhcpcd) {
      return Optional.of(new Stack("dhcpcd", "dhcpcd", "/etc/dhcpcd.conf is there,"
          + " NetworkManager and netplan are not", DHCPCD_CONF));
    }
    return Optional.empty();
  }

  private Stack assumeMachineStack() {
    Assumptions.assumeTrue(machineStack.isPresent(), "this machine has none of"
        + " /etc/NetworkManager, /etc/netplan and /etc/dhcpcd.conf: the nodes have no stack");
    return machineStack.get();
  }

  private static String hostsBlock() {
    StringBuilder b = new StringBuilder(BEGIN + "\n");
    for (int k = 1; k <= NODES; k++) {
      b.append(Testbed.address(k)).append(" node").append(k).append('\n');
    }
    return b.append(END).append('\n').toString();
  }

  /** /etc/hosts as picluster net should leave it: the block appended after a blank line. */
  private static String hostsWithBlock(String before) {
    return before + (before.endsWith("\n\n") ? "" : "\n") + hostsBlock();
  }

  /** The Debian line's note, as net prints it for node K (line 3 of the testbed's hosts). */
  private static String loopbackNote(int k) {
    return "node" + k + ": /etc/hosts line 3 maps node" + k + " to 127.0.1.1 ('127.0.1.1 node"
        + k + "'), so the name means loopback there; run again with --fix-hosts to comment that"
        + " line out";
  }

  /** What the stack's file must say for a node with ADDRESS (10.0.0.K/24) on eth0. */
  private static void assertStackFile(String what, Stack stack, String text, String address) {
    switch (stack.option()) {
      case "nm" -> {
        assertThat(text).as(what).startsWith("[connection]\n")
            .contains("\nid=picluster-backbone\n", "\ntype=ethernet\n",
                "\ninterface-name=eth0\n", "\n[ipv4]\nmethod=manual\naddress1=" + address + "\n",
                "\nnever-default=true\n", "\n[ipv6]\nmethod=disabled\n")
            .doesNotContain("gateway", "dns");
      }
      case "netplan" -> {
        assertThat(text).as(what).contains("network:\n", "  version: 2\n",
            "  renderer: networkd\n", "  ethernets:\n", "    eth0:\n", "      dhcp4: false\n",
            "      addresses: [" + address + "]\n")
            .doesNotContain("gateway", "routes", "nameservers");
      }
      case "dhcpcd" -> {
        assertThat(text).as(what).endsWith("\n" + BEGIN + "\ninterface eth0\nstatic ip_address="
            + address + "\nnogateway\n" + END + "\n");
      }
      default -> throw new AssertionError(stack.toString());
    }
  }

  // ---- unified diffs

  /** One file's diff in net's output: its labels and its text (headers and hunks). */
  private record FileDiff(String from, String to, String text) {}

  /**
   * Node K's section of a dry run's output: from its header line to the next node's header (or
   * the end), split into the header, the files' diffs and the lines after them.
   */
  private record Section(String header, List<FileDiff> diffs, List<String> trailer) {}

  private static Map<String, Section> sections(String out) {
    Map<String, Section> found = new LinkedHashMap<>();
    List<String> lines = List.of(out.split("\n", -1));
    Pattern header = Pattern.compile("^(node[0-9]+): ");
    int i = 0;
    while (i < lines.size()) {
      Matcher m = header.matcher(lines.get(i));
      if (!m.find()) {
        i++;
        continue;
      }
      String node = m.group(1);
      String head = lines.get(i++);
      List<FileDiff> diffs = new ArrayList<>();
      List<String> trailer = new ArrayList<>();
      while (i < lines.size() && lines.get(i).startsWith("--- ")) {
        String from = lines.get(i).substring(4);
        String to = lines.get(i + 1).startsWith("+++ ") ? lines.get(i + 1).substring(4) : null;
        StringBuilder text = new StringBuilder(lines.get(i)).append('\n')
            .append(lines.get(i + 1)).append('\n');
        i += 2;
        // hunks: read exactly as many lines as their headers say
        Pattern hunk = Pattern.compile("^@@ -[0-9]+(?:,([0-9]+))? \\+[0-9]+(?:,([0-9]+))? @@");
        while (i < lines.size()) {
          Matcher h = hunk.matcher(lines.get(i));
          if (!h.find()) {
            break;
          }
          int old = h.group(1) == null ? 1 : Integer.parseInt(h.group(1));
          int neu = h.group(2) == null ? 1 : Integer.parseInt(h.group(2));
          text.append(lines.get(i++)).append('\n');
          while ((old > 0 || neu > 0) && i < lines.size()) {
            String l = lines.get(i++);
            text.append(l).append('\n');
            if (l.startsWith(" ")) {
              old--;
              neu--;
            } else if (l.startsWith("-")) {
              old--;
            } else if (l.startsWith("+")) {
              neu--;
            } else if (!l.startsWith("\\")) {
              throw new AssertionError("not a hunk line: '" + l + "' in\n" + out);
            }
          }
          if (i < lines.size() && lines.get(i).startsWith("\\")) {
            text.append(lines.get(i++)).append('\n');
          }
        }
        diffs.add(new FileDiff(from, to, text.toString()));
      }
      while (i < lines.size() && lines.get(i).startsWith(node + ": ")) {
        trailer.add(lines.get(i++));
      }
      assertThat(found.put(node, new Section(head, diffs, trailer))).as(node + " twice in\n"
          + out).isNull();
    }
    return found;
  }

  /** BEFORE (null: no file) with the unified DIFF applied by GNU patch: is it a real diff? */
  private static String patched(String before, String diff) throws Exception {
    Path dir = Files.createTempDirectory("net-it-patch");
    try {
      Path original = dir.resolve("original");
      Path patch = dir.resolve("diff");
      Path result = dir.resolve("result");
      Files.writeString(original, before == null ? "" : before, StandardCharsets.UTF_8);
      Files.writeString(patch, diff, StandardCharsets.UTF_8);
      Process p = new ProcessBuilder("patch", "-s", "-f", "-o", result.toString(),
          original.toString(), patch.toString())
          .redirectInput(Redirect.from(new File("/dev/null")))
          .redirectErrorStream(true).start();
      String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("patch ends").isTrue();
      assertThat(p.exitValue()).as("patch applies the diff:\n" + said + "\n" + diff).isZero();
      return Files.readString(result, StandardCharsets.UTF_8);
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  private static boolean havePatch() {
    return Files.isExecutable(Path.of("/usr/bin/patch")) || Files.isExecutable(Path.of("/bin/patch"));
  }

  // ---- the cases

  @Test
  @Order(1)
  void dryRunOnAllNodesShowsEachNodesDiffAndChangesNothing() throws Exception {
    Stack stack = assumeMachineStack();
    Map<Integer, String> before = snapshots();
    Map<Integer, String> hosts = new LinkedHashMap<>();
    Map<Integer, Integer> logins = new LinkedHashMap<>();
    for (int k = 1; k <= NODES; k++) {
      hosts.put(k, hostsOf(k));
      logins.put(k, acceptedLogins(k));
    }
    String sharedStackFile = Files.exists(Path.of("/", stack.file()))
        ? Files.readString(Path.of("/", stack.file()), StandardCharsets.UTF_8) : null;

    Result r = net("--all", "--dry-run");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stderr()).as(r.output()).isEmpty();
    Map<String, Section> sections = sections(r.stdout());
    assertThat(sections.keySet()).as(r.output())
        .containsExactly("node1", "node2", "node3", "node4");
    for (int k = 1; k <= NODES; k++) {
      String node = "node" + k;
      Section s = sections.get(node);
      String what = node + "\n" + r.output();
      // node1 is this machine: read directly; the others over ssh, named in the diff's labels
      String prefix = k == 1 ? "" : node + ":";
      assertThat(s.header()).as(what).isEqualTo(node + ": " + stack.label() + ": "
          + stack.reason() + "; would change 2 files (dry run: nothing is written)");
      assertThat(s.diffs()).as(what).hasSize(2);

      FileDiff stackDiff = s.diffs().get(0);
      assertThat(stackDiff.to()).as(what).isEqualTo(prefix + "/" + stack.file());
      assertThat(stackDiff.from()).as(what)
          .isEqualTo(sharedStackFile == null ? "/dev/null" : prefix + "/" + stack.file());
      assertThat(stackDiff.text()).as(what).contains("+" + (stack.option().equals("nm")
          ? "address1=" : stack.option().equals("netplan") ? "      addresses: ["
          : "static ip_address=") + Testbed.address(k) + "/24");

      FileDiff hostsDiff = s.diffs().get(1);
      assertThat(hostsDiff.from()).as(what).isEqualTo(prefix + "/etc/hosts");
      assertThat(hostsDiff.to()).as(what).isEqualTo(prefix + "/etc/hosts");
      StringBuilder added = new StringBuilder();
      for (String l : hostsBlock().split("\n")) {
        added.append('+').append(l).append('\n');
      }
      assertThat(hostsDiff.text()).as(what).contains(added.toString());
      // nothing removed: no "-" line but the "--- " header
      assertThat(hostsDiff.text()).as(what).doesNotContainPattern("(?m)^-(?!-- )");
      if (havePatch()) {
        assertThat(patched(hosts.get(k), hostsDiff.text())).as(what)
            .isEqualTo(hostsWithBlock(hosts.get(k)));
        assertStackFile(what, stack, patched(sharedStackFile, stackDiff.text()),
            Testbed.address(k) + "/24");
      }
      // quoting line 3 of the node's own /etc/hosts: every node's private file was read
      assertThat(s.trailer()).as(what).containsExactly(loopbackNote(k));
    }
    // the other nodes were read over ssh: their sshd let pi in; node1's did not hear of it
    for (int k = 2; k <= NODES; k++) {
      assertThat(acceptedLogins(k)).as("ssh logins on node" + k).isGreaterThan(logins.get(k));
    }
    assertThat(acceptedLogins(1)).as("ssh logins on node1").isEqualTo(logins.get(1));
    assertThat(snapshots()).as("a dry run changes nothing").isEqualTo(before);

    // without names: this machine's node only
    Result one = net("--dry-run");
    assertThat(one.exitCode()).as(one.output()).isZero();
    assertThat(sections(one.stdout()).keySet()).as(one.output()).containsExactly("node1");
    assertThat(one.stdout()).as(one.output()).startsWith("node1: " + stack.label() + ": ")
        .contains("\n--- /etc/hosts\n+++ /etc/hosts\n");
    assertThat(snapshots()).as("a dry run changes nothing").isEqualTo(before);
  }

  @Test
  @Order(2)
  void writingAsPiWithoutRootFailsWithOneLinePerNodeAndWritesNothing() {
    assumeMachineStack();
    Map<Integer, String> before = snapshots();
    boolean sudo = testbed.runAs(USER, 1, "sh", "-c", "command -v sudo").exitCode() == 0;
    System.out.println("sudo on the nodes: " + (sudo ? "installed" : "not installed"));
    String remoteFix = sudo
        ? "sudo needs a password; run picluster net on %s itself or allow passwordless sudo"
        : "sudo is not installed; run picluster net on %s itself as root";
    String hereFix = sudo
        ? "sudo needs a password; run picluster net as root or allow passwordless sudo"
        : "sudo is not installed; run picluster net as root";

    Result r = net("node3");
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.stdout()).as(r.output()).isEmpty();
    assertThat(r.stderr()).as(r.output()).isEqualTo("node3: " + remoteFix.formatted("node3")
        + "\n");
    assertThat(snapshots()).as("nothing written\n" + r.output()).isEqualTo(before);

    Result all = net("--all");
    assertThat(all.exitCode()).as(all.output()).isEqualTo(1);
    assertThat(all.stdout()).as(all.output()).isEmpty();
    assertThat(all.stderr()).as(all.output()).isEqualTo(String.join("\n",
        "node1: " + hereFix,
        "node2: " + remoteFix.formatted("node2"),
        "node3: " + remoteFix.formatted("node3"),
        "node4: " + remoteFix.formatted("node4"),
        ""));
    assertThat(snapshots()).as("nothing written\n" + all.output()).isEqualTo(before);
  }

  @Test
  @Order(3)
  void asRootInNode2ARootFolderIsWrittenOnceForEachStack() {
    String cluster = clusterText("10.0.0.0/24");
    String hosts = hostsOf(2);
    String realBefore = snapshot(2);
    String tmp = ok(testbed.run(2, "mktemp", "-d", "/tmp/picluster-net-it.XXXXXX")).strip();
    try {
      writeOnNode(2, tmp + "/cluster.conf", cluster);
      for (String option : List.of("nm", "dhcpcd", "netplan")) {
        String root = tmp + "/" + option;
        String setup = switch (option) {
          case "nm" -> "mkdir -p $R/etc/NetworkManager/system-connections";
          case "dhcpcd" -> "cp -p /etc/dhcpcd.conf $R/etc/dhcpcd.conf"
              + " 2>/dev/null || printf '# dhcpcd.conf\\nhostname\\n' >$R/etc/dhcpcd.conf";
          default -> "mkdir -p $R/etc/netplan";
        };
        // a copy of node2's hosts, the stack's folders, and node2's own addresses for the Wi-Fi
        ok(testbed.run(2, "sh", "-c", String.join("\n",
            "set -e; R=$1; mkdir -p $R/etc $R/run/picluster",
            "cp -p /etc/hosts $R/etc/hosts",
            setup,
            "ip -4 -o addr show >$R/run/picluster/wifi-addresses",
            ""), "setup", root));
        Stack stack = stackFor(option);
        String dhcpcdBefore = option.equals("dhcpcd")
            ? ok(testbed.run(2, "cat", root + "/" + DHCPCD_CONF)) : null;
        String dhcpcdMode = option.equals("dhcpcd")
            ? ok(testbed.run(2, "stat", "-c", "%a", root + "/" + DHCPCD_CONF)).strip() : null;

        Result first = netAsRoot(2, "node2", "--root", root, "--cluster",
            tmp + "/cluster.conf");
        String what = option + "\n" + first.output() + "\n" + listing(2, root);
        assertThat(first.exitCode()).as(what).isZero();
        assertThat(first.stderr()).as(what).isEmpty();
        String stackFile = root + "/" + stack.file();
        String created = option.equals("dhcpcd")
            ? "node2: wrote " + stackFile + " (previous version: " + stackFile
                + ".picluster-backup)"
            : "node2: wrote " + stackFile + " (new, mode 0600)";
        assertThat(first.stdout()).as(what).isEqualTo(String.join("\n",
            "node2: " + stack.label() + ": " + stack.reason(),
            created,
            "node2: wrote " + root + "/etc/hosts (previous version: " + root
                + "/etc/hosts.picluster-backup)",
            "node2: it takes effect when node2 starts from " + root,
            loopbackNote(2),
            ""));
        assertThat(ok(testbed.run(2, "cat", root + "/etc/hosts"))).as(what)
            .isEqualTo(hostsWithBlock(hosts));
        assertThat(ok(testbed.run(2, "cat", root + "/etc/hosts.picluster-backup"))).as(what)
            .isEqualTo(hosts);
        assertThat(ok(testbed.run(2, "stat", "-c", "%a %U", root + "/etc/hosts")).strip())
            .as(what).isEqualTo("644 root");
        String text = ok(testbed.run(2, "cat", stackFile));
        assertStackFile(what, stack, text, "10.0.0.2/24");
        if (option.equals("dhcpcd")) {
          assertThat(text).as(what).startsWith(dhcpcdBefore);
          assertThat(ok(testbed.run(2, "stat", "-c", "%a", stackFile)).strip()).as(what)
              .isEqualTo(dhcpcdMode);
        } else {
          assertThat(ok(testbed.run(2, "stat", "-c", "%a %U", stackFile)).strip()).as(what)
              .isEqualTo("600 root");
        }
        assertThat(ok(testbed.run(2, "find", root, "-name", "*.picluster-new"))).as(what)
            .isEmpty();

        String written = listing(2, root);
        Result second = netAsRoot(2, "node2", "--root", root, "--cluster",
            tmp + "/cluster.conf");
        String again = option + " again\n" + second.output();
        assertThat(second.exitCode()).as(again).isZero();
        assertThat(second.stderr()).as(again).isEmpty();
        assertThat(second.stdout()).as(again).isEqualTo("node2: nothing to change ("
            + stack.label() + ": " + stack.reason() + ")\n" + loopbackNote(2) + "\n");
        assertThat(listing(2, root)).as("a second run writes nothing: " + again)
            .isEqualTo(written);
      }

      // --fix-hosts comments Debian's line out, in the copy only
      String root = tmp + "/nm";
      Result fix = netAsRoot(2, "node2", "--root", root, "--cluster",
          tmp + "/cluster.conf", "--fix-hosts");
      assertThat(fix.exitCode()).as(fix.output()).isZero();
      assertThat(fix.stdout()).as(fix.output()).startsWith("node2: NetworkManager: ")
          .contains("\nnode2: wrote " + root + "/etc/hosts (previous version: ")
          .doesNotContain("127.0.1.1");
      assertThat(ok(testbed.run(2, "cat", root + "/etc/hosts"))).as(fix.output())
          .isEqualTo(hostsWithBlock(hosts).replace("\n127.0.1.1 node2\n",
              "\n# picluster net --fix-hosts: 127.0.1.1 node2\n"));
    } finally {
      testbed.run(2, "rm", "-rf", "--", tmp);
    }
    assertThat(hostsOf(2)).as("node2's own /etc/hosts").isEqualTo(hosts);
    assertThat(snapshot(2)).as("node2's own files").isEqualTo(realBefore);
  }

  @Test
  @Order(4)
  void aBackboneOverlappingTheWifiIsRefusedInOneLineAndNothingIsWritten() {
    String clusterFile = "/home/pi/wifi-backbone.conf";
    ok(testbed.runAs(USER, 1, "sh", "-c", "printf %s \"$1\" >\"$2\"", "write",
        clusterText(WIFI_NET), clusterFile));
    Map<Integer, String> before = snapshots();
    String refusal = "the backbone " + WIFI_NET + " overlaps node1's Wi-Fi subnet " + WIFI_NET
        + " (wlan0 192.168.50.1/24); pick a backbone apart from the Wi-Fi in the cluster file,"
        + " e.g. 10.0.0.0/24";
    for (List<String> args : List.of(
        List.of("--cluster", clusterFile),
        List.of("--cluster", clusterFile, "--dry-run"),
        List.of("--all", "--cluster", clusterFile))) {
      Result r = net(args.toArray(String[]::new));
      String what = args + "\n" + r.output();
      assertThat(r.exitCode()).as(what).isEqualTo(2);
      assertThat(r.stdout()).as(what).isEmpty();
      assertThat(r.stderr()).as(what).isEqualTo("picluster: " + refusal
          + " (see 'picluster net --help')\n");
      assertThat(snapshots()).as("nothing written: " + what).isEqualTo(before);
    }

    // the same as root inside node2 on a copy of its files, its Wi-Fi saved beside them
    String tmp = ok(testbed.run(2, "mktemp", "-d", "/tmp/picluster-net-it.XXXXXX")).strip();
    try {
      String root = tmp + "/root";
      writeOnNode(2, tmp + "/cluster.conf", clusterText(WIFI_NET));
      ok(testbed.run(2, "sh", "-c", String.join("\n",
          "set -e; R=$1; mkdir -p $R/etc/NetworkManager/system-connections $R/run/picluster",
          "cp -p /etc/hosts $R/etc/hosts",
          "ip -4 -o addr show >$R/run/picluster/wifi-addresses",
          ""), "setup", root));
      String listed = listing(2, root);
      Result r = netAsRoot(2, "node2", "--root", root, "--cluster", tmp + "/cluster.conf");
      assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
      assertThat(r.stdout()).as(r.output()).isEmpty();
      assertThat(r.stderr()).as(r.output()).isEqualTo("picluster: the backbone " + WIFI_NET
          + " overlaps node2's Wi-Fi subnet " + WIFI_NET + " (wlan0 192.168.50.2/24); pick a"
          + " backbone apart from the Wi-Fi in the cluster file, e.g. 10.0.0.0/24 (see"
          + " 'picluster net --help')\n");
      assertThat(listing(2, root)).as("nothing written: " + r.output()).isEqualTo(listed);
    } finally {
      testbed.run(2, "rm", "-rf", "--", tmp);
    }
    assertThat(snapshots()).as("nothing written").isEqualTo(before);
  }

  // ---- helpers

  /** A cluster file for node1..node4 at .1 to .4 of NETWORK (a /24), master node1, user pi. */
  private static String clusterText(String network) {
    String base = network.substring(0, network.lastIndexOf('.') + 1);
    StringBuilder text = new StringBuilder("network " + network + "\nuser pi\nmaster node1\n");
    for (int k = 1; k <= NODES; k++) {
      text.append("node node").append(k).append(' ').append(base).append(k).append('\n');
    }
    return text.toString();
  }

  private void writeOnNode(int node, String path, String text) {
    ok(testbed.run(node, "sh", "-c", "printf %s \"$1\" >\"$2\"", "write", text, path));
  }

  /** Every file under DIR on node K with its mode, owner, size, time and checksum. */
  private String listing(int node, String dir) {
    return ok(testbed.run(node, "sh", "-c",
        "cd \"$1\" && find . -printf '%p %y %m %u %s %T@\\n' | sort"
            + " && find . -type f -exec sha256sum {} + | sort", "list", dir));
  }

  private static Stack stackFor(String option) {
    return switch (option) {
      case "nm" -> new Stack("nm", "NetworkManager", "/etc/NetworkManager is there", NM_KEYFILE);
      case "netplan" -> new Stack("netplan", "netplan", "/etc/netplan is there, NetworkManager"
          + " is not", NETPLAN_FILE);
      default -> new Stack("dhcpcd", "dhcpcd", "/etc/dhcpcd.conf is there, NetworkManager and"
          + " netplan are not", DHCPCD_CONF);
    };
  }
}
