package io.picluster.it;

import static io.picluster.it.OnTheTestbed.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picluster.it.testbed.Testbed;
import io.picluster.it.testbed.Testbed.Result;
import io.picluster.testkit.Json;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code picluster status} on a testbed of four namespace "Pis", run as pi on node1 (the master)
 * with a cluster file naming node1..node4: every node up with values that match this machine (the
 * nodes share its kernel and clock), JSON that parses, a node faked as throttled and hot through
 * the probe's fake-root test hook, a node whose sshd is killed or whose link is down shown as down
 * within the deadline while the others are shown, and {@code --watch}.
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class StatusCommandTest {
  private static final String USER = Testbed.USER;
  private static final int NODES = 4;
  /** The 5 s per node, plus the launcher JVM's start on a loaded machine. */
  private static final Duration DOWN_BOUND = Duration.ofSeconds(10);

  private Testbed testbed;
  private Path jar;

  @BeforeAll
  void up() throws IOException {
    Testbed.assumeUsable();
    jar = PiclusterJar.stableCopy("status");
    testbed = Testbed.up(NODES);
    OnTheTestbed.writeClusterFile(testbed, 1);
    // node4 is a hot, throttled Pi 4 (sysfs); node3 has a vcgencmd that reports past trouble
    ok(testbed.runAs(USER, 4, "sh", "-c", String.join("\n",
        "set -e; r=$HOME/fake",
        "mkdir -p \"$r/sys/devices/platform/soc/soc:firmware\" $r/sys/class/thermal/thermal_zone0"
            + " $r/proc/device-tree ~/.config/picluster",
        "echo 50005 >\"$r/sys/devices/platform/soc/soc:firmware/get_throttled\"",
        "echo 85012 >$r/sys/class/thermal/thermal_zone0/temp",
        "printf 'Raspberry Pi 4 Model B Rev 1.4\\0' >$r/proc/device-tree/model",
        "echo $r >~/.config/picluster/fake-root")));
    ok(testbed.runAs(USER, 3, "sh", "-c", String.join("\n",
        "set -e; r=$HOME/fake",
        "mkdir -p $r/usr/bin ~/.config/picluster",
        "printf '#!/bin/sh\\necho throttled=0x50000\\n' >$r/usr/bin/vcgencmd",
        "chmod +x $r/usr/bin/vcgencmd",
        "echo $r >~/.config/picluster/fake-root")));
  }

  @AfterAll
  void down() throws IOException {
    if (testbed != null) {
      testbed.close();
    }
    PiclusterJar.deleteStableCopy(jar);
  }

  private Result status(String... args) {
    return PiclusterJar.onMaster(testbed, jar, "status", args);
  }

  /** The table's rows by node name (the header under "NODE"). */
  private static Map<String, String> rows(String table) {
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : table.split("\n")) {
      Matcher m = Pattern.compile("^(\\S+)\\s+(up|down)\\s").matcher(line);
      if (m.find()) {
        rows.put(m.group(1), line);
      }
    }
    return rows;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> jsonNodes(String json) {
    Map<String, Object> top = (Map<String, Object>) Json.parse(json.strip());
    Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
    for (Object n : (List<Object>) top.get("nodes")) {
      Map<String, Object> node = (Map<String, Object>) n;
      nodes.put((String) node.get("name"), node);
    }
    return nodes;
  }

  /** A JSON number of the node's (an Integer or a Double, as the reader gives it). */
  private static double number(Map<String, Object> node, String key) {
    Object v = node.get(key);
    assertThat(v).as(key + " in " + node).isInstanceOf(Number.class);
    return ((Number) v).doubleValue();
  }

  private static String here(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    p.waitFor();
    return out;
  }

  private static String prettyName() throws IOException {
    for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
      if (line.startsWith("PRETTY_NAME=")) {
        return line.substring("PRETTY_NAME=".length()).replace("\"", "");
      }
    }
    return null;
  }

  // ---- the tests

  @Test
  @Order(1)
  void everyNodeIsUpWithValuesThatMatchThisMachine() throws Exception {
    long start = System.nanoTime();
    Result r = status("--json");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(took).as(r.output()).isLessThan(DOWN_BOUND);
    assertThat(r.stdout().strip()).as("one line of JSON").doesNotContain("\n");

    Map<String, Map<String, Object>> nodes = jsonNodes(r.stdout());
    assertThat(nodes.keySet()).containsExactly("node1", "node2", "node3", "node4");
    String arch = here("uname", "-m");
    double memTotalMib = Math.floor(Long.parseLong(here("sh", "-c",
        "sed -n 's/^MemTotal: *\\([0-9]*\\) kB/\\1/p' /proc/meminfo")) / 1024.0);
    double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
    for (int k = 1; k <= NODES; k++) {
      Map<String, Object> n = nodes.get("node" + k);
      String what = "node" + k + ": " + n;
      assertThat(n).as(what).containsEntry("up", true).containsEntry("error", null)
          .containsEntry("address", Testbed.address(k)).containsEntry("user", "pi")
          .containsEntry("hostname", "node" + k).containsEntry("arch", arch)
          .containsEntry("os", prettyName()).containsEntry("picluster", null)
          .doesNotContainKey("slurm"); // no Slurm set up on this testbed
      assertThat((String) n.get("java")).as(what).matches("[0-9]+(\\.[0-9]+)*.*");
      assertThat(number(n, "java_major")).as(what).isGreaterThanOrEqualTo(17.0);
      assertThat(number(n, "load1")).as(what).isGreaterThanOrEqualTo(0.0);
      assertThat(number(n, "cpus")).as(what).isGreaterThanOrEqualTo(1.0);
      assertThat(number(n, "mem_total_mib")).as(what).isEqualTo(memTotalMib);
      assertThat(number(n, "mem_used_mib")).as(what).isBetween(1.0, memTotalMib);
      assertThat(number(n, "disk_free_gib")).as(what).isPositive()
          .isLessThanOrEqualTo(number(n, "disk_total_gib"));
      assertThat(number(n, "uptime_s")).as(what).isBetween(uptime - 60, uptime + 60);
      // one clock for all: the offset is 0, which the round trip's bounds must contain
      double offset = number(n, "clock_offset_ms");
      double uncertainty = number(n, "clock_uncertainty_ms");
      System.out.printf("node%d clock offset %.3f ms +- %.3f ms%n", k, offset, uncertainty);
      assertThat(uncertainty).as(what).isBetween(0.0, 500.0);
      assertThat(Math.abs(offset)).as(what).isLessThanOrEqualTo(uncertainty + 1);
    }
    // no thermal zone or firmware here: unknown, not zero
    assertThat(nodes.get("node1")).containsEntry("temp_c", null).containsEntry("throttled", null)
        .containsEntry("throttle_flags", null).containsEntry("model", null);
  }

  @Test
  @Order(2)
  void theTableHasARowPerNodeWithAlignedColumns() {
    Result r = status();
    assertThat(r.exitCode()).as(r.output()).isZero();
    String[] lines = r.stdout().split("\n");
    assertThat(lines).as(r.output()).hasSize(1 + NODES);
    String header = lines[0];
    assertThat(header).startsWith("NODE ").contains(" STATE ", " HOSTNAME ", " ARCH ", " OS ",
        " JAVA ", " PICLUSTER ", " LOAD ", " MEMORY ", " DISK FREE ", " TEMP ", " THROTTLING ",
        " CLOCK ").endsWith(" UPTIME");
    for (int k = 1; k <= NODES; k++) {
      String row = lines[k];
      assertThat(row).as(r.output()).startsWith("node" + k + " ");
      for (String left : List.of("STATE", "HOSTNAME", "ARCH", "OS")) {
        int at = header.indexOf(" " + left + " ") + 1;
        assertThat(row.charAt(at - 1)).as(left + " in " + row).isEqualTo(' ');
        assertThat(row.charAt(at)).as(left + " in " + row).isNotEqualTo(' ');
      }
      assertThat(row.substring(header.indexOf(" STATE ") + 1)).startsWith("up ");
      assertThat(row.substring(header.indexOf(" HOSTNAME ") + 1)).startsWith("node" + k + " ");
      assertThat(row).as("right-aligned last column").hasSize(header.length());
      assertThat(row).containsPattern(" [0-9]+/[0-9]+ MiB ").containsPattern(" [0-9]+\\.[0-9] GiB ")
          .containsPattern(" [+-][0-9]+ ms ");
    }
    assertThat(r.stderr()).as(r.output()).isEmpty();
  }

  @Test
  @Order(3)
  void theFakedThrottledNodesShowTheirFlags() {
    Result table = status();
    Map<String, String> rows = rows(table.stdout());
    assertThat(rows.get("node4")).as(table.output())
        .containsPattern("85\\.0(°| )C  under-voltage now, throttled now ");
    assertThat(rows.get("node3")).as(table.output())
        .contains(" under-voltage since boot, throttled since boot ");
    assertThat(rows.get("node2")).as(table.output()).containsPattern(" -  - +[+-]");

    // The degree sign only where the locale has it: in the C locale (plain ASCII), "85.0 C".
    for (String locale : List.of("C.UTF-8", "C")) {
      Result shown = PiclusterJar.timed(testbed, 1, "picluster status (LC_ALL=" + locale + ")",
          List.of("env", "LANG=" + locale, "LC_ALL=" + locale, PiclusterJar.java(), "-jar",
              jar.toString(), "status"));
      assertThat(rows(shown.stdout()).get("node4")).as(shown.output())
          .contains(locale.equals("C") ? "85.0 C  under-voltage" : "85.0\u00b0C  under-voltage");
      if (locale.equals("C")) {
        assertThat(shown.stdout()).as(shown.output()).matches("[\\x20-\\x7e\n]*")
            .doesNotContain("?");
      }
    }

    Map<String, Map<String, Object>> nodes = jsonNodes(status("--json").stdout());
    assertThat(nodes.get("node4")).containsEntry("throttled", "0x50005")
        .containsEntry("throttle_flags", List.of("under-voltage now", "throttled now"))
        .containsEntry("throttle_source", "sysfs").containsEntry("temp_c", 85.012)
        .containsEntry("model", "Raspberry Pi 4 Model B Rev 1.4");
    assertThat(nodes.get("node3")).containsEntry("throttled", "0x50000")
        .containsEntry("throttle_source", "vcgencmd")
        .containsEntry("throttle_flags", List.of("under-voltage since boot",
            "throttled since boot"));
  }

  @Test
  @Order(4)
  void adHocHostsAreNamedAsGiven() {
    Result r = status("--hosts", "10.0.0.2,10.0.0.3");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(rows(r.stdout()).keySet()).containsExactly("10.0.0.2", "10.0.0.3");
    assertThat(rows(r.stdout()).get("10.0.0.2")).contains(" node2 ");
  }

  @Test
  @Order(5)
  void watchRedrawsEverySecondsUntilCtrlC() throws Exception {
    Path out = Files.createTempFile("status-watch", ".out");
    Path err = Files.createTempFile("status-watch", ".err");
    Process p = testbed.start(USER, 1, PiclusterJar.command(jar, "status", "--watch", "1"),
        Redirect.to(out.toFile()), Redirect.to(err.toFile()));
    try {
      String header = "picluster status every 1 s, ";
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .until(() -> count(Files.readString(out), header) >= 3);
      assertThat(p.isAlive()).as("still watching").isTrue();
      new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("Ctrl-C ends it").isTrue();
      // and no probe it had running outlives it (they run in sessions of their own)
      Result left = testbed.run(1, "pgrep", "-af", "ControlPath=none -- pi@10[.]0[.]0[.]");
      assertThat(left.exitCode()).as("ssh clients left: " + left.output()).isEqualTo(1);
      String text = Files.readString(out);
      // off a terminal: no escape codes, one table after another, each with every node up
      assertThat(text).doesNotContain("\033");
      for (String snapshot : text.split("\n\n")) {
        if (snapshot.startsWith(header)) {
          assertThat(rows(snapshot)).as(text).hasSize(NODES)
              .allSatisfy((name, row) -> assertThat(row).contains(" up "));
        }
      }
      assertThat(Files.readString(err)).isEmpty();
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  @Order(6)
  void aNodeWithItsLinkDownIsDownWithinTheDeadlineAndTheOthersAreShown() {
    ok(testbed.run(3, "ip", "link", "set", "eth0", "down"));
    try {
      long start = System.nanoTime();
      Result r = status();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      System.out.println("status with node3's link down took " + took.toMillis() + " ms");
      assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
      assertThat(took).as(r.output()).isLessThan(DOWN_BOUND);
      Map<String, String> rows = rows(r.stdout());
      assertThat(rows.get("node3")).as(r.output()).startsWith("node3  down ");
      for (String up : List.of("node1", "node2", "node4")) {
        assertThat(rows.get(up)).as(r.output()).contains(" up ");
      }
      // our 5 s deadline and ssh's ConnectTimeout of 5 s race: either reason may come first
      assertThat(r.stdout()).as(r.output()).containsPattern("node3 \\(10\\.0\\.0\\.3\\) is down:"
          + " (no answer within 5 s|ssh: connect to host 10\\.0\\.0\\.3 port 22: Connection timed"
          + " out)\n$");
    } finally {
      ok(testbed.run(3, "ip", "link", "set", "eth0", "up"));
    }
  }

  /** Last: it kills a node's sshd (and starts it again). */
  @Test
  @Order(7)
  void aNodeWhoseSshdIsKilledIsDownAtOnceAndTheOthersAreShown() {
    OnTheTestbed.killSshd(testbed, 2);
    try {
      long start = System.nanoTime();
      Result r = status();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      System.out.println("status with node2's sshd killed took " + took.toMillis() + " ms");
      assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
      assertThat(took).as(r.output()).isLessThan(DOWN_BOUND);
      Map<String, String> rows = rows(r.stdout());
      assertThat(rows.get("node2")).as(r.output()).startsWith("node2  down ");
      for (String up : List.of("node1", "node3", "node4")) {
        assertThat(rows.get(up)).as(r.output()).contains(" up ");
      }
      assertThat(r.stdout()).as(r.output()).endsWith("node2 (10.0.0.2) is down: ssh: connect to"
          + " host 10.0.0.2 port 22: Connection refused\n");

      Map<String, Map<String, Object>> nodes = jsonNodes(status("--json").stdout());
      assertThat(nodes.get("node2")).containsEntry("up", false).containsEntry("hostname", null)
          .containsEntry("error", "ssh: connect to host 10.0.0.2 port 22: Connection refused");
      assertThat(nodes.get("node1")).containsEntry("up", true);
    } finally {
      OnTheTestbed.restartSshd(testbed, 2);
    }
  }

  @Test
  @Order(8)
  void badInputIsOneLineAndExitTwoWithoutATestbed() throws Exception {
    String[][] cases = {
      {"status", "--watch", "0"},
      {"status", "--cluster", "/nonexistent/cluster.conf"},
      {"status", "--hosts", "10.0.0.2", "--cluster", "/nonexistent/cluster.conf"},
      {"status", "--jsn"},
    };
    String[] messages = {
      "picluster: --watch takes a number of seconds from 0.1 to 86400, e.g. --watch 5; '0' is not"
          + " one (see 'picluster status --help')",
      "picluster: /nonexistent/cluster.conf: no such cluster file (write one with 'picluster"
          + " init') (see 'picluster status --help')",
      "picluster: give the nodes one way: --cluster FILE, --hosts HOST,... or --hostfile FILE"
          + " (see 'picluster status --help')",
      "picluster: unknown option: '--jsn' (see 'picluster status --help')",
    };
    for (int i = 0; i < cases.length; i++) {
      List<String> command = PiclusterJar.command(ExamplesProject.launcherJar(), cases[i]);
      Process p = new ProcessBuilder(command).redirectInput(Redirect.from(new File("/dev/null")))
          .start();
      String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(stderr).isEqualTo(2);
      assertThat(stdout).isEmpty();
      assertThat(stderr).isEqualTo(messages[i] + "\n");
    }
  }
}
