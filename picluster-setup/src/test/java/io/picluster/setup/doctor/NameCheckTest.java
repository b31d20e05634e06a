package io.picluster.setup.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.setup.cluster.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NameCheckTest {
  private static List<NodeFacts> withNode(int k, Canned.Facts changed, int count) {
    List<NodeFacts> all = new ArrayList<>(Canned.healthyFacts(count));
    all.set(k - 1, changed.parse());
    return all;
  }

  private static List<Check> about(List<Check> checks, String node) {
    return checks.stream().filter(c -> c.subject().equals(node)).toList();
  }

  @Test
  void everyNameResolvingToItsBackboneAddressIsOkOnEveryNode() {
    List<Check> c = NameCheck.check(Canned.scope(3), Canned.healthyFacts(3), Canned.backbone(3));
    assertThat(c).extracting(Check::verdict).containsExactly(Verdict.OK, Verdict.OK, Verdict.OK);
    assertThat(c.get(1).finding())
        .isEqualTo("node2 resolves to 10.0.0.2; node1, node3 to theirs (getent)");
  }

  @Test
  void debiansLoopbackLineForTheOwnNameFailsWithTheFixHostsFix() {
    Canned.Facts f = Canned.facts(3, 4)
        .resolve("node3", "127.0.1.1 127.0.1.1 127.0.1.1 10.0.0.3 10.0.0.3 10.0.0.3 ");
    List<Check> c = about(NameCheck.check(Canned.scope(4), withNode(3, f, 4), Canned.backbone(4)),
        "node3");
    assertThat(c).hasSize(1);
    Check x = c.get(0);
    assertThat(x.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(x.finding()).startsWith("node3 resolves to 127.0.1.1 (loopback) on node3"
        + " (getent ahostsv4 node3: 127.0.1.1, 10.0.0.3)");
    assertThat(x.fix()).isEqualTo("comment out the '127.0.1.1 node3' line in node3's /etc/hosts:"
        + " picluster net node3 --fix-hosts does it (and puts in the block naming every node)");
    assertThat(x.toString()).startsWith("FAIL  names  node3  node3 resolves to 127.0.1.1");
  }

  @Test
  void missingOrWrongPeerNamesAreOneLinePerNodeFixedByTheHostsBlock() {
    Canned.Facts f = Canned.facts(2, 4).resolve("node3", "").resolve("node4", "10.0.0.9 ");
    List<Check> c = about(NameCheck.check(Canned.scope(4), withNode(2, f, 4), Canned.backbone(4)),
        "node2");
    assertThat(c).hasSize(1);
    assertThat(c.get(0).verdict()).isEqualTo(Verdict.FAIL);
    assertThat(c.get(0).finding()).isEqualTo("on node2, node3 does not resolve; node4 resolves to"
        + " 10.0.0.9, not 10.0.0.4");
    assertThat(c.get(0).fix()).startsWith("picluster net --all puts the same /etc/hosts block");
  }

  @Test
  void anOwnNameThatDoesNotResolveFails() {
    Canned.Facts f = Canned.facts(2, 2).resolve("node2", "");
    Check c = about(NameCheck.check(Canned.scope(2), withNode(2, f, 2), Canned.backbone(2)),
        "node2").get(0);
    assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(c.finding()).isEqualTo("its own name node2 does not resolve there");
  }

  @Test
  void aHostNameOtherThanTheClusterFilesIsAWarningAndTwinsFail() {
    Canned.Facts f = Canned.facts(2, 3);
    f.hostname = "raspberrypi";
    f.resolve("raspberrypi", "127.0.1.1 ");
    List<Check> c = about(NameCheck.check(Canned.scope(3), withNode(2, f, 3), Canned.backbone(3)),
        "node2");
    assertThat(c).extracting(Check::verdict).containsExactly(Verdict.WARN, Verdict.FAIL);
    assertThat(c.get(0).finding()).isEqualTo("its host name is raspberrypi, but the cluster file"
        + " calls it node2");
    assertThat(c.get(0).fix()).startsWith("sudo hostnamectl set-hostname node2");
    // with --hosts, two nodes with one name
    Node a = new Node("10.0.0.1", "10.0.0.1", "pi");
    Node b = new Node("10.0.0.2", "10.0.0.2", "pi");
    Canned.Facts fa = Canned.facts(1, 2);
    fa.hostname = "raspberrypi";
    Canned.Facts fb = Canned.facts(2, 2);
    fb.hostname = "raspberrypi";
    List<NodeFacts> facts = List.of(FactsProbe.parse(a, Canned.ok(a, fa.stdout())),
        FactsProbe.parse(b, Canned.ok(b, fb.stdout())));
    List<Check> twins = NameCheck.check(DoctorScope.ofHosts(List.of(a, b), Optional.empty()),
        facts, Map.of("10.0.0.1", "10.0.0.1", "10.0.0.2", "10.0.0.2"));
    assertThat(Canned.only(twins, Verdict.FAIL)).extracting(Check::finding)
        .contains("its host name raspberrypi is also 10.0.0.2's",
            "its host name raspberrypi is also 10.0.0.1's");
  }

  @Test
  void withHostsThePeersAreKnownByTheirOwnHostNames() {
    Node a = new Node("10.0.0.1", "10.0.0.1", "pi");
    Node b = new Node("10.0.0.2", "10.0.0.2", "pi");
    Canned.Facts fa = Canned.facts(1, 2).resolve("node2", "");
    List<NodeFacts> facts = List.of(FactsProbe.parse(a, Canned.ok(a, fa.stdout())),
        FactsProbe.parse(b, Canned.ok(b, Canned.facts(2, 2).stdout())));
    List<Check> c = NameCheck.check(DoctorScope.ofHosts(List.of(a, b), Optional.empty()), facts,
        Map.of("10.0.0.1", "10.0.0.1", "10.0.0.2", "10.0.0.2"));
    assertThat(c).extracting(Check::verdict).containsExactly(Verdict.FAIL, Verdict.OK);
    assertThat(c.get(0).finding()).isEqualTo("on 10.0.0.1, node2 does not resolve");
  }

  @Test
  void noGetentIsAWarning() {
    Canned.Facts f = Canned.facts(1, 1);
    f.getent = false;
    Check c = NameCheck.check(Canned.scope(1), List.of(f.parse()), Canned.backbone(1)).get(0);
    assertThat(c.verdict()).isEqualTo(Verdict.WARN);
  }
}
