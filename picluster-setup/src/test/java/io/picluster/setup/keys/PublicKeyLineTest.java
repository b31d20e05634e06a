package io.picluster.setup.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.picluster.setup.cluster.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicKeyLineTest {
  @TempDir Path dir;

  @Test
  void parsesKeyLinesAndNothingElse() {
    PublicKeyLine k = PublicKeyLine.parse(
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBf0xWq0+pQ9TRQzXhP1dI8VY5Hq1bFqJ3YxJ8l2VQJk pi@node1\n")
        .orElseThrow();
    assertThat(k.type()).isEqualTo("ssh-ed25519");
    assertThat(k.comment()).isEqualTo("pi@node1");
    assertThat(k.key()).isEqualTo(
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBf0xWq0+pQ9TRQzXhP1dI8VY5Hq1bFqJ3YxJ8l2VQJk");
    assertThat(k.line()).isEqualTo(k.key() + " pi@node1");
    assertThat(PublicKeyLine.parse(k.key()).orElseThrow().comment()).isEmpty();
    assertThat(PublicKeyLine.parse("")).isEmpty();
    assertThat(PublicKeyLine.parse("# a comment")).isEmpty();
    assertThat(PublicKeyLine.parse("command=\"x\" ssh-ed25519 AAAA")).isEmpty();
    assertThat(PublicKeyLine.parse("ssh-ed25519 not*base64")).isEmpty();
    assertThat(PublicKeyLine.parse("ssh-ed25519 AAAAC")).isEmpty(); // not whole base64
  }

  @Test
  void fingerprintIsWhatSshKeygenPrints() throws Exception {
    assumeTrue(KeyScriptsTest.onPath("ssh-keygen"), "ssh-keygen is not installed here");
    Path key = dir.resolve("k");
    ScriptRunner.capture(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "me@here",
        "-f", key.toString()));
    PublicKeyLine k = PublicKeyLine.parse(Files.readString(Path.of(key + ".pub"))).orElseThrow();
    String printed = ScriptRunner.capture(List.of("ssh-keygen", "-lf", key + ".pub"));
    assertThat(printed).isEqualTo("256 " + k.fingerprint() + " me@here (ED25519)\n");
  }

  @Test
  void readsSshKeyscanOutputForTheNodesAddresses() {
    Node n1 = new Node("node1", "10.0.0.1", "pi");
    Node n2 = new Node("node2", "10.0.0.2", "pi");
    Node n3 = new Node("node3", "10.0.0.3", "pi");
    String blob = "AAAAC3NzaC1lZDI1NTE5AAAAIBf0xWq0+pQ9TRQzXhP1dI8VY5Hq1bFqJ3YxJ8l2VQJk";
    Map<Node, PublicKeyLine> keys = HostKeyScan.parse(List.of(n1, n2, n3), String.join("\n",
        "# 10.0.0.1:22 SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3",
        "10.0.0.1 ssh-ed25519 " + blob,
        "10.0.0.9 ssh-ed25519 " + blob,
        "10.0.0.3 ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB",
        ""));
    assertThat(keys).containsOnlyKeys(n1);
    assertThat(keys.get(n1).key()).isEqualTo("ssh-ed25519 " + blob);
  }
}
