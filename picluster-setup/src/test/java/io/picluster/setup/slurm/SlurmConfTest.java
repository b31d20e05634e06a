package io.picluster.setup.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.ClusterFile;
import io.picluster.setup.cluster.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlurmConfTest {
  static final Cluster CLUSTER = ClusterFile.parse(Path.of("cluster.conf"),
      "network 10.0.0.0/24\nuser pi\nmaster pi1\nnode pi1 10.0.0.1\nnode pi2 10.0.0.2\n");

  static List<SlurmFacts> facts(String... versions) {
    List<SlurmFacts> f = new ArrayList<>();
    int k = 1;
    for (Node n : CLUSTER.nodes()) {
      String v = versions.length >= k ? versions[k - 1] : "22.05.8";
      f.add(SlurmFacts.parse(n, "hostname=" + n.name() + "\n"
          + (v.isEmpty() ? "" : "version=slurm-wlm " + v + "\nhardware=NodeName=x CPUs=" + (2 * k)
          + " Boards=1 SocketsPerBoard=1 CoresPerSocket=" + (2 * k) + " ThreadsPerCore=1"
          + " RealMemory=" + (1000 * k) + "\n")
          + "slurmctld=yes\nmunged=yes\nsrun=yes\nsudo=yes\n"));
      k++;
    }
    return f;
  }

  @Test
  void theMasterControlsAndEveryNodeHasItsOwnHardwareInOneDefaultPartition() {
    String conf = SlurmConf.render(CLUSTER, facts());
    assertThat(conf).startsWith("# Written by picluster slurm from cluster.conf.\n")
        .contains("\nSlurmctldHost=pi1(10.0.0.1)\n", "\nAuthType=auth/munge\n",
            "\nSlurmdPidFile=/run/slurmd.pid\n", "\nProctrackType=proctrack/linuxproc\n")
        .endsWith("NodeName=pi1 NodeAddr=10.0.0.1 CPUs=2 Boards=1 SocketsPerBoard=1"
            + " CoresPerSocket=2 ThreadsPerCore=1 RealMemory=1000 State=UNKNOWN\n"
            + "NodeName=pi2 NodeAddr=10.0.0.2 CPUs=4 Boards=1 SocketsPerBoard=1"
            + " CoresPerSocket=4 ThreadsPerCore=1 RealMemory=2000 State=UNKNOWN\n"
            + "PartitionName=picluster Nodes=ALL Default=YES MaxTime=INFINITE State=UP\n");
  }

  @Test
  void theSameNodesGiveTheSameFile() {
    assertThat(SlurmConf.render(CLUSTER, facts())).isEqualTo(SlurmConf.render(CLUSTER, facts()));
  }
}
