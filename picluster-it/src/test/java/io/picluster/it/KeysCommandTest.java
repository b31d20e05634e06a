package io.picluster.it;

import static io.picluster.it.OnTheTestbed.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.picluster.it.testbed.Testbed;
import io.picluster.it.testbed.Testbed.Result;
import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code picluster keys} on a testbed of 3 nodes with password logins on, from scratch: every
 * node's keys, authorized_keys and known_hosts are removed first, so keys must make the keys,
 * install node1's key on node2 and node3 with pi's password (fed on standard input, as
 * --password-stdin reads it), put node1's key into node1's own authorized_keys (picluster's setup
 * commands log in to the master too), bring the workers' keys back to node1, record host keys both
 * ways and prove BatchMode logins from node1 to itself and in both directions. Then: a second run changes nothing; a wrong password, a
 * changed host key and a stopped sshd are each named pair by pair with the fix. The ordered tests
 * share the testbed; the last one stops node3's sshd.
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class KeysCommandTest {
  private static final String USER = Testbed.USER;
  private static final String PASSWORD = "Rasp berry'Pi\"42";
  private static final String BATCH = "-o BatchMode=yes -o ConnectTimeout=5";

  @TempDir Path scratch;

  private Testbed testbed;
  private String whyNoTestbed;

  @BeforeAll
  void up() {
    whyNoTestbed = Testbed.unusableBecause().orElse(null);
    if (whyNoTestbed == null) {
      testbed = Testbed.upWithPassword(3, PASSWORD);
      for (int k = 1; k <= 3; k++) {
        // A fresh Pi: no keys of any kind for pi, only the password.
        ok(testbed.run(k, "rm", "-f", "/home/pi/.ssh/authorized_keys", "/home/pi/.ssh/id_ed25519",
            "/home/pi/.ssh/id_ed25519.pub", "/home/pi/.ssh/known_hosts"));
      }
      OnTheTestbed.writeClusterFile(testbed, 1);
      // The password, for standard input; the test's own file (in node1's private home, 0600).
      ok(testbed.runAs(USER, 1, "sh", "-c", "umask 077; printf '%s\\n' \"$1\" >~/password",
          "sh", PASSWORD));
      ok(testbed.runAs(USER, 1, "sh", "-c", "umask 077; printf 'wrong\\n' >~/wrong"));
    }
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

  /** {@code picluster keys ARGS} as pi on node K, standard input from INPUT (a file in pi's home). */
  private Result keys(int node, String input, String... args) {
    StringBuilder line = new StringBuilder("exec \"$0\" -jar \"$1\" keys");
    for (int i = 0; i < args.length; i++) {
      line.append(" \"$").append(i + 2).append('"');
    }
    line.append(" <").append(input == null ? "/dev/null" : input);
    List<String> command = new ArrayList<>(List.of("sh", "-c", line.toString(), PiclusterJar.java(),
        ExamplesProject.launcherJar().toString()));
    command.addAll(List.of(args));
    Result r = PiclusterJar.timed(testbed, node,
        "keys " + String.join(" ", args) + " on node" + node, command);
    System.out.println(r.stdout() + r.stderr());
    return r;
  }

  /** Node K's sshd host key fingerprint, as ssh-keygen -lf prints it. */
  private String hostFingerprint(int k) {
    Path pub = Testbed.stateDir().resolve("node" + k).resolve("ssh_host_ed25519_key.pub");
    Result r = capture(List.of("ssh-keygen", "-lf", pub.toString()));
    return r.stdout().split(" ")[1];
  }

  /** The contents of pi's ~/.ssh on every node, for before/after comparisons. */
  private String sshFiles() {
    StringBuilder all = new StringBuilder();
    for (int k = 1; k <= 3; k++) {
      all.append("node").append(k).append('\n').append(ok(testbed.runAs(USER, k, "sh", "-c",
          "cd ~/.ssh && for f in *; do echo \"$f $(stat -c %a \"$f\") $(sha256sum <\"$f\")\"; done")));
    }
    return all.toString();
  }

  @Test
  @Order(1)
  void fromScratchItMakesTheKeysInstallsThemWithThePasswordAndProvesBothDirections() {
    assumeTestbed();
    assertThat(testbed.runAs(USER, 1, "sh", "-c", "ssh " + BATCH + " pi@10.0.0.2 true").exitCode())
        .as("no key login before keys").isNotZero();

    Result r = keys(1, "password", "--password-stdin");
    assertThat(r.exitCode()).as(r.output()).isZero();
    String out = r.stdout();
    assertThat(out).as(r.output())
        .contains("Your key: pi@node1:~/.ssh/id_ed25519 (created now), SHA256:")
        .containsPattern("(?m)^  node1  10\\.0\\.0\\.1 +added to its own authorized_keys$")
        .containsPattern("(?m)^  node2  10\\.0\\.0\\.2 +installed, with pi's password$")
        .containsPattern("(?m)^  node3  10\\.0\\.0\\.3 +installed, with pi's password$")
        .containsPattern("(?m)^  node2  10\\.0\\.0\\.2 +its key SHA256:\\S+ created now; added to"
            + " node1's authorized_keys; node1's host key recorded$")
        .contains("  node1 -> node1  ok\n  node1 -> node2  ok\n  node2 -> node1  ok\n"
            + "  node1 -> node3  ok\n  node3 -> node1  ok\n")
        .contains("All 5 logins work, to and from node1.")
        .doesNotContain(PASSWORD);
    for (int k = 1; k <= 3; k++) {
      assertThat(out).as(r.output()).containsPattern("(?m)^  node" + k + "  10\\.0\\.0\\." + k
          + " +" + hostFingerprint(k).replace("+", "\\+") + "  recorded now$");
    }
    assertThat(r.stderr()).as(r.output()).isEmpty();

    // The files, as sshd and ssh want them.
    assertThat(ok(testbed.runAs(USER, 1, "stat", "-c", "%a", "/home/pi/.ssh/id_ed25519")).trim())
        .isEqualTo("600");
    assertThat(ok(testbed.runAs(USER, 2, "stat", "-c", "%a", "/home/pi/.ssh/id_ed25519")).trim())
        .isEqualTo("600");
    // The password helper is gone again.
    assertThat(ok(testbed.runAs(USER, 1, "sh", "-c", "ls -A ~/.cache/picluster 2>/dev/null")))
        .doesNotContain("askpass");

    // Proof of our own, with plain ssh: node1 to itself (as install reaches it) and both
    // directions, and the host keys really on record (StrictHostKeyChecking=yes would refuse an
    // unknown one).
    for (String self : List.of("pi@10.0.0.1", "pi@node1")) {
      assertThat(ok(testbed.runAs(USER, 1, "sh", "-c", "ssh " + BATCH
          + " -o StrictHostKeyChecking=yes " + self + " hostname")).trim()).isEqualTo("node1");
    }
    for (int k = 2; k <= 3; k++) {
      assertThat(ok(testbed.runAs(USER, 1, "sh", "-c", "ssh " + BATCH
          + " -o StrictHostKeyChecking=yes pi@10.0.0." + k + " hostname")).trim())
          .isEqualTo("node" + k);
      assertThat(ok(testbed.runAs(USER, k, "sh", "-c", "ssh " + BATCH
          + " -o StrictHostKeyChecking=yes pi@10.0.0.1 hostname")).trim()).isEqualTo("node1");
      assertThat(ok(testbed.runAs(USER, 1, "sh", "-c", "ssh " + BATCH
          + " -o StrictHostKeyChecking=yes pi@node" + k + " hostname")).trim())
          .isEqualTo("node" + k);
    }
  }

  @Test
  @Order(2)
  void aSecondRunChangesNothingAndSaysSo() {
    assumeTestbed();
    String before = sshFiles();
    Result r = keys(1, null); // no password flag, no terminal, nothing on standard input
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output())
        .contains("(already there)")
        .containsPattern("(?m)^  node1  10\\.0\\.0\\.1 +already in its own authorized_keys$")
        .containsPattern("(?m)^  node3  10\\.0\\.0\\.3 +already accepts it$")
        .contains("Nothing changed: every key was already in place.\n")
        .contains("All 5 logins work, to and from node1.");
    assertThat(sshFiles()).isEqualTo(before);
  }

  @Test
  @Order(3)
  void aWrongPasswordIsNamedForThatNodeAndTheRightOneRepairsIt() {
    assumeTestbed();
    ok(testbed.run(2, "rm", "/home/pi/.ssh/authorized_keys"));
    Result wrong = keys(1, "wrong", "--password-stdin");
    assertThat(wrong.exitCode()).as(wrong.output()).isEqualTo(1);
    assertThat(wrong.stdout()).as(wrong.output())
        .containsPattern("(?m)^  node2  10\\.0\\.0\\.2 +the password was not accepted"
            + " \\(pi@10\\.0\\.0\\.2: Permission denied \\(publickey,password\\)\\.\\)$")
        .contains("fix: run picluster keys again and type pi's password on node2\n")
        .containsPattern("(?m)^  node3  10\\.0\\.0\\.3 +already accepts it$")
        .contains("  node1 -> node2  FAILS: pi@10.0.0.2: Permission denied (publickey,password).\n")
        .contains("  node2 -> node1  not tested: node1 cannot log in to node2 to try it\n")
        .contains("  node1 -> node3  ok\n  node3 -> node1  ok\n")
        .contains("2 of 5 logins fail (node1 -> node2, node2 -> node1)");

    Result right = keys(1, "password", "--password-stdin");
    assertThat(right.exitCode()).as(right.output()).isZero();
    assertThat(right.stdout()).as(right.output())
        .containsPattern("(?m)^  node2  10\\.0\\.0\\.2 +installed, with pi's password$")
        .contains("1 change: installed your key on node2.")
        .contains("All 5 logins work");
  }

  @Test
  @Order(4)
  void onATerminalItAsksOncePerNodeAndEnterMeansTheSamePassword() {
    assumeTestbed();
    assumeTrue(testbed.runAs(USER, 1, "sh", "-c", "command -v script").exitCode() == 0,
        "no script(1) here to give keys a terminal");
    ok(testbed.run(2, "rm", "/home/pi/.ssh/authorized_keys"));
    ok(testbed.run(3, "rm", "/home/pi/.ssh/authorized_keys"));
    // script(1) gives keys a terminal (System.console()), and types the password and then Enter.
    ok(testbed.runAs(USER, 1, "sh", "-c", "umask 077; printf '%s\\n\\n' \"$1\" >~/typed", "sh",
        PASSWORD));
    Result r = testbed.exec(Testbed.COMMAND_TIMEOUT, USER, 1, List.of("sh", "-c",
        "exec script -qec \"'$0' -jar '$1' keys\" /dev/null <~/typed", PiclusterJar.java(),
        ExamplesProject.launcherJar().toString()));
    System.out.println("keys on a terminal: exit " + r.exitCode() + "\n" + r.stdout());
    assertThat(r.exitCode()).as(r.output()).isZero();
    String out = r.stdout().replace("\r\n", "\n");
    assertThat(out).as(r.output())
        .contains("pi@10.0.0.2's password (node2): ")
        .contains("pi@10.0.0.3's password (node3; Enter: the same as before): ")
        .containsPattern("(?m)^  node2  10\\.0\\.0\\.2 +installed, with pi's password$")
        .containsPattern("(?m)^  node3  10\\.0\\.0\\.3 +installed, with pi's password$")
        .contains("2 changes: installed your key on node2, installed your key on node3.")
        .contains("All 5 logins work");
  }

  @Test
  @Order(5)
  void aChangedHostKeyIsReportedLeftAloneAndTheAdvertisedFixWorks() {
    assumeTestbed();
    // node1 "remembers" node2's key for node3, as after node3 was re-imaged.
    String node2Key = ok(testbed.runAs(USER, 1, "sh", "-c",
        "ssh-keygen -F 10.0.0.2 | grep -v '^#' | cut -d' ' -f2-")).trim();
    ok(testbed.runAs(USER, 1, "sh", "-c", "ssh-keygen -R 10.0.0.3 >/dev/null 2>&1;"
        + " printf '10.0.0.3 %s\\n' \"$1\" >>~/.ssh/known_hosts", "sh", node2Key));
    String knownHosts = ok(testbed.runAs(USER, 1, "cat", "/home/pi/.ssh/known_hosts"));

    Result r = keys(1, null);
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.stdout()).as(r.output())
        .containsPattern("(?m)^  node3  10\\.0\\.0\\.3 +" + hostFingerprint(3).replace("+", "\\+")
            + "  CHANGED: your known_hosts holds another key for 10\\.0\\.0\\.3$")
        .contains("if node3 was re-installed, run 'ssh-keygen -R 10.0.0.3; ssh-keygen -R node3'"
            + " and then picluster keys again")
        .containsPattern("(?m)^  node1 -> node3  FAILS: Host key verification failed\\.$")
        .contains("  node1 -> node2  ok\n");
    assertThat(ok(testbed.runAs(USER, 1, "cat", "/home/pi/.ssh/known_hosts")))
        .isEqualTo(knownHosts);

    ok(testbed.runAs(USER, 1, "sh", "-c", "ssh-keygen -R 10.0.0.3; ssh-keygen -R node3"));
    Result fixed = keys(1, null);
    assertThat(fixed.exitCode()).as(fixed.output()).isZero();
    assertThat(fixed.stdout()).as(fixed.output())
        .containsPattern("(?m)^  node3  10\\.0\\.0\\.3 +\\S+  recorded now$")
        .contains("All 5 logins work");
  }

  @Test
  @Order(6)
  void itRunsOnTheMasterOnly() {
    assumeTestbed();
    OnTheTestbed.writeClusterFile(testbed, 2);
    Result r = keys(2, null);
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.stderr()).as(r.output()).isEqualTo("picluster keys: run this on the master, node1"
        + " (10.0.0.1): this machine has no address 10.0.0.1 (set its backbone up first with"
        + " picluster net if it is the master)\n");
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  @Order(7)
  void badInputIsOneLineAndExitTwoWithoutATestbed() throws Exception {
    Path conf = Files.writeString(scratch.resolve("bad.conf"), "network 10.0.0.0/24\nmaster x\n");
    String[][] cases = {
      {"keys", "--password", "secret"},
      {"keys", "--cluster", scratch.resolve("none.conf").toString()},
      {"keys", "--cluster", conf.toString()},
      {"keys", "node2"},
    };
    String[] messages = {
      "picluster: unknown options: '--password', 'secret' (see 'picluster keys --help')",
      "picluster: " + scratch.resolve("none.conf") + ": no such cluster file; create it with"
          + " 'picluster init' (see 'picluster keys --help')",
      "picluster: " + conf + ": no nodes; add a line like 'node node1 10.0.0.1' for each machine,"
          + " the master included (see 'picluster keys --help')",
      "picluster: unmatched argument at index 1: 'node2' (see 'picluster keys --help')",
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
  void aStoppedSshdIsNamedPairByPairWithTheFix() {
    assumeTestbed();
    OnTheTestbed.killSshd(testbed, 3);
    Result r = keys(1, null);
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.stdout()).as(r.output())
        .containsPattern("(?m)^  node3  10\\.0\\.0\\.3 +no answer from SSH at 10\\.0\\.0\\.3:22$")
        .contains("  node1 -> node1  ok\n  node1 -> node2  ok\n  node2 -> node1  ok\n")
        .contains("  node1 -> node3  FAILS: ssh: connect to host 10.0.0.3 port 22: Connection"
            + " refused\n")
        .contains("fix: nothing answers SSH at 10.0.0.3:22: enable the SSH server on node3"
            + " (sudo systemctl enable --now ssh")
        .contains("  node3 -> node1  not tested: node1 cannot log in to node3 to try it\n")
        .contains("Nothing changed")
        .contains("2 of 5 logins fail (node1 -> node3, node3 -> node1)");
  }

  private static Result capture(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectInput(Redirect.from(new File("/dev/null")))
          .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(p.waitFor(), out, err);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
