package io.picluster.setup.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.launch.detect.ElfArch;
import io.picluster.setup.cluster.Ipv4Network;
import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactsProbeTest {
  @Test
  void parsesAddressesNamesAndTheProgramSkippingWhatTheLoginShellSaysFirst() {
    Canned.Facts c = Canned.facts(3, 4)
        .resolve("node3", "127.0.1.1 127.0.1.1 127.0.1.1 10.0.0.3 10.0.0.3 10.0.0.3 ")
        .resolve("node4", "")
        .program("program=file", "program_sha256=" + "c".repeat(64), "program_exec=yes");
    c.preamble = "Welcome to node3\nhostname=liar\n";
    NodeFacts f = c.parse();
    assertThat(f.answered()).isTrue();
    assertThat(f.hostname()).isEqualTo("node3");
    assertThat(f.addresses()).extracting(InterfaceAddress::toString)
        .containsExactly("lo 127.0.0.1/8", "eth0 10.0.0.3/24", "wlan0 192.168.50.3/24");
    assertThat(f.resolved().get("node3")).containsExactly("127.0.1.1", "10.0.0.3");
    assertThat(f.resolved().get("node1")).containsExactly("10.0.0.1");
    assertThat(f.resolved().get("node4")).isEmpty();
    assertThat(f.program()).isEqualTo("file");
    assertThat(f.programSha256()).isEqualTo("c".repeat(64));
    assertThat(f.programExecutable()).isTrue();
  }

  @Test
  void noIpOrGetentCommandIsNullNotEmpty() {
    Canned.Facts c = Canned.facts(2, 2);
    c.ipTool = false;
    c.getent = false;
    NodeFacts f = c.parse();
    assertThat(f.answered()).isTrue();
    assertThat(f.addresses()).isNull();
    assertThat(f.resolved()).isNull();
    assertThat(f.program()).isNull();
  }

  @Test
  void aCutOffAnswerOrAFailedSshIsUnanswered() {
    Node n = Canned.node(2);
    String cut = FactsProbe.BEGIN + "\nhostname=node2\n";
    assertThat(FactsProbe.parse(n, Canned.ok(n, cut)).answered()).isFalse();
    assertThat(FactsProbe.parse(n, new NodeShell.Result(n, -1, "", "", true)).answered()).isFalse();
    assertThat(Canned.sshFailed(2, "ssh: connect to host 10.0.0.2 port 22: Connection refused")
        .answered()).isFalse();
  }

  @Test
  void interfaceAddressesFromIpOutputIncludingVethNames() {
    InterfaceAddress a = InterfaceAddress.parse("5: eth0@if6    inet 10.0.0.2/24 brd 10.0.0.255"
        + " scope global eth0\\       valid_lft forever preferred_lft forever");
    assertThat(a.iface()).isEqualTo("eth0");
    assertThat(Ipv4Network.format(a.address())).isEqualTo("10.0.0.2");
    assertThat(a.prefix()).isEqualTo(24);
    assertThat(InterfaceAddress.parse("garbage")).isNull();
    assertThat(InterfaceAddress.parse("1: lo    inet6 ::1/128 scope host")).isNull();
  }

  /** The real script, run by this machine's sh: its output parses. */
  @Test
  void theScriptRunsUnderShAndParses(@TempDir Path dir) throws Exception {
    Path prog = dir.resolve("prog.sh");
    Files.writeString(prog, "#!/bin/sh\necho hi\n");
    prog.toFile().setExecutable(true);
    List<String> argv = new ArrayList<>(List.of("sh", "-c", FactsProbe.SCRIPT, "picluster",
        prog.toString(), "localhost", "no-such-name.invalid"));
    Node here = new Node("here", "127.0.0.1", System.getProperty("user.name"));
    NodeShell.Result r = NodeShell.runCommand(here, argv, Duration.ofSeconds(20));
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    NodeFacts f = FactsProbe.parse(here, r);
    assertThat(f.answered()).as(r.stdout()).isTrue();
    assertThat(f.hostname()).isNotBlank();
    assertThat(f.program()).isEqualTo("file");
    assertThat(f.programSha256()).isEqualTo(ProgramFile.of(prog).sha256());
    assertThat(f.programExecutable()).isTrue();
    // this JVM's own architecture, read from the java on PATH (the build's java here)
    assertThat(f.arch().arch()).as(r.stdout()).isEqualTo(ElfArch.ofThisJvm());
    assertThat(f.arch().from()).startsWith("java at /");
    if (f.resolved() != null) {
      assertThat(f.resolved().get("localhost")).isNotEmpty();
      assertThat(f.resolved().get("no-such-name.invalid")).isEmpty();
    }
    if (f.addresses() != null) {
      assertThat(f.addresses()).anyMatch(InterfaceAddress::loopback);
    }
    // a path that is not there
    argv.set(4, dir.resolve("gone").toString());
    NodeFacts g = FactsProbe.parse(here, NodeShell.runCommand(here, argv, Duration.ofSeconds(20)));
    assertThat(g.program()).isEqualTo("missing");
  }
}
