package io.picluster.it;

import static io.picluster.it.OnTheTestbed.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.picluster.it.testbed.Testbed;
import io.picluster.it.testbed.Testbed.Result;
import io.picluster.launch.remote.StagedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code picluster install} on a testbed of four namespace "Pis", run as pi on node1 with the
 * cluster file: the jar it runs from lands on every node with its VERSION file (and in the
 * launcher's cache), a second run copies nothing, only what differs is copied, and a node without
 * Java or without sshd stops the install before anything is copied, named with the fix.
 *
 * <p>"No Java" is faked on node3 without touching the shared file system: pi's ~/.bashrc there
 * (node-private; Debian's bash reads it for ssh commands) sets PATH to a folder of links to every
 * program in /usr/bin but java.
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class InstallCommandTest {
  private static final String USER = Testbed.USER;
  private static final int NODES = 4;
  private static final String DIR = "/home/pi/.local/share/picluster";
  private static final String MARK = "# picluster-it: no java";

  private Testbed testbed;
  private Path jar;
  private String sha;
  private String version;
  private final List<String> inodes = new ArrayList<>();

  @BeforeAll
  void up() throws Exception {
    Testbed.assumeUsable();
    jar = PiclusterJar.stableCopy("install");
    sha = sha256(jar);
    version = version(jar);
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

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(file)));
  }

  /** The version the jar says it is (what --version prints). */
  private static String version(Path jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile());
        InputStream in = zip.getInputStream(zip.getEntry("io/picluster/cli/version.properties"))) {
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    }
  }

  private Result install(String... args) {
    return PiclusterJar.onMaster(testbed, jar, "install", args);
  }

  private String label() {
    return version + " (" + sha.substring(0, 8) + ")";
  }

  /** The install table's last column for each node, in order. */
  private static List<String> results(Result r) {
    List<String> results = new ArrayList<>();
    for (String line : r.stdout().split("\n")) {
      if (line.matches("node[0-9] .*")) {
        results.add(line.replaceFirst(".* GiB  ", ""));
      }
    }
    return results;
  }

  private String onNode(int k, String script) {
    return ok(testbed.runAs(USER, k, "sh", "-c", script));
  }

  @Test
  @Order(1)
  void dryRunShowsWhatWouldBeCopiedAndChangesNothing() {
    Result r = install("--dry-run");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).startsWith("NODE   ADDRESS   ARCH ");
    assertThat(results(r)).as(r.output()).containsExactly("would copy", "would copy",
        "would copy", "would copy");
    for (int k = 1; k <= NODES; k++) {
      assertThat(testbed.runAs(USER, k, "test", "-e", DIR).exitCode()).as("node" + k).isNotZero();
    }
  }

  @Test
  @Order(2)
  void installPutsTheSameJarAndVersionFileOnEveryNode() throws Exception {
    Result r = install();
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(results(r)).as(r.output()).containsExactly("copied", "copied", "copied", "copied");
    assertThat(r.stdout()).as(r.output()).endsWith("picluster " + label() + " is installed on 4"
        + " nodes in ~/.local/share/picluster\n");
    assertThat(r.stderr()).as(r.output()).isEmpty();
    String cache = "/home/pi/.cache/picluster/" + StagedFile.of(jar).cacheName();
    for (int k = 1; k <= NODES; k++) {
      assertThat(onNode(k, "sha256sum " + DIR + "/picluster.jar " + cache + " | cut -d' ' -f1"))
          .as("node" + k + "'s jar and the launcher's cache").isEqualTo(sha + "\n" + sha + "\n");
      assertThat(onNode(k, "cat " + DIR + "/VERSION")).as("node" + k)
          .isEqualTo("version=" + version + "\nsha256=" + sha + "\n");
      assertThat(onNode(k, "ls -A " + DIR)).as("nothing else left there")
          .isEqualTo("VERSION\npicluster.jar\n");
      inodes.add(onNode(k, "stat -c '%i %Y' " + DIR + "/picluster.jar " + DIR + "/VERSION"));
    }
    // status shows it
    Result status = PiclusterJar.onMaster(testbed, jar, "status");
    assertThat(status.exitCode()).as(status.output()).isZero();
    List<String> lines = status.stdout().lines().toList();
    assertThat(lines).as(status.output()).hasSize(1 + NODES);
    assertThat(lines.subList(1, lines.size())).as(status.output())
        .allSatisfy(line -> assertThat(line).contains(" up ").contains("  " + label() + "  "));
  }

  @Test
  @Order(3)
  void aSecondRunCopiesNothing() {
    assumeTrue(inodes.size() == NODES, "the first install did not complete");
    Result r = install();
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(results(r)).as(r.output()).containsExactly("already there", "already there",
        "already there", "already there");
    for (int k = 1; k <= NODES; k++) {
      assertThat(onNode(k, "stat -c '%i %Y' " + DIR + "/picluster.jar " + DIR + "/VERSION"))
          .as("node" + k + ": neither file was rewritten").isEqualTo(inodes.get(k - 1));
    }
  }

  @Test
  @Order(4)
  void onlyWhatDiffersIsCopied() {
    assumeTrue(inodes.size() == NODES, "the first install did not complete");
    onNode(2, "printf 'version=0.0.1\\nsha256=%s\\n' " + "0".repeat(64) + " >" + DIR + "/VERSION");
    onNode(3, "echo junk >>" + DIR + "/picluster.jar");
    Result r = install();
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(results(r)).as(r.output()).containsExactly("already there",
        "already there (VERSION written)", "copied", "already there");
    for (int k = 1; k <= NODES; k++) {
      assertThat(onNode(k, "sha256sum <" + DIR + "/picluster.jar | cut -d' ' -f1; cat " + DIR
          + "/VERSION")).as("node" + k).isEqualTo(sha + "\nversion=" + version + "\nsha256=" + sha
          + "\n");
    }
  }

  @Test
  @Order(5)
  void aLaunchAfterInstallFindsPicluster() throws Exception {
    String cache = "/home/pi/.cache/picluster/" + StagedFile.of(jar).cacheName();
    String before = onNode(3, "stat -c %i " + cache);
    Result r = PiclusterJar.onMaster(testbed, jar, "exec", "-n", "2", "-l", "--hosts",
        Testbed.address(1) + "," + Testbed.address(3), "hostname");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout().lines()).as(r.output()).containsExactlyInAnyOrder("[0] node1",
        "[1] node3");
    assertThat(onNode(3, "stat -c %i " + cache)).as("the launcher did not copy it again")
        .isEqualTo(before);
  }

  @Test
  @Order(6)
  void aNodeWithoutJavaStopsTheInstallBeforeAnythingIsCopied() {
    onNode(2, "rm -rf " + DIR);
    onNode(3, String.join("\n",
        "mkdir -p ~/nojava",
        "for f in /usr/local/bin/* /usr/bin/* /bin/*; do",
        "  n=${f##*/}; [ \"$n\" = java ] || [ -e ~/nojava/\"$n\" ] || ln -s \"$f\" ~/nojava/\"$n\"",
        "done",
        "sed -i '1i PATH=$HOME/nojava; export PATH " + MARK + "' ~/.bashrc"));
    try {
      Result which = testbed.runAs(USER, 1, "ssh", "-o", "BatchMode=yes",
          USER + "@" + Testbed.address(3), "command -v java || echo none");
      assertThat(which.stdout()).as("the fake works: " + which.output()).isEqualTo("none\n");

      Result r = install();
      assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
      assertThat(r.stdout()).as(r.output()).isEmpty();
      assertThat(r.stderr()).as(r.output()).isEqualTo(
          "picluster: node3 (10.0.0.3) has no Java (no java on pi's PATH there); install it there:"
              + " sudo apt install openjdk-17-jre-headless\n"
              + "picluster: nothing was installed: 1 node is not ready; fix it as said above and run"
              + " picluster install again\n");
      assertThat(testbed.runAs(USER, 2, "test", "-e", DIR).exitCode())
          .as("nothing was installed on node2").isNotZero();

      Result status = PiclusterJar.onMaster(testbed, jar, "status");
      assertThat(status.stdout()).as(status.output())
          .containsPattern("(?m)^node3 +up +node3 +\\S+ +.+\\) +none +" + Pattern.quote(label()) + " ")
          .containsPattern("(?m)^node2 +up +node2 +\\S+ +.+\\) +[0-9.]+ +none ");
    } finally {
      onNode(3, "sed -i '/" + MARK + "$/d' ~/.bashrc");
    }
  }

  /** Last: it kills a node's sshd (and starts it again). */
  @Test
  @Order(7)
  void anUnreachableNodeStopsTheInstallNamingItWithTheFix() {
    OnTheTestbed.killSshd(testbed, 4);
    try {
      long start = System.nanoTime();
      Result r = install();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).as(r.output()).isLessThan(Duration.ofSeconds(15));
      assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
      assertThat(r.stderr()).as(r.output()).isEqualTo(
          "picluster: node4 (10.0.0.4) cannot be reached (ssh: connect to host 10.0.0.4 port 22:"
              + " Connection refused); check that it is on and that 'ssh pi@10.0.0.4 true' works"
              + " without a password ('picluster keys' sets that up)\n"
              + "picluster: nothing was installed: 1 node is not ready; fix it as said above and run"
              + " picluster install again\n");
      assertThat(testbed.runAs(USER, 2, "test", "-e", DIR).exitCode())
          .as("nothing was installed on node2").isNotZero();
    } finally {
      OnTheTestbed.restartSshd(testbed, 4);
    }
    // repaired: now it installs on node2 only
    Result again = install();
    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(results(again)).as(again.output()).containsExactly("already there", "copied",
        "already there", "already there");
  }

  @Test
  @Order(8)
  void theDebianPackageNeedsRootOrSudoAndEachNodeWithoutIsNamedWithTheFix() throws Exception {
    Path target = Path.of("..", "picluster-cli", "target").toAbsolutePath().normalize();
    Path built = null;
    try (var files = Files.newDirectoryStream(target, "picluster_*_all.deb")) {
      for (Path f : files) {
        built = f;
      }
    }
    assumeTrue(built != null, "picluster-cli's package phase made no .deb (run mvn verify)");
    Path deb = jar.resolveSibling(built.getFileName());
    Files.copy(built, deb, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    try {
      Result r = install("--deb", deb.toString());
      assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
      for (int k = 1; k <= NODES; k++) {
        assertThat(r.stderr()).as(r.output()).contains("picluster: cannot install " + deb.getFileName()
            + " on node" + k + " (10.0.0." + k + "): pi is not root there and cannot use sudo without a"
            + " password; fix: give pi sudo for dpkg there (as root: echo 'pi ALL=(root) NOPASSWD:"
            + " /usr/bin/dpkg' > /etc/sudoers.d/picluster), or install without --deb");
      }
    } finally {
      Files.deleteIfExists(deb);
    }
  }
}
