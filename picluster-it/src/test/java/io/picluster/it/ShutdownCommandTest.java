package io.picluster.it;

import static io.picluster.it.OnTheTestbed.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.picluster.it.testbed.Testbed;
import io.picluster.it.testbed.Testbed.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code picluster shutdown} and {@code reboot} on a testbed of 3 nodes, run as pi on node1 (the
 * master). Namespaces cannot be powered off, so the nodes run a recording stand-in named by
 * PICLUSTER_POWER_COMMAND on the master: {@code ~/bin/fake-power} appends "host verb time" to
 * {@code ~/power.log} on its node, and fails with the text of {@code ~/power-fails} if that file
 * exists. The test checks the order (every worker before the master), the question, dry runs, a
 * failing worker keeping the master up, --force, and that the real default (sudo -n systemctl) is
 * what runs without the hook, with the hook set on a node having no effect. The last test stops
 * node3's sshd.
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class ShutdownCommandTest {
  private static final String USER = Testbed.USER;
  private static final String FAKE = "/home/pi/bin/fake-power";
  private static final String FAKE_SCRIPT = String.join("\n",
      "#!/bin/sh",
      "# picluster ShutdownCommandTest: records the call instead of powering off",
      "echo \"$(hostname) $* $(date +%s%N)\" >>\"$HOME/power.log\"",
      "if [ -e \"$HOME/power-fails\" ]; then cat \"$HOME/power-fails\" >&2; exit 1; fi",
      "");

  @TempDir Path scratch;

  private Testbed testbed;
  private String whyNoTestbed;

  @BeforeAll
  void up() {
    whyNoTestbed = Testbed.unusableBecause().orElse(null);
    if (whyNoTestbed == null) {
      testbed = Testbed.up(3);
      OnTheTestbed.writeClusterFile(testbed, 1);
      for (int k = 1; k <= 3; k++) {
        ok(testbed.runAs(USER, k, "sh", "-c", "mkdir -p ~/bin && printf '%s' \"$1\" >" + FAKE
            + " && chmod 755 " + FAKE, "sh", FAKE_SCRIPT));
      }
    }
  }

  @AfterAll
  void down() {
    if (testbed != null) {
      testbed.close();
    }
  }

  @BeforeEach
  void cleanLogs() {
    if (testbed != null) {
      for (int k = 1; k <= 3; k++) {
        ok(testbed.runAs(USER, k, "rm", "-f", "/home/pi/power.log", "/home/pi/power-fails"));
      }
    }
  }

  private void assumeTestbed() {
    assumeTrue(testbed != null, () -> "testbed skipped: " + whyNoTestbed);
  }

  /**
   * {@code picluster ARGS} as pi on node1, with PICLUSTER_POWER_COMMAND=HOOK (none if null) and
   * INPUT on standard input (none if null).
   */
  private Result picluster(String hook, String input, String... args) {
    StringBuilder line = new StringBuilder();
    if (input != null) {
      line.append("printf '%s\\n' \"$2\" | ");
    }
    line.append(hook == null ? "env -u PICLUSTER_POWER_COMMAND " : "env PICLUSTER_POWER_COMMAND=\"$3\" ");
    line.append("\"$0\" -jar \"$1\"");
    for (int i = 0; i < args.length; i++) {
      line.append(" \"$").append(i + 4).append('"');
    }
    if (input == null) {
      line.append(" </dev/null");
    }
    List<String> command = new ArrayList<>(List.of("sh", "-c", line.toString(), PiclusterJar.java(),
        ExamplesProject.launcherJar().toString(), input == null ? "" : input,
        hook == null ? "" : hook));
    command.addAll(List.of(args));
    Result r = PiclusterJar.timed(testbed, 1, String.join(" ", args), command);
    System.out.println(r.stdout() + r.stderr());
    return r;
  }

  /** Node K's power.log lines: "nodeK VERB NANOS", or none. */
  private List<String> log(int k) {
    Result r = testbed.runAs(USER, k, "sh", "-c", "cat ~/power.log 2>/dev/null || true");
    return r.stdout().lines().toList();
  }

  private static long time(String logLine) {
    String[] w = logLine.split(" ");
    return Long.parseLong(w[w.length - 1]);
  }

  @Test
  @Order(1)
  void aDryRunPrintsTheOrderAndTheCommandsAndRunsNothing() {
    assumeTestbed();
    Result r = picluster(null, null, "shutdown", "--dry-run");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).isEqualTo(String.join("\n",
        "Would run, on all workers at once:",
        "  node2: ssh pi@10.0.0.2 sudo -n systemctl poweroff",
        "  node3: ssh pi@10.0.0.3 sudo -n systemctl poweroff",
        "then, when every worker has accepted it, on the master:",
        "  node1: sudo -n systemctl poweroff   (here)",
        ""));
    Result reboot = picluster(FAKE, null, "reboot", "--dry-run");
    assertThat(reboot.stdout()).as(reboot.output())
        .contains("  node2: ssh pi@10.0.0.2 " + FAKE + " reboot\n")
        .contains("  node1: " + FAKE + " reboot   (here)\n");
    for (int k = 1; k <= 3; k++) {
      assertThat(log(k)).isEmpty();
    }
  }

  @Test
  @Order(2)
  void withoutAYesNothingHappens() {
    assumeTestbed();
    for (String input : new String[] {null, "n", ""}) {
      Result r = picluster(FAKE, input, "shutdown");
      assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
      assertThat(r.stdout()).as(r.output()).isEqualTo(
          "Shut down node2, node3, then node1 (this machine)? [y/N] "
              + "Nothing was shut down (no yes given; --yes skips the question).\n");
    }
    for (int k = 1; k <= 3; k++) {
      assertThat(log(k)).isEmpty();
    }
  }

  @Test
  @Order(3)
  void aYesTakesTheWorkersDownFirstAndThenTheMaster() {
    assumeTestbed();
    Result r = picluster(FAKE, "y", "shutdown");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).isEqualTo(
        "Shut down node2, node3, then node1 (this machine)? [y/N] "
            + "node2: shutting down\nnode3: shutting down\n"
            + "node1 (this machine, the master): shutting down now.\n");
    assertThat(r.stderr()).as(r.output()).isEmpty();
    List<String> master = log(1);
    assertThat(master).hasSize(1);
    assertThat(master.get(0)).startsWith("node1 poweroff ");
    for (int k = 2; k <= 3; k++) {
      List<String> worker = log(k);
      assertThat(worker).hasSize(1);
      assertThat(worker.get(0)).startsWith("node" + k + " poweroff ");
      assertThat(time(worker.get(0))).as("node%d before node1", k).isLessThan(time(master.get(0)));
    }
  }

  @Test
  @Order(4)
  void rebootWithYesAsksNothing() {
    assumeTestbed();
    Result r = picluster(FAKE, null, "reboot", "--yes");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).isEqualTo(
        "node2: rebooting\nnode3: rebooting\nnode1 (this machine, the master): rebooting now.\n");
    for (int k = 1; k <= 3; k++) {
      assertThat(log(k)).singleElement().asString().startsWith("node" + k + " reboot ");
    }
  }

  @Test
  @Order(5)
  void aWorkerThatFailsIsNamedAndKeepsTheMasterUpUnlessForced() {
    assumeTestbed();
    ok(testbed.runAs(USER, 3, "sh", "-c", "echo 'sudo: a password is required' >~/power-fails"));
    Result r = picluster(FAKE, null, "shutdown", "-y");
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.stdout()).as(r.output()).isEqualTo("node2: shutting down\n"
        + "node3: NOT shut down: sudo needs a password (sudo: a password is required): allow"
        + " passwordless sudo for systemctl poweroff (with visudo, a line 'pi ALL=(root) NOPASSWD:"
        + " /usr/bin/systemctl poweroff, /usr/bin/systemctl reboot' in /etc/sudoers.d/picluster),"
        + " or run it there\n"
        + "node1 (the master) is NOT shut down, because node3 was not; fix that and run picluster"
        + " shutdown again, or add --force to take node1 down anyway.\n");
    assertThat(log(1)).isEmpty();
    assertThat(log(2)).hasSize(1);

    Result forced = picluster(FAKE, null, "shutdown", "--yes", "--force");
    assertThat(forced.exitCode()).as(forced.output()).isEqualTo(1);
    assertThat(forced.stdout()).as(forced.output()).contains("node3: NOT shut down: sudo needs a")
        .endsWith("node1 (this machine, the master): shutting down now.\n");
    assertThat(log(1)).singleElement().asString().startsWith("node1 poweroff ");
  }

  @Test
  @Order(6)
  void withoutTheHookItIsSudoAndAHookSetOnANodeChangesNothing() {
    assumeTestbed();
    // Safety first: the testbed's nodes share this machine's systemd, so the real command must be
    // unable to power anything off: either there is no sudo, or the login user may not use it.
    boolean sudoInstalled = testbed.runAs(USER, 2, "sh", "-c", "command -v sudo").exitCode() == 0;
    if (sudoInstalled) {
      for (int k = 2; k <= 3; k++) {
        assertThat(testbed.runAs(USER, k, "sudo", "-n", "true").exitCode())
            .as("%s may use sudo on node%d: refusing to run the real poweroff", USER, k)
            .isNotZero();
      }
    }
    // The hook, set on node2 where its shell would see it, must not be used: only the master's
    // environment counts.
    ok(testbed.runAs(USER, 2, "sh", "-c", "printf 'export PICLUSTER_POWER_COMMAND=%s\\n' " + FAKE
        + " >~/.picluster-hook && cat ~/.bashrc >>~/.picluster-hook && mv ~/.picluster-hook"
        + " ~/.bashrc"));
    Result r = picluster(null, null, "shutdown", "--yes");
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    String why = sudoInstalled
        ? "sudo needs a password \\(sudo: a password is required\\): allow passwordless sudo"
        : "a command is missing there \\(sudo: not found\\): install sudo \\(apt-get install"
            + " sudo\\) and allow systemctl poweroff, or run it there as root$";
    assertThat(r.stdout()).as(r.output())
        .containsPattern("(?m)^node2: NOT shut down: " + why)
        .containsPattern("(?m)^node3: NOT shut down: " + why)
        .contains("node1 (the master) is NOT shut down, because node2, node3 were not;");
    for (int k = 1; k <= 3; k++) {
      assertThat(log(k)).isEmpty();
    }
  }

  @Test
  @Order(7)
  void badInputIsOneLineAndExitTwoWithoutATestbed() throws Exception {
    String[][] cases = {
      {"shutdown", "--bogus"},
      {"reboot", "--cluster", scratch.resolve("none.conf").toString()},
      {"shutdown", "node1"},
    };
    String[] messages = {
      "picluster: unknown option: '--bogus' (see 'picluster shutdown --help')",
      "picluster: " + scratch.resolve("none.conf") + ": no such cluster file; create it with"
          + " 'picluster init' (see 'picluster reboot --help')",
      "picluster: unmatched argument at index 1: 'node1' (see 'picluster shutdown --help')",
    };
    for (int i = 0; i < cases.length; i++) {
      Result r = PiclusterJar.here(scratch, cases[i]);
      assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
      assertThat(r.stderr()).as(r.output()).isEqualTo(messages[i] + "\n");
      assertThat(r.stdout()).as(r.output()).isEmpty();
    }
  }

  @Test
  @Order(8)
  void aWorkerThatCannotBeReachedKeepsTheMasterUp() {
    assumeTestbed();
    OnTheTestbed.killSshd(testbed, 3);
    Result r = picluster(FAKE, null, "shutdown", "--yes");
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.stdout()).as(r.output()).isEqualTo("node2: shutting down\n"
        + "node3: NOT shut down: cannot reach it (ssh: connect to host 10.0.0.3 port 22: Connection"
        + " refused); if it is off already, add --force, else check that it is on and on the"
        + " network\n"
        + "node1 (the master) is NOT shut down, because node3 was not; fix that and run picluster"
        + " shutdown again, or add --force to take node1 down anyway.\n");
    assertThat(log(1)).isEmpty();
  }
}
