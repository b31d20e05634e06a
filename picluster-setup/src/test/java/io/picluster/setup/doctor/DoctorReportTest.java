package io.picluster.setup.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.setup.status.NodeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DoctorReportTest {
  private static PortReport allPorts(int count) {
    List<PortPair> pairs = new ArrayList<>();
    for (int a = 1; a <= count; a++) {
      for (int b = 1; b <= count; b++) {
        if (a != b) {
          pairs.add(new PortPair("node" + a, "10.0.0." + a, "node" + b, "10.0.0." + b, 40000,
              true, null));
        }
      }
    }
    return new PortReport(pairs, Map.of(), Map.of());
  }

  @Test
  void aHealthyClusterIsAllOkAndExitsZero() {
    DoctorReport r = Doctor.judge(Canned.scope(3), Canned.backbone(3), Canned.healthyFacts(3),
        Canned.healthyStatuses(3), allPorts(3));
    assertThat(r.failed()).isFalse();
    assertThat(r.exitCode()).isZero();
    assertThat(r.count(Verdict.OK)).isEqualTo(r.checks().size());
    // ssh, backbone, names, ports, versions, clock, throttling: one line per node each
    assertThat(r.checks()).hasSize(7 * 3);
    assertThat(r.checks()).extracting(Check::name).startsWith("ssh", "ssh", "ssh", "backbone");
    assertThat(r.summary()).isEqualTo("doctor: 3 nodes, 21 checks: 21 OK, 0 WARN, 0 FAIL");
  }

  @Test
  void anUnreachableNodeIsCheckedForSshOnlyAndTheLinesAreAligned() {
    List<NodeFacts> facts = new ArrayList<>(Canned.healthyFacts(3));
    facts.set(2, Canned.sshFailed(3, "ssh: connect to host 10.0.0.3 port 22: Connection refused"));
    List<NodeStatus> statuses = new ArrayList<>(Canned.healthyStatuses(3));
    statuses.set(2, NodeStatus.down(Canned.node(3), "Connection refused"));
    PortReport ports = new PortReport(allPorts(2).pairs(), Map.of("node3", "the probe did not"
        + " start"), Map.of());
    DoctorReport r = Doctor.judge(Canned.scope(3), Canned.backbone(3), facts, statuses, ports);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.checks()).filteredOn(c -> c.subject().contains("node3"))
        .extracting(Check::name).containsExactly("ssh");
    String text = r.render(false);
    assertThat(text).contains("\nFAIL  ssh         node3  nothing answers ssh at 10.0.0.3:22"
        + " (connection refused): the SSH server is not running there  -> fix: start the SSH"
        + " server on node3");
    assertThat(text).contains("\nOK    throttling  node2  no throttling");
    assertThat(text).endsWith("doctor: 3 nodes, 15 checks: 14 OK, 0 WARN, 1 FAIL; node3 was"
        + " checked for ssh only (no login)\n");
    assertThat(r.render(true)).startsWith("FAIL  ssh  node3  nothing answers");
  }
}
