package io.picluster.setup.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.util.List;
import org.junit.jupiter.api.Test;

class SshCheckTest {
  private static final String CHANGED = String.join("\n",
      "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@",
      "@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @",
      "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@",
      "IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!",
      "Host key for 10.0.0.3 has changed and you have requested strict checking.",
      "Host key verification failed.",
      "");

  @Test
  void aWorkingLoginIsOk() {
    List<Check> c = SshCheck.check(Canned.healthyFacts(2));
    assertThat(c).extracting(Check::verdict).containsOnly(Verdict.OK);
    assertThat(c.get(1).toString()).isEqualTo("OK  ssh  node2  BatchMode login as pi@10.0.0.2 works");
  }

  @Test
  void aChangedHostKeyNamesSshKeygenRAndPiclusterKeys() {
    Check c = SshCheck.check(List.of(Canned.sshFailed(3, CHANGED))).get(0);
    assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(c.finding()).contains("REMOTE HOST IDENTIFICATION HAS CHANGED")
        .contains("Host key verification failed.");
    assertThat(c.fix()).contains("ssh-keygen -R 10.0.0.3").contains("ssh-keygen -R node3")
        .contains("picluster keys");
  }

  @Test
  void aRefusedKeyIsAPasswordPromptInWaitingFixedByPiclusterKeys() {
    Check c = SshCheck.check(List.of(Canned.sshFailed(2,
        "pi@10.0.0.2: Permission denied (publickey,password).\n"))).get(0);
    assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(c.finding()).contains("key login as pi@10.0.0.2 is refused")
        .contains("asks for a password").contains("Permission denied (publickey,password).");
    assertThat(c.fix()).startsWith("run picluster keys");
    Check keysOnly = SshCheck.check(List.of(Canned.sshFailed(2,
        "pi@10.0.0.2: Permission denied (publickey).\n"))).get(0);
    assertThat(keysOnly.finding()).doesNotContain("password");
  }

  @Test
  void connectionRefusedMeansNoSshServerAndTimeoutsMeanTheNodeIsOff() {
    Check refused = SshCheck.check(List.of(Canned.sshFailed(3,
        "ssh: connect to host 10.0.0.3 port 22: Connection refused\n"))).get(0);
    assertThat(refused.finding()).contains("connection refused").contains("SSH server");
    assertThat(refused.fix()).contains("sudo systemctl enable --now ssh");
    Check timeout = SshCheck.check(List.of(Canned.sshFailed(4,
        "ssh: connect to host 10.0.0.4 port 22: Connection timed out\n"))).get(0);
    assertThat(timeout.finding()).contains("does not answer at 10.0.0.4")
        .contains("Connection timed out");
    assertThat(timeout.fix()).contains("is on and cabled");
    Node n = Canned.node(4);
    NodeFacts late = FactsProbe.parse(n, new NodeShell.Result(n, -1, "", "", true));
    assertThat(SshCheck.classify(late.ssh())).isEqualTo(SshCheck.Cause.NO_ANSWER);
    assertThat(SshCheck.classify(new NodeShell.Result(n, 255, "", "ssh: connect to host 10.0.0.4"
        + " port 22: No route to host\n", false))).isEqualTo(SshCheck.Cause.NO_ANSWER);
  }

  @Test
  void aFailingLoginShellIsNotBlamedOnSsh() {
    Node n = Canned.node(2);
    NodeShell.Result r = new NodeShell.Result(n, 1, "", "bash: /home/pi/.bashrc: line 3: oops\n",
        false);
    Check c = SshCheck.check(List.of(FactsProbe.parse(n, r))).get(0);
    assertThat(SshCheck.classify(r)).isEqualTo(SshCheck.Cause.SCRIPT);
    assertThat(c.finding()).contains("logged in").contains("oops");
    assertThat(c.fix()).contains("~/.bashrc");
  }
}
