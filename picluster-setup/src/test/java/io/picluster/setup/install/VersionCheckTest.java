package io.picluster.setup.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.setup.status.NodeStatus;
import io.picluster.setup.status.TestStatuses;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whether the nodes match: picluster, architecture, Java (for doctor and launches). */
class VersionCheckTest {
  private static final String A = TestStatuses.SHA_A;
  private static final String B = TestStatuses.SHA_B;

  @Test
  void matchingNodesAreOk() {
    VersionCheck.Report r = VersionCheck.check(List.of(TestStatuses.node(1).up(),
        TestStatuses.node(2).up()), "node1", "0.1.0", A, false);
    assertThat(r.ok()).isTrue();
    assertThat(r.findings()).isEmpty();
    assertThat(r.unknown()).isEmpty();
  }

  @Test
  void aDifferentBuildOfTheSameVersionIsAMismatch() {
    VersionCheck.Report r = VersionCheck.check(List.of(TestStatuses.node(1).up(),
        TestStatuses.node(2).picluster("0.1.0", B).up()), "node1", null, null, false);
    assertThat(r.ok()).isFalse();
    assertThat(r.errors()).singleElement().satisfies(f -> {
      assertThat(f.node()).isEqualTo("node2");
      assertThat(f.message()).isEqualTo("node2 (10.0.0.2) has picluster 0.1.0 (bbbbbbbb) but node1"
          + " has 0.1.0 (aaaaaaaa); run: picluster install (it puts the same one on every node)");
    });
  }

  @Test
  void theLaunchersOwnVersionIsTheReferenceWhenGiven() {
    VersionCheck.Report r = VersionCheck.check(List.of(TestStatuses.node(1).up(),
        TestStatuses.node(2).picluster(null, null).up()), "node1", "0.2.0", B, false);
    assertThat(r.errors()).extracting(VersionCheck.Finding::message).containsExactly(
        "node1 (10.0.0.1) has picluster 0.1.0 (aaaaaaaa) but this picluster is 0.2.0 (bbbbbbbb);"
            + " run: picluster install (it puts the same one on every node)",
        "node2 (10.0.0.2) has no picluster installed; run: picluster install");
    // a version alone compares versions only
    assertThat(VersionCheck.check(List.of(TestStatuses.node(1).up(),
        TestStatuses.node(2).picluster("0.1.0", B).up()), null, "0.1.0", null, false).ok())
        .isTrue();
  }

  @Test
  void architectureMismatchIsAnErrorOrWithMixedArchAWarning() {
    List<NodeStatus> nodes = List.of(TestStatuses.node(1).arch("x86_64").up(),
        TestStatuses.node(2).up(), TestStatuses.node(3).up());
    VersionCheck.Report strict = VersionCheck.check(nodes, "node2", null, null, false);
    assertThat(strict.errors()).singleElement().satisfies(f -> {
      assertThat(f.node()).isEqualTo("node1");
      assertThat(f.message()).startsWith("node1 (10.0.0.1) is x86_64 but node2 is aarch64");
    });
    VersionCheck.Report mixed = VersionCheck.check(nodes, "node2", null, null, true);
    assertThat(mixed.ok()).isTrue();
    assertThat(mixed.warnings()).singleElement().extracting(VersionCheck.Finding::node)
        .isEqualTo("node1");
  }

  @Test
  void javaProblemsAreErrorsAndDifferentJavasAWarning() {
    VersionCheck.Report r = VersionCheck.check(List.of(TestStatuses.node(1).up(),
        TestStatuses.node(2).java(null).up(), TestStatuses.node(3).java("11.0.2").up(),
        TestStatuses.node(4).java("21.0.1").os("Ubuntu 24.04 LTS").up()), null, null, null, false);
    assertThat(r.errors()).extracting(VersionCheck.Finding::node).containsExactly("node2", "node3");
    assertThat(r.warnings()).extracting(VersionCheck.Finding::message).containsExactly(
        "node4 (10.0.0.4) has Java 21.0.1 but node1 has 17.0.15; the same Java on every node"
            + " avoids surprises (sudo apt install openjdk-17-jre-headless)",
        "node4 (10.0.0.4) runs Ubuntu 24.04 LTS but node1 runs Debian GNU/Linux 12 (bookworm);"
            + " the same OS image on every node avoids surprises");
  }

  @Test
  void downNodesAreNotJudgedButListed() {
    VersionCheck.Report r = VersionCheck.check(List.of(TestStatuses.node(1).down("refused"),
        TestStatuses.node(2).up(), TestStatuses.node(3).arch("armv7l").up()), "node1", null, null,
        false);
    assertThat(r.unknown()).containsExactly("node1");
    // the master is down: node2, the first that is up, is the reference
    assertThat(r.errors()).singleElement().extracting(VersionCheck.Finding::message).asString()
        .startsWith("node3 (10.0.0.3) is armv7l but node2 is aarch64");
  }
}
