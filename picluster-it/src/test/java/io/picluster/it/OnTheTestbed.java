package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picluster.it.testbed.Testbed;
import io.picluster.it.testbed.Testbed.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * What the command tests do to the testbed's nodes besides running picluster: insist that a step
 * worked, write pi's cluster file, and stop and start a node's sshd again. In one place so that
 * every test stops only the testbed's own sshd, by its PID, and waits for it alike.
 */
final class OnTheTestbed {
  private OnTheTestbed() {}

  /** The step's standard output; it must have succeeded. */
  static String ok(Result result) {
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.stdout();
  }

  /**
   * The cluster file for every node of the testbed (master node1) in pi's config folder on node K,
   * where picluster finds it without --cluster.
   */
  static void writeClusterFile(Testbed testbed, int node) {
    StringBuilder text = new StringBuilder("network 10.0.0.0/24\nuser pi\nmaster node1\n");
    for (int k = 1; k <= testbed.nodes(); k++) {
      text.append("node node").append(k).append(' ').append(Testbed.address(k)).append('\n');
    }
    ok(testbed.runAs(Testbed.USER, node, "sh", "-c",
        "mkdir -p ~/.config/picluster && printf %s \"$1\" >~/.config/picluster/cluster.conf",
        "write", text.toString()));
  }

  /**
   * Stops node K's sshd, the testbed's own (started by {@link Testbed#up}), by its PID only, and
   * waits until it is gone.
   */
  static void killSshd(Testbed testbed, int node) {
    long sshd = testbed.sshdPid(node).orElseThrow();
    ProcessHandle.of(sshd).ifPresent(ProcessHandle::destroy);
    await().atMost(Duration.ofSeconds(30)).until(() -> isDead(sshd));
  }

  /** Starts node K's sshd again as testbed/up does (same config, PID file and log). */
  static void restartSshd(Testbed testbed, int node) {
    Path state = Testbed.stateDir().resolve("node" + node);
    Path config = state.resolve("sshd_config");
    Path sshd = Stream.of("/usr/sbin/sshd", "/usr/local/sbin/sshd", "/sbin/sshd")
        .map(Path::of).filter(Files::isExecutable).findFirst()
        .orElseThrow(() -> new AssertionError("no sshd in /usr/sbin, /usr/local/sbin or /sbin"));
    assertThat(config).as("node" + node + "'s sshd config, from testbed/up").isRegularFile();
    // sshd daemonises inside the node's namespaces; it must be started by absolute path.
    testbed.run(node, sshd.toString(), "-f", config.toString(),
        "-E", state.resolve("sshd.log").toString());
    awaitSshFromNode1(testbed, node);
  }

  /** Waits until pi on node1 can ssh to node K (again). */
  static void awaitSshFromNode1(Testbed testbed, int node) {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Result r = testbed.runAs(Testbed.USER, 1, "ssh", "-o", "BatchMode=yes", "-o",
          "ConnectTimeout=5", "-o", "StrictHostKeyChecking=accept-new",
          Testbed.USER + "@" + Testbed.address(node), "true");
      assertThat(r.exitCode()).as("ssh to node" + node + ": " + r.output()).isZero();
    });
  }

  /** Gone, or a zombie not reaped yet. */
  static boolean isDead(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException gone) {
      return true;
    }
  }
}
