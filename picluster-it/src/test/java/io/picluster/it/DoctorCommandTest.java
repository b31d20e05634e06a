package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.picluster.it.testbed.Testbed;
import io.picluster.it.testbed.Testbed.Result;
import io.picluster.launch.detect.ElfArch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code picluster doctor} on a testbed of four namespace "Pis", run as pi on node1 (the master)
 * with the cluster file in pi's ~/.config/picluster there. The first test sees a healthy cluster
 * and must find no fault; each of the others breaks one thing on purpose (the issue's list: a
 * hostname mapped to 127.0.1.1, the program missing on one node, a firewall in one node, a
 * throttled node, a changed host key, a stopped sshd), checks that doctor names the fault and its
 * fix, and repairs it in {@code finally}.
 *
 * <p>Healthy means what {@code picluster net --fix-hosts} and {@code picluster install} would
 * leave: the testbed writes Debian's {@code 127.0.1.1 nodeK} line into every node's /etc/hosts,
 * so the set-up comments it out (in place: the file is bind-mounted into the node), and
 * picluster is installed on every node (by {@code picluster install}, or, where that command is
 * not usable, staged by one launch, which leaves the versions check a warning).
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class DoctorCommandTest {
  private static final String USER = Testbed.USER;
  private static final int NODES = 4;
  private static final String PROGRAM = "/home/pi/prog.sh";
  private static final String CLUSTER_FILE = String.join("\n",
      "# the testbed: four Pis on 10.0.0.0/24",
      "network 10.0.0.0/24",
      "interface eth0",
      "user pi",
      "master node1",
      "node node1 10.0.0.1",
      "node node2 10.0.0.2",
      "node node3 10.0.0.3",
      "node node4 10.0.0.4",
      "");
  /** How long one doctor run may take: ssh, a JVM start per node, 2 s connects, margins. */
  private static final Duration DOCTOR_BOUND = Duration.ofSeconds(45);

  private Testbed testbed;
  private Path jar;
  private String java;
  private String whyNoTestbed;
  private final Map<Integer, String> debianHosts = new HashMap<>();

  @BeforeAll
  void up() {
    jar = ExamplesProject.launcherJar();
    java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    whyNoTestbed = Testbed.unusableBecause().orElse(null);
    if (whyNoTestbed != null) {
      return;
    }
    testbed = Testbed.up(NODES);
    setUpHealthyCluster();
  }

  @AfterAll
  void down() {
    if (testbed != null) {
      testbed.close();
    }
  }

  private void assumeTestbed() {
    assumeTrue(testbed != null, () -> "testbed skipped: " + whyNoTestbed);
  }

  private void setUpHealthyCluster() {
    for (int k = 1; k <= NODES; k++) {
      debianHosts.put(k, read(hostsFile(k)));
      writeInPlace(hostsFile(k), withoutLoopbackLine(debianHosts.get(k)));
      ok(testbed.run(k, "sh", "-c", "printf '#!/bin/sh\\necho prime time\\n' >" + PROGRAM
          + " && chown pi:pi " + PROGRAM + " && chmod 755 " + PROGRAM));
    }
    ok(testbed.runAs(USER, 1, "sh", "-c", "mkdir -p ~/.config/picluster && cat"
        + " >~/.config/picluster/cluster.conf <<'EOF'\n" + CLUSTER_FILE + "EOF\n"));
    Result install = picluster("install");
    System.out.println("picluster install: " + install.output());
    if (install.exitCode() != 0) {
      // install is not usable here (yet): a launch stages picluster into every node's cache
      Result staged = picluster("exec", "--hosts", "10.0.0.1,10.0.0.2,10.0.0.3,10.0.0.4",
          "true");
      assertThat(staged.exitCode()).as(staged.output()).isZero();
    }
  }

  // ---- the cases

  @Test
  @Order(1)
  void aHealthyClusterHasNoFaultAndEveryCheckSaysOkForEveryNode() {
    assumeTestbed();
    Result r = doctor("--program", PROGRAM);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).doesNotContainPattern("(?m)^FAIL");
    assertThat(r.stdout()).as(r.output()).startsWith("picluster doctor: node1 (master), node2,"
        + " node3, node4, backbone 10.0.0.0/24 on eth0, program " + PROGRAM + "\n");
    for (int k = 1; k <= NODES; k++) {
      String node = "node" + k;
      for (String check : List.of("ssh", "backbone", "names", "program", "arch", "ports", "clock",
          "throttling")) {
        assertThat(r.stdout()).as(check + " on " + node + "\n" + r.output())
            .containsPattern("(?m)^OK +" + check + " +" + node + " ");
      }
      // installed: the same everywhere; only staged by a launch: a warning naming install
      assertThat(r.stdout()).as(r.output())
          .containsPattern("(?m)^(OK +versions +" + node + " +picluster 0\\.1\\.0"
              + "|WARN +versions +" + node + " .*picluster install)");
    }
    assertThat(r.stdout()).as(r.output())
        .contains("\nOK    ports       node1  TCP to node2, node3, node4 and from them works\n")
        .contains("\nOK    backbone    node3  10.0.0.3/24 on eth0\n")
        .contains("\nOK    names       node2  node2 resolves to 10.0.0.2; node1, node3, node4"
            + " to theirs (getent)\n")
        .containsPattern("(?m)^doctor: 4 nodes, [0-9]+ checks: [0-9]+ OK, [0-9]+ WARN, 0 FAIL$");
  }

  @Test
  @Order(1)
  void inTheCLocaleEveryLineIsPlainAsciiWithTheClockUncertaintyAsPlusMinus() {
    assumeTestbed();
    // An ssh session without LANG: Java's output charset is ASCII, which has no "\u00b1". The
    // lines must be those of a UTF-8 locale (but for the measured numbers): no '?' for a symbol.
    Map<String, String> byLocale = new HashMap<>();
    for (String locale : List.of("C.UTF-8", "C")) {
      Result r = testbed.exec(Testbed.COMMAND_TIMEOUT, USER, 1, List.of("env", "LANG=" + locale,
          "LC_ALL=" + locale, java, "-jar", jar.toString(), "doctor"));
      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.stdout()).as(r.output()).matches("[\\x20-\\x7e\n]*");
      for (int k = 1; k <= NODES; k++) {
        assertThat(r.stdout()).as(r.output()).containsPattern("(?m)^OK +clock +node" + k
            + " +clock [+-][0-9.]+ (ms|s) from this machine's \\(\\+/-[0-9.]+ (ms|s)\\)$");
      }
      byLocale.put(locale, r.stdout().replaceAll("[+-]?[0-9a-f]*[0-9][0-9a-f]*", "N"));
    }
    assertThat(byLocale.get("C")).isEqualTo(byLocale.get("C.UTF-8"));
  }

  @Test
  @Order(2)
  void nodesGivenByAddressAreKnownByTheirOwnHostNames() {
    assumeTestbed();
    Result r = doctor("--hosts", "10.0.0.1,10.0.0.2,10.0.0.3,10.0.0.4", "--problems");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).isEqualTo("picluster doctor: 10.0.0.1, 10.0.0.2,"
        + " 10.0.0.3, 10.0.0.4\ndoctor: 4 nodes, 32 checks: 32 OK, 0 WARN, 0 FAIL\n");
    // the same, every line: each node's names are the other nodes' own host names
    Result all = doctor("--hosts", "10.0.0.1,10.0.0.2,10.0.0.3,10.0.0.4");
    assertThat(all.stdout()).as(all.output()).contains("\nOK    names       10.0.0.3  node3"
        + " resolves to 10.0.0.3; node1, node2, node4 to theirs (getent)\n");
  }

  @Test
  @Order(3)
  void aHostNameMappedTo127011IsNamedWithTheFixHostsFix() {
    assumeTestbed();
    writeInPlace(hostsFile(3), debianHosts.get(3)); // the testbed's own, as Debian writes it
    try {
      Result r = doctor();
      assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
      assertThat(r.stdout()).as(r.output()).containsPattern("(?m)^FAIL +names +node3 +node3"
          + " resolves to 127\\.0\\.1\\.1 \\(loopback\\) on node3 \\(getent ahostsv4 node3:"
          + " 127\\.0\\.1\\.1, 10\\.0\\.0\\.3\\).*  -> fix: comment out the '127\\.0\\.1\\.1 node3'"
          + " line in node3's /etc/hosts: picluster net node3 --fix-hosts");
      assertOnlyFaults(r, "names +node3 ");
    } finally {
      writeInPlace(hostsFile(3), withoutLoopbackLine(debianHosts.get(3)));
    }
  }

  @Test
  @Order(4)
  void aProgramMissingOnOneNodeAndDifferentOnAnotherAreNamedWithPiclusterCopy() {
    assumeTestbed();
    ok(testbed.run(2, "rm", "-f", PROGRAM));
    ok(testbed.run(4, "sh", "-c", "echo '# changed' >>" + PROGRAM));
    try {
      Result r = doctor("--program", PROGRAM);
      assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
      assertThat(r.stdout()).as(r.output())
          .contains("FAIL  program     node2  /home/pi/prog.sh is not there  -> fix: copy it"
              + " there: picluster copy /home/pi/prog.sh --hosts 10.0.0.2 (puts it at the same"
              + " path, with its mode)")
          .containsPattern("(?m)^FAIL +program +node4 +/home/pi/prog\\.sh differs from this"
              + " machine's \\(SHA-256 [0-9a-f]{8} there, [0-9a-f]{8} here\\)  -> fix: copy it"
              + " there: picluster copy /home/pi/prog\\.sh --hosts 10\\.0\\.0\\.4")
          .containsPattern("(?m)^OK +program +node3 ");
      assertOnlyFaults(r, "program +node[24] ");
    } finally {
      for (int k : new int[] {2, 4}) {
        ok(testbed.run(k, "sh", "-c", "printf '#!/bin/sh\\necho prime time\\n' >" + PROGRAM
            + " && chown pi:pi " + PROGRAM + " && chmod 755 " + PROGRAM));
      }
    }
  }

  @Test
  @Order(5)
  void aFirewallInOneNodeIsNamedPerDirectedPairWithTheRuleToAdd() {
    assumeTestbed();
    Optional<Path> nft = Stream.of("/usr/sbin/nft", "/sbin/nft", "/usr/bin/nft").map(Path::of)
        .filter(Files::isExecutable).findFirst();
    assumeTrue(nft.isPresent(), "nft is missing: apt-get install nftables (add it to .ci/run)");
    // as ufw's default does: what node3 started may answer, ssh may come in, nothing else may
    ok(testbed.run(3, "sh", "-c", String.join(" && ",
        nft.get() + " add table inet picluster_doctor_test",
        nft.get() + " add chain inet picluster_doctor_test input"
            + " '{ type filter hook input priority 0 ; policy accept ; }'",
        nft.get() + " add rule inet picluster_doctor_test input ct state established,related"
            + " accept",
        nft.get() + " add rule inet picluster_doctor_test input tcp dport 22 accept",
        nft.get() + " add rule inet picluster_doctor_test input tcp dport 1024-65535 drop")));
    try {
      Result r = doctor();
      assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
      for (int from : new int[] {1, 2, 4}) {
        assertThat(r.stdout()).as(r.output()).containsPattern("(?m)^FAIL +ports +node" + from
            + " -> node3 +cannot connect from 10\\.0\\.0\\." + from + " to 10\\.0\\.0\\.3:[0-9]+"
            + " \\(node3's probe\\): no answer within 2 s \\(dropped: a firewall\\)  -> fix: let"
            + " TCP within the backbone through the firewall on node3 .*sudo ufw allow from"
            + " 10\\.0\\.0\\.0/24 \\(ufw\\), sudo nft insert rule inet filter input ip saddr"
            + " 10\\.0\\.0\\.0/24 accept \\(nftables\\)");
      }
      // node3's own connections out work: its firewall lets their answers in
      assertThat(r.stdout()).as(r.output()).doesNotContainPattern("node3 -> node");
      assertOnlyFaults(r, "ports +node[124] -> node3 ");
    } finally {
      ok(testbed.run(3, nft.get().toString(), "delete", "table", "inet", "picluster_doctor_test"));
    }
  }

  @Test
  @Order(6)
  void aThrottledNodeFailsAndOneThatThrottledSinceBootIsAWarning() {
    assumeTestbed();
    // the status probe's test hook: node4's firmware flags come from a folder in pi's home
    String flags = "/home/pi/fake-root/sys/devices/platform/soc/soc:firmware";
    ok(testbed.runAs(USER, 4, "sh", "-c", "mkdir -p '" + flags + "' ~/.config/picluster"
        + " && echo 50005 >'" + flags + "/get_throttled'"
        + " && echo /home/pi/fake-root >~/.config/picluster/fake-root"));
    try {
      Result now = doctor();
      assertThat(now.exitCode()).as(now.output()).isEqualTo(1);
      assertThat(now.stdout()).as(now.output()).containsPattern("(?m)^FAIL +throttling +node4"
          + " +under-voltage now, throttled now \\(sysfs 0x50005\\).*  -> fix: give it a supply"
          + " that holds 5\\.1 V.*heatsink");
      assertOnlyFaults(now, "throttling +node4 ");
      ok(testbed.runAs(USER, 4, "sh", "-c", "echo 50000 >'" + flags + "/get_throttled'"));
      Result since = doctor();
      assertThat(since.exitCode()).as(since.output()).isZero();
      assertThat(since.stdout()).as(since.output()).containsPattern("(?m)^WARN +throttling +node4"
          + " +under-voltage since boot, throttled since boot \\(sysfs 0x50000\\)");
    } finally {
      ok(testbed.runAs(USER, 4, "rm", "-rf", "/home/pi/fake-root",
          "/home/pi/.config/picluster/fake-root"));
    }
  }

  @Test
  @Order(7)
  void thePortProbeRunsFromALaunchsStagedJarAndWithoutAnyJarSaysItCannotProbe() {
    assumeTestbed();
    // node2 without its installed picluster: the jar a launch staged (install leaves one too)
    ok(testbed.runAs(USER, 2, "sh", "-c", "mv ~/.local/share/picluster ~/picluster-installed"
        + " && ls ~/.cache/picluster/*/picluster.jar"));
    try {
      Result staged = doctor();
      assertThat(staged.stdout()).as(staged.output()).containsPattern("(?m)^OK +ports +node2 +TCP"
          + " to node1, node3, node4 and from them works$");
      // the others have picluster installed, node2 has not: they differ
      assertThat(staged.stdout()).as(staged.output()).containsPattern("(?m)^FAIL +versions"
          + " +node2 +node2 \\(10\\.0\\.0\\.2\\) has no picluster installed  -> fix: picluster"
          + " install");
      assertOnlyFaults(staged, "versions +node2 ");
      // and with no picluster jar at all, the probe cannot run there
      ok(testbed.runAs(USER, 2, "sh", "-c", "mv ~/.cache/picluster ~/picluster-cache"));
      Result none = doctor();
      assertThat(none.stdout()).as(none.output()).contains("\nWARN  ports       node2  cannot"
          + " probe its ports: there is no picluster jar there (installed or staged by a launch)"
          + "  -> fix: picluster install puts picluster (which carries the probe) on every node;"
          + " it needs Java 17 there\n");
      assertThat(none.stdout()).as(none.output()).containsPattern("(?m)^OK +ports +node1 +TCP"
          + " to node3, node4 and from them works$");
      assertOnlyFaults(none, "versions +node2 ");
    } finally {
      ok(testbed.runAs(USER, 2, "sh", "-c", "if [ -d ~/picluster-cache ]; then rm -rf"
          + " ~/.cache/picluster && mv ~/picluster-cache ~/.cache/picluster; fi; if [ -d"
          + " ~/picluster-installed ]; then rm -rf ~/.local/share/picluster && mv"
          + " ~/picluster-installed ~/.local/share/picluster; fi"));
    }
  }

  @Test
  @Order(8)
  void aChangedHostKeyIsNamedWithSshKeygenRAndPiclusterKeys() {
    assumeTestbed();
    // node1 records another ed25519 key for 10.0.0.2, as if node2 had been re-installed
    ok(testbed.runAs(USER, 1, "sh", "-c", String.join(" && ",
        "rm -f /tmp/other_key /tmp/other_key.pub",
        "ssh-keygen -q -t ed25519 -N '' -f /tmp/other_key",
        "ssh-keygen -R 10.0.0.2 -f ~/.ssh/known_hosts >/dev/null 2>&1",
        "read -r t k x </tmp/other_key.pub",
        "echo \"10.0.0.2 $t $k\" >>~/.ssh/known_hosts")));
    try {
      Result r = doctor();
      assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
      assertThat(r.stdout()).as(r.output()).containsPattern("(?m)^FAIL +ssh +node2 +node2's host"
          + " key is not the one on record here \\(REMOTE HOST IDENTIFICATION HAS CHANGED\\):"
          + " Host key verification failed\\.  -> fix: if node2 was re-installed, forget its old"
          + " key with 'ssh-keygen -R 10\\.0\\.0\\.2' and 'ssh-keygen -R node2', then run"
          + " picluster keys");
      assertThat(r.stdout()).as(r.output()).contains("node2 was checked for ssh only");
      assertOnlyFaults(r, "ssh +node2 ");
    } finally {
      ok(testbed.runAs(USER, 1, "sh", "-c", "ssh-keygen -R 10.0.0.2 -f ~/.ssh/known_hosts"
          + " >/dev/null 2>&1; rm -f /tmp/other_key /tmp/other_key.pub"));
    }
  }

  @Test
  @Order(9)
  void aStoppedSshdIsNamedAsNoSshServerAndTheOtherNodesAreStillChecked() {
    assumeTestbed();
    long sshd = testbed.sshdPid(3).orElseThrow();
    // the testbed's own sshd of node3, killed by its PID only
    ProcessHandle.of(sshd).ifPresent(ProcessHandle::destroy);
    await().atMost(Duration.ofSeconds(30))
        .until(() -> ProcessHandle.of(sshd).map(h -> !h.isAlive()).orElse(true));
    try {
      Result r = doctor();
      assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
      assertThat(r.stdout()).as(r.output()).contains("FAIL  ssh         node3  nothing answers"
          + " ssh at 10.0.0.3:22 (connection refused): the SSH server is not running there  ->"
          + " fix: start the SSH server on node3: sudo systemctl enable --now ssh");
      assertThat(r.stdout()).as(r.output()).containsPattern("(?m)^OK +ports +node1 +TCP to"
          + " node2, node4 and from them works$");
      assertOnlyFaults(r, "ssh +node3 ");
    } finally {
      restartSshd(3);
    }
  }

  @Test
  @Order(10)
  void aJarWithoutTheNodesArchitecturesLibraryFailsEveryNodeWithTheCrossCompilerToInstall()
      throws Exception {
    assumeTestbed();
    String arch = ElfArch.ofThisJvm(); // the testbed's nodes run this machine's java
    Path stripped = withoutEntry(jar, "native/" + arch + "/libpicluster-pmi.so");
    try {
      Result r = testbed.exec(Testbed.COMMAND_TIMEOUT, USER, 1,
          List.of(java, "-jar", stripped.toString(), "doctor"));
      System.out.println("doctor with a jar lacking " + arch + ": exit " + r.exitCode() + "\n"
          + r.stdout());
      assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
      for (int k = 1; k <= NODES; k++) {
        assertThat(r.stdout()).as(r.output()).containsPattern("(?m)^FAIL +arch +node" + k + " +"
            + arch + " \\(java at /[^)]+\\), and this picluster\\.jar has no libpicluster-pmi\\.so"
            + " or picluster-pmix for " + arch + ": Open MPI programs would fail there  -> fix:"
            + " build picluster where gcc-[a-z0-9-]+ and libpmix-dev are installed \\(apt-get"
            + " install gcc-[a-z0-9-]+ libpmix-dev; mvn -B -Prelease package, .*\\)$");
      }
      assertOnlyFaults(r, "arch +node[1-4] ");
      // the whole jar has it: every node OK
      Result whole = doctor();
      assertThat(whole.stdout()).as(whole.output()).doesNotContainPattern("(?m)^FAIL +arch");
      for (int k = 1; k <= NODES; k++) {
        assertThat(whole.stdout()).as(whole.output()).containsPattern("(?m)^OK +arch +node" + k
            + " +" + arch + " \\(java at /[^)]+\\): this picluster has its Open MPI files for it$");
      }
    } finally {
      Files.deleteIfExists(stripped);
      Files.deleteIfExists(stripped.getParent());
    }
  }

  /** A copy of JAR without the entry NAME, in its own folder under target/ (the nodes see it). */
  private static Path withoutEntry(Path jar, String name) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "doctor-arch-it-"
        + ProcessHandle.current().pid()).toAbsolutePath());
    Path copy = dir.resolve("picluster.jar");
    boolean found = false;
    try (ZipFile in = new ZipFile(jar.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
      for (ZipEntry e : Collections.list(in.entries())) {
        if (e.getName().equals(name)) {
          found = true;
          continue;
        }
        out.putNextEntry(new ZipEntry(e.getName()));
        try (InputStream data = in.getInputStream(e)) {
          data.transferTo(out);
        }
        out.closeEntry();
      }
    }
    assertThat(found).as(name + " in " + jar).isTrue();
    return copy;
  }

  @Test
  @Order(10)
  void badInputIsOneLineAndExitCode2() throws Exception {
    // no testbed needed: this machine, as root
    for (List<String> args : List.of(
        List.of("doctor", "--program", "/no/such/program"),
        List.of("doctor", "--cluster", "/no/such/cluster.conf"),
        List.of("doctor", "--hosts", "10.0.0.1", "--cluster", "/no/such/cluster.conf"))) {
      List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
      command.addAll(args);
      Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
          new java.io.File("/dev/null"))).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(args + ": " + out + err).isEqualTo(2);
      assertThat(out).as(args.toString()).isEmpty();
      assertThat(err.lines()).as(args + ": " + err).hasSize(1);
      assertThat(err).startsWith("picluster: ").endsWith("(see 'picluster doctor --help')\n");
    }
  }

  // ---- helpers

  /** Every FAIL line matches {@code pattern} (after "FAIL "), and there is at least one. */
  private static void assertOnlyFaults(Result r, String pattern) {
    Pattern p = Pattern.compile("^FAIL +" + pattern);
    List<String> fails = r.stdout().lines().filter(l -> l.startsWith("FAIL")).toList();
    assertThat(fails).as(r.output()).isNotEmpty().allMatch(l -> p.matcher(l).find());
  }

  /** {@code picluster doctor ARGS} as pi on node1, timed and bounded. */
  private Result doctor(String... args) {
    List<String> all = new ArrayList<>(List.of("doctor"));
    all.addAll(List.of(args));
    long start = System.nanoTime();
    Result r = picluster(all.toArray(String[]::new));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    System.out.printf("doctor %s: exit %d in %.1f s%n%s", String.join(" ", args), r.exitCode(),
        took.toMillis() / 1000.0, r.stdout());
    assertThat(took).as(r.output()).isLessThanOrEqualTo(DOCTOR_BOUND);
    assertThat(r.stderr()).as(r.output()).isEmpty();
    return r;
  }

  /** {@code java -jar picluster.jar ARGS...} as pi on node1, in pi's home folder. */
  private Result picluster(String... args) {
    List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
    command.addAll(List.of(args));
    return testbed.exec(Testbed.COMMAND_TIMEOUT, USER, 1, command);
  }

  /** Node K's /etc/hosts, as the testbed keeps it on this machine (bind-mounted into the node). */
  private static Path hostsFile(int k) {
    return Testbed.stateDir().resolve("node" + k).resolve("etc").resolve("hosts");
  }

  private static String withoutLoopbackLine(String hosts) {
    return hosts.lines().filter(l -> !l.startsWith("127.0.1.1"))
        .map(l -> l + "\n").reduce("", String::concat);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Rewrites the file's content in place (same inode): a bind mount of it sees the change. */
  private static void writeInPlace(Path p, String text) {
    try (var out = new java.io.FileOutputStream(p.toFile(), false)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Starts node K's sshd again as the testbed did (or brings up a fresh, healthy testbed). */
  private void restartSshd(int node) {
    try {
      OnTheTestbed.restartSshd(testbed, node);
    } catch (AssertionError | org.awaitility.core.ConditionTimeoutException e) {
      System.out.println("node" + node + "'s sshd did not come back (" + e.getMessage()
          + "); bringing up a fresh testbed");
      testbed.close();
      testbed = Testbed.up(NODES);
      setUpHealthyCluster();
    }
  }

  private static String ok(Result r) {
    return OnTheTestbed.ok(r);
  }
}
