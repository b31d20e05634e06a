package io.picluster.setup.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.setup.cluster.Node;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlurmCheckTest {
  @Test
  void readyNodesHaveNoProblem() {
    assertThat(SlurmCheck.problems(SlurmConfTest.CLUSTER, SlurmConfTest.facts())).isEmpty();
  }

  @Test
  void aNodeWithAnotherVersionIsRefusedWithTheFix() {
    assertThat(SlurmCheck.problems(SlurmConfTest.CLUSTER, SlurmConfTest.facts("22.05.8", "21.08.5")))
        .containsExactly("pi2 (10.0.0.2) has Slurm 21.08.5 but the controller pi1 has 22.05.8;"
            + " install Slurm 22.05.8 on pi2 (the same OS release as pi1 has it: sudo apt update &&"
            + " sudo apt install slurmd slurm-client), or upgrade every node alike");
  }

  @Test
  void aNodeWithoutSlurmIsToldWhatToInstallTheMasterToo() {
    assertThat(SlurmCheck.problems(SlurmConfTest.CLUSTER, SlurmConfTest.facts("", "")))
        .containsExactly(
            "pi1 (10.0.0.1): Slurm is not installed; install it there: sudo apt install slurmctld"
                + " slurmd slurm-client munge",
            "pi2 (10.0.0.2): Slurm is not installed; install it there: sudo apt install slurmd"
                + " slurm-client munge");
  }

  @Test
  void withoutSudoOrRootAndWithATakenHostNameItSaysSo() {
    List<Node> n = SlurmConfTest.CLUSTER.nodes();
    String ok = "version=slurm-wlm 22.05.8\nhardware=CPUs=2 RealMemory=100\nslurmctld=yes\n"
        + "munged=yes\nsrun=yes\n";
    List<SlurmFacts> facts = List.of(SlurmFacts.parse(n.get(0), "hostname=pi\n" + ok + "root=yes\n"),
        SlurmFacts.parse(n.get(1), "hostname=pi\n" + ok));
    assertThat(SlurmCheck.problems(SlurmConfTest.CLUSTER, facts)).containsExactly(
        "pi2 (10.0.0.2): sudo is not installed and pi is not root; install sudo there (apt install"
            + " sudo) and allow pi passwordless sudo",
        "pi2 (10.0.0.2) calls itself pi like pi1; Slurm needs a different host name on every node"
            + " (sudo hostnamectl set-hostname pi2 there)");
  }
}
