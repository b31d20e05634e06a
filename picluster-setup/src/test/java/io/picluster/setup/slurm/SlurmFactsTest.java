package io.picluster.setup.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.setup.cluster.Node;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlurmFactsTest {
  private static final Node NODE = new Node("node2", "10.0.0.2", "pi");

  @Test
  void readsTheVersionAndTheHardwareFieldsSlurmConfTakes() {
    SlurmFacts f = SlurmFacts.parse(NODE, String.join("\n",
        "hostname=node2.lan",
        "version=slurm-wlm 22.05.8",
        "hardware=NodeName=node2 CPUs=4 Boards=1 SocketsPerBoard=1 CoresPerSocket=4"
            + " ThreadsPerCore=1 RealMemory=3792",
        "slurmctld=yes", "munged=yes", "srun=yes", "sudo=yes", ""));
    assertThat(f.slurmName()).isEqualTo("node2");
    assertThat(f.version()).contains("22.05.8");
    assertThat(f.hardwareLine()).isEqualTo(
        "CPUs=4 Boards=1 SocketsPerBoard=1 CoresPerSocket=4 ThreadsPerCore=1 RealMemory=3792");
    assertThat(f.knowsHardware()).isTrue();
    assertThat(f.slurmctld() && f.munged() && f.srun() && f.sudo()).isTrue();
    assertThat(f.systemd() || f.root()).isFalse();
  }

  @Test
  void aNodeWithoutSlurmHasNoVersionAndNoHardware() {
    SlurmFacts f = SlurmFacts.parse(NODE, "hostname=node2\nsystemd=yes\nroot=yes\n");
    assertThat(f.version()).isEqualTo(Optional.empty());
    assertThat(f.knowsHardware()).isFalse();
    assertThat(f.systemd() && f.root()).isTrue();
  }

  @Test
  void fieldsThatAreNotNumbersOrNotHardwareAreLeftOut() {
    SlurmFacts f = SlurmFacts.parse(NODE,
        "hostname=node2\nversion=slurm 23.02.1\nhardware=CPUs=x; Gres=gpu:1 RealMemory=100 UpTime=5\n");
    assertThat(f.version()).contains("23.02.1");
    assertThat(f.hardwareLine()).isEqualTo("RealMemory=100");
    assertThat(f.knowsHardware()).isFalse();
  }
}
