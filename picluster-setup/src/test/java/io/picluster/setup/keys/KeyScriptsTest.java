package io.picluster.setup.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell scripts keys runs on every node, run here with sh and a test HOME: they make a key
 * once, add lines once, never replace anything, and say what they did.
 */
class KeyScriptsTest {
  private static final Node NODE = new Node("node1", "10.0.0.1", "pi");

  @TempDir Path home;
  @TempDir Path keys;

  @BeforeEach
  void tools() {
    assumeTrue(onPath("ssh-keygen"), "ssh-keygen is not installed here");
  }

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private NodeShell.Result run(String script, String... args) {
    NodeShell.Result r = ScriptRunner.run(NODE, home, script, List.of(args));
    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
    return r;
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static PublicKeyLine pub(NodeShell.Result r) {
    String line = r.stdout().lines().filter(l -> l.startsWith("pub ")).findFirst().orElseThrow();
    return PublicKeyLine.parse(line.substring(4)).orElseThrow();
  }

  @Test
  void makesAKeyOnceWithPrivateModesAndNeverReplacesIt() throws Exception {
    NodeShell.Result first = run(KeyScripts.ENSURE_KEY);
    assertThat(first.stdout()).contains("created\n");
    Path key = home.resolve(".ssh/id_ed25519");
    assertThat(mode(key)).isEqualTo("rw-------");
    assertThat(mode(home.resolve(".ssh"))).isEqualTo("rwx------");
    PublicKeyLine pub = pub(first);
    assertThat(pub.type()).isEqualTo("ssh-ed25519");
    assertThat(Files.readString(home.resolve(".ssh/id_ed25519.pub")).strip()).isEqualTo(pub.line());
    byte[] bytes = Files.readAllBytes(key);

    NodeShell.Result second = run(KeyScripts.ENSURE_KEY);
    assertThat(second.stdout()).doesNotContain("created").doesNotContain("change");
    assertThat(pub(second)).isEqualTo(pub);
    assertThat(Files.readAllBytes(key)).isEqualTo(bytes);
  }

  @Test
  void tightensATooOpenKeyAndRewritesAMissingPublicHalf() throws Exception {
    run(KeyScripts.ENSURE_KEY);
    Path key = home.resolve(".ssh/id_ed25519");
    Path pubFile = home.resolve(".ssh/id_ed25519.pub");
    String pub = Files.readString(pubFile).strip();
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    Files.delete(pubFile);

    NodeShell.Result r = run(KeyScripts.ENSURE_KEY);
    assertThat(r.stdout()).doesNotContain("created\n").contains("change made ~/.ssh/id_ed25519 private")
        .contains("change wrote the missing ~/.ssh/id_ed25519.pub");
    assertThat(mode(key)).isEqualTo("rw-------");
    // The same key: ssh-keygen -y drops the comment, so compare type and blob.
    assertThat(pub(r).key()).isEqualTo(PublicKeyLine.parse(pub).orElseThrow().key());
  }

  @Test
  void authorizesAKeyOnceOnItsOwnLine() throws Exception {
    Path ssh = Files.createDirectories(home.resolve(".ssh"));
    Path file = ssh.resolve("authorized_keys");
    String old = hostKey("old").key() + " old@x";
    Files.writeString(file, old); // no newline at the end
    PublicKeyLine key = withComment(hostKey("new"), "pi@node2");
    String line = key.line();

    assertThat(run(KeyScripts.AUTHORIZE, key.line(), key.key()).stdout()).startsWith("added\n");
    assertThat(Files.readAllLines(file)).containsExactly(old, line);
    String before = Files.readString(file);

    // The same key under another comment counts as there.
    PublicKeyLine renamed = new PublicKeyLine(key.type(), key.blob(), "pi@elsewhere");
    assertThat(run(KeyScripts.AUTHORIZE, renamed.line(), renamed.key()).stdout())
        .startsWith("present\n");
    assertThat(Files.readString(file)).isEqualTo(before);
  }

  @Test
  void createsAuthorizedKeysPrivatelyAndWarnsAboutWhatStrictModesRefuses() throws Exception {
    PublicKeyLine key = withComment(hostKey("new"), "pi@node2");
    NodeShell.Result r = run(KeyScripts.AUTHORIZE, key.line(), key.key());
    assertThat(r.stdout()).isEqualTo("added\n");
    assertThat(mode(home.resolve(".ssh"))).isEqualTo("rwx------");
    assertThat(mode(home.resolve(".ssh/authorized_keys"))).isEqualTo("rw-------");

    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxr-x"));
    r = run(KeyScripts.AUTHORIZE, key.line(), key.key());
    assertThat(r.stdout()).startsWith("present\n")
        .contains("warn " + home + " is writable by others, so sshd ignores the keys: chmod go-w "
            + home);
  }

  @Test
  void recordsAHostKeyUnderEachNameOnceAndReportsAChangedOne() throws Exception {
    PublicKeyLine host = hostKey("a");
    PublicKeyLine other = hostKey("b");
    NodeShell.Result r = run(KeyScripts.KNOW_HOST, host.type(), host.blob(), "10.0.0.2", "node2");
    assertThat(r.stdout()).isEqualTo("added 10.0.0.2\nadded node2\n");
    Path file = home.resolve(".ssh/known_hosts");
    assertThat(Files.readAllLines(file)).containsExactly("10.0.0.2 " + host.key(), "node2 " + host.key());
    assertThat(mode(file)).isEqualTo("rw-------");
    String before = Files.readString(file);

    r = run(KeyScripts.KNOW_HOST, host.type(), host.blob(), "10.0.0.2", "node2");
    assertThat(r.stdout()).isEqualTo("known 10.0.0.2\nknown node2\n");
    r = run(KeyScripts.KNOW_HOST, other.type(), other.blob(), "10.0.0.2", "node2");
    assertThat(r.stdout()).isEqualTo("changed 10.0.0.2\nchanged node2\n");
    assertThat(Files.readString(file)).isEqualTo(before);
    // A conflict under one name: nothing is added under the other either.
    r = run(KeyScripts.KNOW_HOST, other.type(), other.blob(), "10.0.0.2", "node2b");
    assertThat(r.stdout()).isEqualTo("changed 10.0.0.2\nmissing node2b\n");
    assertThat(Files.readString(file)).isEqualTo(before);
  }

  @Test
  void theWorkersTwoStepsRunInOneSession() throws Exception {
    PublicKeyLine host = hostKey("master");
    NodeShell.Result r = run(KeyScripts.ENSURE_KEY_AND_KNOW_HOST, host.type(), host.blob(),
        "10.0.0.1", "node1");
    assertThat(r.stdout()).startsWith("created\npub ssh-ed25519 ")
        .endsWith("\nadded 10.0.0.1\nadded node1\n");
    r = run(KeyScripts.ENSURE_KEY_AND_KNOW_HOST, host.type(), host.blob(), "10.0.0.1", "node1");
    assertThat(r.stdout()).startsWith("pub ssh-ed25519 ")
        .endsWith("\nknown 10.0.0.1\nknown node1\n");
  }

  @Test
  void findsHashedEntriesAsSshDoes() throws Exception {
    PublicKeyLine host = hostKey("a");
    run(KeyScripts.KNOW_HOST, host.type(), host.blob(), "10.0.0.3");
    Path file = home.resolve(".ssh/known_hosts");
    ScriptRunner.capture(List.of("ssh-keygen", "-q", "-H", "-f", file.toString()));
    assertThat(Files.readString(file)).startsWith("|1|").doesNotContain("10.0.0.3");

    NodeShell.Result r = run(KeyScripts.KNOW_HOST, host.type(), host.blob(), "10.0.0.3", "node3");
    assertThat(r.stdout()).isEqualTo("known 10.0.0.3\nadded node3\n");
  }

  /** A fresh ED25519 key, as a host key would be. */
  private PublicKeyLine hostKey(String name) throws IOException {
    Path k = keys.resolve(name);
    Files.deleteIfExists(k);
    Files.deleteIfExists(Path.of(k + ".pub"));
    ScriptRunner.capture(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f",
        k.toString()));
    PublicKeyLine p = PublicKeyLine.parse(Files.readString(Path.of(k + ".pub"))).orElseThrow();
    return new PublicKeyLine(p.type(), p.blob(), "");
  }

  private static PublicKeyLine withComment(PublicKeyLine k, String comment) {
    return new PublicKeyLine(k.type(), k.blob(), comment);
  }
}
