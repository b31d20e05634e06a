package io.picluster.it.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picluster.it.testbed.Testbed.Result;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The testbed itself, on 3 nodes: names, private homes, ssh between nodes as the login user, the
 * decoy default route, and that up cleans leftovers and close leaves nothing behind. The ordered
 * tests share one testbed; the last ones replace and then remove it.
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class TestbedTest {
  private static final String USER = Testbed.USER;
  private Testbed testbed;

  @BeforeAll
  void up() {
    Testbed.assumeUsable();
    testbed = Testbed.up(3);
  }

  @AfterAll
  void down() {
    if (testbed != null) {
      testbed.close();
    }
  }

  @Test
  @Order(1)
  void eachNodeHasItsOwnHostname() {
    for (int k = 1; k <= 3; k++) {
      assertThat(ok(testbed.run(k, "hostname"))).isEqualTo("node" + k + "\n");
      assertThat(ok(testbed.runAs(USER, k, "hostname"))).isEqualTo("node" + k + "\n");
      assertThat(ok(testbed.runAs(USER, k, "id", "-un"))).isEqualTo(USER + "\n");
    }
  }

  @Test
  @Order(2)
  void homeFoldersAndTmpArePrivateToEachNode() {
    ok(testbed.runAs(USER, 2, "sh", "-c", "echo only-on-node2 >marker && echo x >/tmp/marker2"));
    assertThat(ok(testbed.runAs(USER, 2, "cat", "marker", "/tmp/marker2")))
        .isEqualTo("only-on-node2\nx\n");
    for (int k : new int[] {1, 3}) {
      assertThat(testbed.runAs(USER, k, "test", "-e", "marker").exitCode()).isNotZero();
      assertThat(testbed.runAs(USER, k, "test", "-e", "/tmp/marker2").exitCode()).isNotZero();
    }
    // Not in the root namespace either.
    Path home = Path.of(ok(testbed.runAs(USER, 2, "sh", "-c", "echo $HOME")).trim());
    assertThat(home).isAbsolute();
    assertThat(home.resolve("marker")).doesNotExist();
  }

  @Test
  @Order(3)
  void sshFromNode1ReachesTheOtherNodesAsTheUserWithKeysOnly() {
    // picluster records host keys itself (accept-new), so none may be there yet.
    assertThat(testbed.runAs(USER, 1, "test", "-e", ".ssh/known_hosts").exitCode()).isNotZero();
    for (int k = 2; k <= 3; k++) {
      String target = USER + "@" + Testbed.address(k);
      assertThat(ok(testbed.runAs(USER, 1, ssh(target, "hostname; id -un"))))
          .isEqualTo("node" + k + "\n" + USER + "\n");
    }
    // Names resolve to backbone addresses through each node's /etc/hosts.
    assertThat(ok(testbed.runAs(USER, 1, ssh(USER + "@node3", "hostname")))).isEqualTo("node3\n");
    assertThat(ok(testbed.runAs(USER, 1, "cat", ".ssh/known_hosts")).lines()).hasSize(3);
    // Keys only: without the key the login is refused rather than asking for a password.
    List<String> noKey = new ArrayList<>(List.of(ssh(USER + "@" + Testbed.address(2), "true")));
    noKey.add(1, "-o");
    noKey.add(2, "PubkeyAuthentication=no");
    Result refused = testbed.runAs(USER, 1, noKey.toArray(String[]::new));
    assertThat(refused.exitCode()).as(refused.output()).isEqualTo(255);
    assertThat(refused.stderr()).as(refused.output()).contains("Permission denied");
  }

  @Test
  @Order(4)
  void theDecoyHoldsTheDefaultRouteAndTheBackboneIsReachedViaEth0() {
    for (int k = 1; k <= 3; k++) {
      assertThat(ok(testbed.run(k, "ip", "route")))
          .contains("default via 192.168.50.254 dev wlan0");
      int other = k % 3 + 1;
      assertThat(ok(testbed.run(k, "ip", "route", "get", Testbed.address(other))))
          .contains("dev eth0").contains("src " + Testbed.address(k));
      assertThat(ok(testbed.run(k, "ip", "-4", "-o", "addr", "show", "dev", "eth0")))
          .contains(Testbed.address(k) + "/24");
      assertThat(ok(testbed.run(k, "ip", "-4", "-o", "addr", "show", "dev", "wlan0")))
          .contains("192.168.50." + k + "/24");
      assertThat(ok(testbed.run(k, "ip", "-o", "addr", "show", "dev", "lo")))
          .contains("127.0.0.1/8");
    }
    // The root namespace has no backbone address: it cannot talk to the nodes.
    assertThat(ok(Testbed.capture(List.of("ip", "-4", "-o", "addr"), Duration.ofSeconds(60))))
        .doesNotContain(" 10.0.0.");
  }

  @Test
  @Order(5)
  void upCleansWhatAKilledRunLeftBehind() throws Exception {
    List<Long> old = pidsOf(testbed);
    // A process of the user that outlives its test, as a killed launcher's rank would.
    Process stray = testbed.start(USER, 3, List.of("sleep", "600"), Redirect.DISCARD,
        Redirect.DISCARD);
    old.add(stray.pid());
    testbed.abandon();
    testbed = Testbed.up(2);
    assertThat(stray.waitFor(60, TimeUnit.SECONDS)).as("the stray process ended").isTrue();
    assertAllEnd(old);
    assertThat(ok(Testbed.capture(List.of("ip", "netns", "list"), Duration.ofSeconds(60))))
        .doesNotContain("picluster-node3");
    assertThat(ok(testbed.runAs(USER, 1, ssh(USER + "@" + Testbed.address(2), "hostname"))))
        .isEqualTo("node2\n");
  }

  @Test
  @Order(6)
  void closeLeavesNothingBehind() {
    List<Long> pids = pidsOf(testbed);
    assertThat(pids).hasSize(2 * testbed.nodes());
    testbed.close();
    testbed.close(); // idempotent
    assertAllEnd(pids);
    assertThat(ok(Testbed.capture(List.of("ip", "netns", "list"), Duration.ofSeconds(60))))
        .doesNotContain("picluster-node");
    assertThat(ok(Testbed.capture(List.of("ip", "-o", "link"), Duration.ofSeconds(60))))
        .doesNotContain("pic-br").doesNotContain("pic-n");
    assertThat(Testbed.stateDir()).doesNotExist();
  }

  private static List<Long> pidsOf(Testbed testbed) {
    List<Long> pids = new ArrayList<>();
    for (int k = 1; k <= testbed.nodes(); k++) {
      pids.add(testbed.holderPid(k).orElseThrow());
      pids.add(testbed.sshdPid(k).orElseThrow());
    }
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("pid " + pid).isPresent();
    }
    return pids;
  }

  /**
   * The processes are dead: gone, or zombies that their new parent (init, once testbed/up has
   * exited) has not reaped yet, which takes a moment on a loaded machine.
   */
  private static void assertAllEnd(List<Long> pids) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> {
          for (long pid : pids) {
            assertThat(isDead(pid)).as("pid " + pid + " has ended").isTrue();
          }
        });
  }

  private static boolean isDead(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The state follows the command name in parentheses: "PID (comm) S ...".
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException gone) {
      return true;
    }
  }

  private static String[] ssh(String target, String command) {
    return new String[] {
      "ssh", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=accept-new",
      "-o", "ConnectTimeout=30", target, command
    };
  }

  private static String ok(Result result) {
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.stdout();
  }
}
