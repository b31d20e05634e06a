package io.picluster.setup.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.setup.cluster.Node;
import org.junit.jupiter.api.Test;

class SshFailureTest {
  private static final Node MASTER = new Node("node1", "10.0.0.1", "pi");
  private static final Node WORKER = new Node("node3", "10.0.0.3", "pi");

  @Test
  void namesTheCauseAndTheFix() {
    SshFailure denied = SshFailure.explain("Warning: Permanently added '10.0.0.3' (ED25519) to the"
        + " list of known hosts.\npi@10.0.0.3: Permission denied (publickey).\n", MASTER, WORKER);
    assertThat(denied.reason()).isEqualTo("pi@10.0.0.3: Permission denied (publickey).");
    assertThat(denied.fix()).startsWith("node1's key (pi's ~/.ssh/id_ed25519.pub) is not accepted"
        + " by pi@node3: run picluster keys again");

    assertThat(SshFailure.explain("ssh: connect to host 10.0.0.3 port 22: Connection refused",
        MASTER, WORKER).fix()).contains("sudo systemctl enable --now ssh");
    assertThat(SshFailure.explain("ssh: connect to host 10.0.0.3 port 22: Connection timed out",
        MASTER, WORKER).fix()).startsWith("node3 does not answer at 10.0.0.3 from node1");
    assertThat(SshFailure.explain("no answer in time", MASTER, WORKER).fix())
        .startsWith("node3 does not answer");
    SshFailure changed = SshFailure.explain("@@@@@@@@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION"
        + " HAS CHANGED!     @\n...\nHost key verification failed.\n", WORKER, MASTER);
    assertThat(changed.reason()).isEqualTo("Host key verification failed.");
    assertThat(changed.fix()).contains("ssh-keygen -R 10.0.0.1").contains("as pi on node3");
    assertThat(SshFailure.explain("sh: 1: ssh: not found", WORKER, MASTER).fix())
        .contains("apt-get install openssh-client");
    assertThat(SshFailure.explain("something odd\nkex_exchange_identification: read: reset",
        MASTER, WORKER).reason()).isEqualTo("kex_exchange_identification: read: reset");
  }

  @Test
  void tellsWhetherTheServerTakesPasswords() {
    assertThat(SshFailure.offersPassword("pi@10.0.0.3: Permission denied (publickey,password)."))
        .isTrue();
    assertThat(SshFailure.offersPassword(
        "pi@10.0.0.3: Permission denied (publickey,keyboard-interactive).")).isTrue();
    assertThat(SshFailure.offersPassword("pi@10.0.0.3: Permission denied (publickey).")).isFalse();
    assertThat(SshFailure.offersPassword("Connection refused")).isFalse();
  }
}
