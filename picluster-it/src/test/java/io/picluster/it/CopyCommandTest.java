package io.picluster.it;

import static io.picluster.it.OnTheTestbed.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.picluster.it.testbed.Testbed;
import io.picluster.it.testbed.Testbed.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
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
 * {@code picluster copy} on the testbed, as the tutorial's scp step: user pi on node1 copies a file
 * from its node-private home to 10.0.0.1-3 (node1 itself included), and the other nodes' own homes
 * must then hold the same bytes with the same mode. The ordered tests share one testbed of 3 nodes;
 * the last one kills node3's sshd. The content is seeded random; the seed is printed (rerun with
 * -Dcopy.seed=N). Bad command lines need no testbed and run on this machine.
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class CopyCommandTest {
  private static final String USER = Testbed.USER;
  private static final String HOSTS = "10.0.0.1,10.0.0.2,10.0.0.3";
  private static final String DATA = "/home/pi/data.bin";

  @TempDir Path scratch;

  private Testbed testbed;
  private String whyNoTestbed;
  private Random random;
  private String dataSha;
  private final List<String> inodes = new ArrayList<>();

  @BeforeAll
  void up() throws Exception {
    long seed = Optional.ofNullable(System.getProperty("copy.seed")).map(Long::parseLong)
        .orElseGet(() -> new SecureRandom().nextLong());
    System.out.println("CopyCommandTest seed " + seed + " (rerun with -Dcopy.seed=" + seed + ")");
    random = new Random(seed);
    whyNoTestbed = Testbed.unusableBecause().orElse(null);
    if (whyNoTestbed == null) {
      testbed = Testbed.up(3);
      // Larger than 1 MiB, so it takes the large-file path (a line per host when done).
      dataSha = putOnNode1("data.bin", (3 << 20) + random.nextInt(1 << 16), "750");
      putOnNode1("notes.txt", 1 + random.nextInt(4096), "644");
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

  /**
   * Writes seeded random bytes into pi's home on node1 (a folder no other node sees) with MODE,
   * through a file in this machine's file system that root on node1 can read; returns the SHA-256.
   */
  private String putOnNode1(String name, int size, String mode) throws Exception {
    byte[] content = new byte[size];
    random.nextBytes(content);
    Path staged = Path.of("target", "copy-test-" + ProcessHandle.current().pid() + "-" + name)
        .toAbsolutePath();
    Files.createDirectories(staged.getParent());
    Files.write(staged, content);
    try {
      ok(testbed.run(1, "sh", "-c", "cp \"$1\" /home/pi/\"$2\" && chown pi:pi /home/pi/\"$2\""
          + " && chmod \"$3\" /home/pi/\"$2\"", "put", staged.toString(), name, mode));
    } finally {
      Files.delete(staged);
    }
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }

  /** {@code java -jar picluster.jar copy ARGS...} as pi on node1, in pi's home folder. */
  private Result copyOnNode1(String... args) {
    return PiclusterJar.onMaster(testbed, ExamplesProject.launcherJar(), "copy", args);
  }

  /** SHA-256 and mode of PATH on node K, as pi sees it: {@code HEX 750}. */
  private String shaAndMode(int node, String path) {
    String sha = ok(testbed.runAs(USER, node, "sha256sum", path)).split(" ")[0];
    return sha + " " + ok(testbed.runAs(USER, node, "stat", "-c", "%a", path)).trim();
  }

  /** Names of temporary files left anywhere under pi's home on node K. */
  private String leftovers(int node) {
    return ok(testbed.runAs(USER, node, "find", "/home/pi", "-name", "*picluster-part*"));
  }

  @Test
  @Order(1)
  void copiesAFileFromNode1sHomeToTheSamePathOnEveryNode() {
    assumeTestbed();
    for (int k = 2; k <= 3; k++) {
      assertThat(testbed.runAs(USER, k, "test", "-e", DATA).exitCode()).isNotZero();
    }
    Result r = copyOnNode1(DATA, "--hosts", HOSTS);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).isEqualTo(
        "10.0.0.1: 0 copied, 1 already there\n"
            + "10.0.0.2: 1 copied, 0 already there\n"
            + "10.0.0.3: 1 copied, 0 already there\n");
    // Off a terminal: one line per host for a large file, no progress bar.
    assertThat(r.stderr()).as(r.output())
        .containsPattern("(?m)^10\\.0\\.0\\.2: /home/pi/data\\.bin copied, 3\\.[0-9] MiB in")
        .containsPattern("(?m)^10\\.0\\.0\\.3: /home/pi/data\\.bin copied, 3\\.[0-9] MiB in")
        .doesNotContain("\r").doesNotContain("10.0.0.1: /home/pi/data.bin copied");
    for (int k = 1; k <= 3; k++) {
      assertThat(shaAndMode(k, DATA)).as("node" + k).isEqualTo(dataSha + " 750");
      assertThat(leftovers(k)).as("node" + k).isEmpty();
      inodes.add(ok(testbed.runAs(USER, k, "stat", "-c", "%i %Y", DATA)));
    }
  }

  @Test
  @Order(2)
  void aSecondRunFindsTheFileThereAndCopiesNothing() {
    assumeTestbed();
    assumeTrue(inodes.size() == 3, "the first copy did not complete");
    Result r = copyOnNode1(DATA, "-H", HOSTS);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).isEqualTo(
        "10.0.0.1: 0 copied, 1 already there\n"
            + "10.0.0.2: 0 copied, 1 already there\n"
            + "10.0.0.3: 0 copied, 1 already there\n");
    assertThat(r.stderr()).as(r.output()).isEmpty();
    for (int k = 1; k <= 3; k++) {
      assertThat(ok(testbed.runAs(USER, k, "stat", "-c", "%i %Y", DATA))).as("node" + k)
          .isEqualTo(inodes.get(k - 1));
    }
  }

  @Test
  @Order(3)
  void toPutsTheFilesIntoAFolderRelativeToTheCurrentOneOnEveryNodeThisOneToo() {
    assumeTestbed();
    String notesSha = shaAndMode(1, "/home/pi/notes.txt");
    Result r = copyOnNode1("data.bin", "notes.txt", "--to", "copies/sub", "--hosts", HOSTS);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).isEqualTo(
        "10.0.0.1: 2 copied, 0 already there\n"
            + "10.0.0.2: 2 copied, 0 already there\n"
            + "10.0.0.3: 2 copied, 0 already there\n");
    assertThat(r.stderr()).as(r.output())
        .contains("10.0.0.1: /home/pi/copies/sub/data.bin copied, ");
    for (int k = 1; k <= 3; k++) {
      assertThat(shaAndMode(k, "/home/pi/copies/sub/data.bin")).as("node" + k)
          .isEqualTo(dataSha + " 750");
      assertThat(shaAndMode(k, "/home/pi/copies/sub/notes.txt")).as("node" + k)
          .isEqualTo(notesSha);
      assertThat(leftovers(k)).as("node" + k).isEmpty();
    }
    // The same with the hosts from a hostfile (slots do not matter), and nothing left to do.
    ok(testbed.runAs(USER, 1, "sh", "-c", "printf '10.0.0.2:4\\n10.0.0.3 slots=2\\n' >hosts"));
    Result again = copyOnNode1("data.bin", "notes.txt", "--to", "/home/pi/copies/sub/", "-f",
        "hosts");
    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(again.stdout()).as(again.output()).isEqualTo(
        "10.0.0.2: 0 copied, 2 already there\n10.0.0.3: 0 copied, 2 already there\n");
  }

  @Test
  @Order(4)
  void aFolderPiCannotWriteFailsOnEveryHostWithTheReason() {
    assumeTestbed();
    Result r = copyOnNode1(DATA, "--to", "/etc/picluster-copy-test", "--hosts", HOSTS);
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    for (int k = 1; k <= 3; k++) {
      String host = Testbed.address(k);
      assertThat(r.stderr()).as(r.output()).containsPattern(
          "(?m)^picluster: cannot copy /home/pi/data\\.bin to /etc/picluster-copy-test/data\\.bin"
              + " on " + host.replace(".", "\\.") + ": .*Permission denied$");
      assertThat(r.stdout()).as(r.output())
          .contains(host + ": 0 copied, 0 already there, 1 failed\n");
      assertThat(testbed.runAs(USER, k, "test", "-e", "/etc/picluster-copy-test").exitCode())
          .isNotZero();
    }
  }

  @Test
  @Order(5)
  void badInputIsOneLineAndExitTwoWithoutATestbed() throws Exception {
    Path file = Files.writeString(scratch.resolve("f.txt"), "x");
    Path folder = Files.createDirectories(scratch.resolve("folder"));
    Path hostfile = Files.writeString(scratch.resolve("hosts"), "10.0.0.2\n");
    String[][] cases = {
      {"copy", "nosuch.bin", "--hosts", "10.0.0.2"},
      {"copy", folder.toString(), "--hosts", "10.0.0.2"},
      {"copy", file.toString()},
      {"copy", file.toString(), "--hosts", "10.0.0.2", "--hostfile", hostfile.toString()},
      {"copy", "--hosts", "10.0.0.2"},
    };
    String[] messages = {
      "picluster: nosuch.bin: no such file (give the path of a file to copy)"
          + " (see 'picluster copy --help')",
      "picluster: " + folder + " is a folder; copy takes files (name the files in it, or pack it"
          + " with tar first) (see 'picluster copy --help')",
      "picluster: no hosts given: say where to copy with --hosts HOST,HOST... or --hostfile FILE"
          + " (see 'picluster copy --help')",
      "picluster: give the hosts either with --hosts or with --hostfile, not both"
          + " (see 'picluster copy --help')",
      "picluster: missing required parameter: 'FILE' (see 'picluster copy --help')",
    };
    for (int i = 0; i < cases.length; i++) {
      Result r = PiclusterJar.here(scratch, cases[i]);
      assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
      assertThat(r.stderr()).as(r.output()).isEqualTo(messages[i] + "\n");
      assertThat(r.stdout()).as(r.output()).isEmpty();
    }
  }

  @Test
  @Order(6)
  void aHostWithoutSshdFailsByNameAndTheOthersStillGetTheFile() throws Exception {
    assumeTestbed();
    String sha = putOnNode1("more.bin", 1 + random.nextInt(1 << 20), "600");
    OnTheTestbed.killSshd(testbed, 3);
    Result r = copyOnNode1("more.bin", "--hosts", HOSTS);
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.stderr()).as(r.output()).containsPattern(
        "(?m)^picluster: cannot copy /home/pi/more\\.bin to 10\\.0\\.0\\.3: ssh: connect to host"
            + " 10\\.0\\.0\\.3 port 22: Connection refused$");
    assertThat(r.stderr().lines().filter(l -> l.startsWith("picluster: cannot copy")))
        .as(r.output()).hasSize(1);
    assertThat(r.stdout()).as(r.output()).isEqualTo(
        "10.0.0.1: 0 copied, 1 already there\n"
            + "10.0.0.2: 1 copied, 0 already there\n"
            + "10.0.0.3: 0 copied, 0 already there, 1 failed\n");
    assertThat(shaAndMode(2, "/home/pi/more.bin")).isEqualTo(sha + " 600");
    assertThat(leftovers(2)).isEmpty();
  }
}
