package io.picluster.setup.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.setup.status.NodeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VersionsCheckTest {
  private static List<NodeStatus> with(int k, NodeStatus changed, int count) {
    List<NodeStatus> all = new ArrayList<>(Canned.healthyStatuses(count));
    all.set(k - 1, changed);
    return all;
  }

  @Test
  void theSameEverywhereIsOkPerNode() {
    List<Check> c = VersionsCheck.check(Canned.scope(3), Canned.healthyStatuses(3), Set.of());
    assertThat(c).extracting(Check::verdict).containsExactly(Verdict.OK, Verdict.OK, Verdict.OK);
    assertThat(c.get(2).finding()).isEqualTo("picluster 0.1.0 (aaaaaaaa), Java 17.0.15, aarch64");
  }

  @Test
  void anotherPiclusterJavaOrArchitectureFailsWithItsFix() {
    List<Check> c = VersionsCheck.check(Canned.scope(4), with(3, Canned.status(3,
        "picluster_version=0.0.9", "arch=armv7l", "java_version=JAVA_VERSION=\"11.0.20\""), 4),
        Set.of());
    List<Check> fails = Canned.only(c, Verdict.FAIL);
    assertThat(fails).extracting(Check::subject).containsOnly("node3");
    assertThat(fails).extracting(Check::finding).anyMatch(f -> f.contains("has picluster 0.0.9"))
        .anyMatch(f -> f.contains("Java 11.0.20")).anyMatch(f -> f.contains("armv7l"));
    assertThat(fails).extracting(Check::fix)
        .anyMatch(f -> f.startsWith("picluster install"))
        .anyMatch(f -> f.contains("openjdk-17"));
    assertThat(Canned.only(c, Verdict.OK)).extracting(Check::subject)
        .containsExactly("node1", "node2", "node4");
  }

  @Test
  void noPiclusterAnywhereIsOnlyAWarningButOneMissingAmongOthersFails() {
    List<NodeStatus> none = new ArrayList<>();
    for (int k = 1; k <= 2; k++) {
      none.add(Canned.status(k, "picluster_jar=", "picluster_version=", "picluster_sha256="));
    }
    List<Check> c = VersionsCheck.check(Canned.scope(2), none, Set.of());
    assertThat(c).extracting(Check::verdict).containsOnly(Verdict.WARN);
    assertThat(c.get(0).fix()).isEqualTo("picluster install puts the same picluster on every node");
    List<Check> one = VersionsCheck.check(Canned.scope(2), List.of(Canned.status(1), none.get(1)),
        Set.of());
    assertThat(Canned.only(one, Verdict.FAIL)).extracting(Check::subject).containsExactly("node2");
  }

  @Test
  void skippedNodesAreLeftOutAndADownProbeIsAWarning() {
    List<NodeStatus> s = new ArrayList<>(Canned.healthyStatuses(3));
    s.set(1, NodeStatus.down(Canned.node(2), "no answer within 5 s"));
    s.set(2, NodeStatus.down(Canned.node(3), "Connection refused"));
    List<Check> c = VersionsCheck.check(Canned.scope(3), s, Set.of("node3"));
    assertThat(c).extracting(Check::subject).containsExactly("node2", "node1");
    assertThat(c.get(0).verdict()).isEqualTo(Verdict.WARN);
  }
}
