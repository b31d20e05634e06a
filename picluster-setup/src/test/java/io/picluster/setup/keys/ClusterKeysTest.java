package io.picluster.setup.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.ClusterFile;
import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole of {@code picluster keys} against a simulated cluster: every node is a home folder
 * here, the real scripts run in it, and a login from A to B works when A's key is in B's
 * authorized_keys (and B is up and has the key on record that A expects). What is simulated is
 * only ssh itself.
 */
class ClusterKeysTest {
  @TempDir Path root;

  private Cluster cluster;
  private Node master;
  private final Map<Node, Path> homes = new HashMap<>();
  private final Map<Node, PublicKeyLine> hostKeys = new HashMap<>();
  private final Set<Node> down = new HashSet<>();
  private final Set<Node> noPasswordLogins = new HashSet<>();
  private final Map<Node, String> passwords = new HashMap<>();
  private final List<String> asked = new ArrayList<>();

  @BeforeEach
  void cluster() throws IOException {
    assumeTrue(KeyScriptsTest.onPath("ssh-keygen"), "ssh-keygen is not installed here");
    cluster = ClusterFile.parse(Path.of("cluster.conf"), String.join("\n",
        "network 10.0.0.0/24", "user pi", "master node1",
        "node node1 10.0.0.1", "node node2 10.0.0.2", "node node3 10.0.0.3", ""));
    master = cluster.masterNode();
    for (Node n : cluster.nodes()) {
      homes.put(n, Files.createDirectories(root.resolve(n.name())));
      Path k = root.resolve("hostkey-" + n.name());
      ScriptRunner.capture(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", k.toString()));
      PublicKeyLine p = PublicKeyLine.parse(Files.readString(Path.of(k + ".pub"))).orElseThrow();
      hostKeys.put(n, new PublicKeyLine(p.type(), p.blob(), ""));
      passwords.put(n, "raspberry");
    }
  }

  /** The simulated ssh. */
  private final class Simulated implements KeyTransport {
    @Override
    public NodeShell.Result here(String script, List<String> args) {
      if (script.equals(KeyScripts.PROVE)) {
        // The master's login to itself (the only one picluster tries from here).
        assertThat(args).containsExactly(master.sshTarget());
        String self = loginFails(master, master);
        return new NodeShell.Result(master, 0, self == null ? "rc 0\n" : "rc 255\n" + self + "\n",
            "", false);
      }
      return ScriptRunner.run(master, homes.get(master), script, args);
    }

    @Override
    public NodeShell.Result on(Node node, String script, List<String> args) {
      String refused = loginFails(master, node);
      if (refused != null) {
        return new NodeShell.Result(node, 255, "", refused, false);
      }
      if (script.equals("true")) {
        return new NodeShell.Result(node, 0, "", "", false);
      }
      if (script.equals(KeyScripts.PROVE)) {
        String back = loginFails(node, master);
        return new NodeShell.Result(node, 0, back == null ? "rc 0\n" : "rc 255\n" + back + "\n", "",
            false);
      }
      return ScriptRunner.run(node, homes.get(node), script, args);
    }

    @Override
    public Map<Node, PublicKeyLine> scanHostKeys(List<Node> nodes) {
      Map<Node, PublicKeyLine> keys = new LinkedHashMap<>();
      for (Node n : nodes) {
        if (!down.contains(n)) {
          keys.put(n, hostKeys.get(n));
        }
      }
      return keys;
    }

    @Override
    public NodeShell.Result installWithPassword(Node node, PublicKeyLine key, char[] password) {
      if (down.contains(node)) {
        return new NodeShell.Result(node, 255, "", "ssh: connect to host " + node.address()
            + " port 22: Connection refused", false);
      }
      if (noPasswordLogins.contains(node) || !passwords.get(node).equals(new String(password))) {
        return new NodeShell.Result(node, 255, "", node.sshTarget() + ": Permission denied ("
            + methods(node) + ").", false);
      }
      return ScriptRunner.run(node, homes.get(node), KeyScripts.AUTHORIZE,
          List.of(key.line(), key.key()));
    }

    @Override
    public void close() {}
  }

  private String methods(Node n) {
    return noPasswordLogins.contains(n) ? "publickey" : "publickey,password";
  }

  /** Why FROM's user cannot log in to TO with its key, or null if it can. */
  private String loginFails(Node from, Node to) {
    if (down.contains(to)) {
      return "ssh: connect to host " + to.address() + " port 22: Connection refused";
    }
    String known = read(homes.get(from).resolve(".ssh/known_hosts"));
    for (String line : known.split("\n")) {
      if (line.startsWith(to.address() + " ") && !line.endsWith(hostKeys.get(to).blob())) {
        return "@@@@@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n"
            + "Host key verification failed.";
      }
    }
    String pub = read(homes.get(from).resolve(".ssh/id_ed25519.pub"));
    String authorized = read(homes.get(to).resolve(".ssh/authorized_keys"));
    if (pub.isEmpty() || !authorized.contains(PublicKeyLine.parse(pub).orElseThrow().key())) {
      return to.sshTarget() + ": Permission denied (" + methods(to) + ").";
    }
    return null;
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Run(boolean ok, String output, List<String> changes) {}

  private Run keys(String stdin) {
    StringWriter text = new StringWriter();
    PasswordPrompt lines = PasswordPrompts.lines(new BufferedReader(new StringReader(stdin)));
    PasswordPrompt counting = node -> {
      asked.add(node.name());
      return lines.passwordFor(node);
    };
    ClusterKeys keys = new ClusterKeys(cluster, counting, new PrintWriter(text), new Simulated());
    boolean ok = keys.run();
    System.out.println(text);
    return new Run(ok, text.toString(), keys.changes());
  }

  /** Every file under every home, by path, for before/after comparisons. */
  private Map<String, String> files() throws IOException {
    Map<String, String> all = new TreeMap<>();
    for (Path home : homes.values()) {
      try (Stream<Path> s = Files.walk(home)) {
        for (Path p : s.filter(Files::isRegularFile).toList()) {
          all.put(p.toString(), Files.readString(p) + " " + Files.getPosixFilePermissions(p));
        }
      }
    }
    return all;
  }

  @Test
  void aFreshClusterGetsEveryKeyWithOnePasswordPerWorkerAndASecondRunChangesNothing()
      throws IOException {
    Run first = keys("raspberry\n");
    assertThat(first.ok()).as(first.output()).isTrue();
    assertThat(asked).containsExactly("node2", "node3");
    String fp1 = hostKeys.get(master).fingerprint();
    assertThat(first.output())
        .contains("Your key: pi@node1:~/.ssh/id_ed25519 (created now), SHA256:")
        .contains("  node1  10.0.0.1         " + fp1 + "  recorded now\n")
        .contains("  node1  10.0.0.1         added to its own authorized_keys\n")
        .contains("  node2  10.0.0.2         installed, with pi's password\n")
        .contains("  node3  10.0.0.3         its key SHA256:")
        .contains("created now; added to node1's authorized_keys; node1's host key recorded\n")
        .contains("  node1 -> node1  ok\n  node1 -> node2  ok\n  node2 -> node1  ok\n"
            + "  node1 -> node3  ok\n  node3 -> node1  ok\n")
        .contains("All 5 logins work, to and from node1.");
    assertThat(first.changes()).contains("created your key", "recorded node2's host key",
        "recorded node1's host key", "added your key to node1's own authorized_keys",
        "installed your key on node3", "created node2's key",
        "added node3's key to node1's authorized_keys", "recorded node1's host key on node2");
    assertThat(read(homes.get(master).resolve(".ssh/known_hosts")))
        .contains("10.0.0.2 " + hostKeys.get(cluster.node("node2").orElseThrow()).key() + "\n")
        .contains("node2 " + hostKeys.get(cluster.node("node2").orElseThrow()).key() + "\n");

    Map<String, String> before = files();
    asked.clear();
    Run second = keys("");
    assertThat(second.ok()).as(second.output()).isTrue();
    assertThat(asked).isEmpty();
    assertThat(second.changes()).isEmpty();
    assertThat(second.output())
        .contains("(already there)")
        .contains("  node1  10.0.0.1         already in its own authorized_keys\n")
        .contains("  node2  10.0.0.2         already accepts it\n")
        .contains("already in node1's authorized_keys; node1's host key already known\n")
        .contains("Nothing changed: every key was already in place.\n")
        .contains("All 5 logins work");
    assertThat(files()).isEqualTo(before);
  }

  @Test
  void aWorkerThatIsDownIsNamedPairByPairWithTheFixAndTheRestIsDone() {
    Node node3 = cluster.node("node3").orElseThrow();
    down.add(node3);
    Run r = keys("raspberry\n");
    assertThat(r.ok()).isFalse();
    assertThat(asked).containsExactly("node2");
    assertThat(r.output())
        .contains("  node3  10.0.0.3         no answer from SSH at 10.0.0.3:22\n")
        .contains("  node3  10.0.0.3         skipped: its SSH server did not answer\n")
        .contains("  node1 -> node1  ok\n  node1 -> node2  ok\n  node2 -> node1  ok\n")
        .contains("  node1 -> node3  FAILS: ssh: connect to host 10.0.0.3 port 22: Connection"
            + " refused\n")
        .contains("fix: nothing answers SSH at 10.0.0.3:22: enable the SSH server on node3")
        .contains("  node3 -> node1  not tested: node1 cannot log in to node3 to try it\n")
        .contains("2 of 5 logins fail (node1 -> node3, node3 -> node1); fix them as said above");
  }

  @Test
  void aWrongPasswordLeavesThatNodeAloneAndSaysSo() throws IOException {
    passwords.put(cluster.node("node3").orElseThrow(), "other");
    Run r = keys("raspberry\n");
    assertThat(r.ok()).isFalse();
    assertThat(asked).containsExactly("node2", "node3");
    assertThat(r.output())
        .contains("  node3  10.0.0.3         the password was not accepted (pi@10.0.0.3:"
            + " Permission denied (publickey,password).)\n")
        .contains("fix: run picluster keys again and type pi's password on node3\n")
        .contains("  node1 -> node3  FAILS: pi@10.0.0.3: Permission denied")
        .contains("  node3 -> node1  not tested");
    assertThat(Files.exists(homes.get(cluster.node("node3").orElseThrow()).resolve(".ssh")))
        .isFalse();

    // Once the right password is given, the run completes.
    asked.clear();
    passwords.put(cluster.node("node3").orElseThrow(), "raspberry");
    Run again = keys("raspberry\n");
    assertThat(again.ok()).as(again.output()).isTrue();
    assertThat(asked).containsExactly("node3");
  }

  @Test
  void aNodeThatTakesNoPasswordIsNotAskedForOne() {
    noPasswordLogins.add(cluster.node("node2").orElseThrow());
    Run r = keys("raspberry\n");
    assertThat(r.ok()).isFalse();
    assertThat(asked).containsExactly("node3");
    assertThat(r.output()).contains("  node2  10.0.0.2         refuses your key and takes no"
        + " password (pi@10.0.0.2: Permission denied (publickey).)\n")
        .contains("PasswordAuthentication yes");
  }

  @Test
  void withoutAPasswordTheNodesThatNeedOneAreNamedWithTheWayOut() {
    Run r = keys("");
    assertThat(r.ok()).isFalse();
    assertThat(r.output()).contains("  node2  10.0.0.2         needs pi's password to install your"
        + " key, but standard input ended before a password for node2")
        .contains("fix: run picluster keys on a terminal, which asks for it, or give it with"
            + " --password-stdin");
    // Its own key was still made.
    assertThat(r.changes()).contains("created your key");
  }

  @Test
  void aChangedHostKeyIsReportedAndLeftAlone() throws IOException {
    Node node2 = cluster.node("node2").orElseThrow();
    Path ssh = Files.createDirectories(homes.get(master).resolve(".ssh"));
    PublicKeyLine old = hostKeys.get(cluster.node("node3").orElseThrow()); // any other key
    Files.writeString(ssh.resolve("known_hosts"), "10.0.0.2 " + old.key() + "\n");
    Run r = keys("raspberry\n");
    assertThat(r.ok()).isFalse();
    assertThat(r.output())
        .contains("  node2  10.0.0.2         " + hostKeys.get(node2).fingerprint()
            + "  CHANGED: your known_hosts holds another key for 10.0.0.2\n")
        .contains("run 'ssh-keygen -R 10.0.0.2; ssh-keygen -R node2' and then picluster keys again")
        .contains("  node1 -> node2  FAILS: Host key verification failed.")
        .contains("  node1 -> node3  ok");
    assertThat(asked).containsExactly("node3");
    // Nothing is recorded for node2, not even under its name; the old line stays as it was.
    assertThat(read(ssh.resolve("known_hosts"))).startsWith("10.0.0.2 " + old.key() + "\n")
        .doesNotContain(hostKeys.get(node2).key());
  }

  @Test
  void aWorkersKeyThatWentMissingOnTheMasterIsPutBackAndNothingElseChanges() throws IOException {
    Run first = keys("raspberry\n");
    assertThat(first.ok()).isTrue();
    // node1 loses node3's key (someone edited authorized_keys).
    Path auth = homes.get(master).resolve(".ssh/authorized_keys");
    String pub3 = read(homes.get(cluster.node("node3").orElseThrow()).resolve(".ssh/id_ed25519.pub"));
    Files.writeString(auth, read(auth).replace(pub3, ""));
    Run second = keys("");
    assertThat(second.ok()).as(second.output()).isTrue(); // it puts the key back
    assertThat(second.changes()).containsExactly("added node3's key to node1's authorized_keys");

    // node1 loses its own key: the login to itself fails until keys puts it back.
    String pub1 = read(homes.get(master).resolve(".ssh/id_ed25519.pub"));
    Files.writeString(auth, read(auth).replace(pub1, ""));
    assertThat(loginFails(master, master)).contains("Permission denied");
    Run third = keys("");
    assertThat(third.ok()).as(third.output()).isTrue();
    assertThat(third.changes()).containsExactly("added your key to node1's own authorized_keys");
    assertThat(third.output()).contains("  node1  10.0.0.1         added to its own authorized_keys\n")
        .contains("  node1 -> node1  ok\n");
  }

  @Test
  void aMasterWithoutWorkersStillGetsItsLoginToItself() throws IOException {
    cluster = ClusterFile.parse(Path.of("cluster.conf"), String.join("\n",
        "network 10.0.0.0/24", "user pi", "master node1", "node node1 10.0.0.1", ""));
    master = cluster.masterNode();
    Run first = keys("");
    assertThat(first.ok()).as(first.output()).isTrue();
    assertThat(asked).isEmpty();
    assertThat(first.output())
        .contains("  node1  10.0.0.1         added to its own authorized_keys\n")
        .contains("no workers in cluster.conf\n")
        .doesNotContain("Back to the master")
        .contains("  node1 -> node1  ok\n")
        .contains("node1's login to itself works.");
    assertThat(read(homes.get(master).resolve(".ssh/known_hosts")))
        .contains("10.0.0.1 " + hostKeys.get(master).key() + "\n")
        .contains("node1 " + hostKeys.get(master).key() + "\n");
    Run second = keys("");
    assertThat(second.ok()).as(second.output()).isTrue();
    assertThat(second.changes()).isEmpty();
    assertThat(second.output()).contains("already in its own authorized_keys")
        .contains("Nothing changed");
  }

  @Test
  void aMasterWhoseHostKeyChangedCannotLogInToItselfAndSaysWhy() throws IOException {
    Path ssh = Files.createDirectories(homes.get(master).resolve(".ssh"));
    PublicKeyLine old = hostKeys.get(cluster.node("node2").orElseThrow()); // any other key
    Files.writeString(ssh.resolve("known_hosts"), "10.0.0.1 " + old.key() + "\n");
    Run r = keys("raspberry\n");
    assertThat(r.ok()).isFalse();
    assertThat(r.output())
        .contains("  node1 -> node1  FAILS: Host key verification failed.\n")
        .contains("fix: node1 has another host key on record for node1: if node1 was re-installed,"
            + " run 'ssh-keygen -R 10.0.0.1' and 'ssh-keygen -R node1' as pi on node1")
        .contains("  node1 -> node2  ok\n");
  }
}
