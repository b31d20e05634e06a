package io.picluster.setup.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortCheckTest {
  private static final String DROPPED = "no answer within 2 s (dropped: a firewall)";

  /** Every directed pair of nodes 1..count, failing where {@code blocked} says (from*10+to). */
  private static List<PortPair> pairs(int count, Set<Integer> blocked) {
    List<PortPair> list = new ArrayList<>();
    for (int a = 1; a <= count; a++) {
      for (int b = 1; b <= count; b++) {
        if (a != b) {
          boolean ok = !blocked.contains(a * 10 + b);
          list.add(new PortPair("node" + a, "10.0.0." + a, "node" + b, "10.0.0." + b, 40000 + b,
              ok, ok ? null : DROPPED));
        }
      }
    }
    return list;
  }

  @Test
  void allPairsWorkingIsOneOkLinePerNode() {
    List<Check> c = PortCheck.check(Canned.scope(3),
        new PortReport(pairs(3, Set.of()), Map.of(), Map.of()), Set.of());
    assertThat(c).extracting(Check::verdict).containsExactly(Verdict.OK, Verdict.OK, Verdict.OK);
    assertThat(c.get(0).finding()).isEqualTo("TCP to node2, node3 and from them works");
  }

  @Test
  void aBlockedNodeIsOneFailPerDirectedPairNamingTheReceivingEndAndTheBackbone() {
    // node3's firewall drops what comes in: 1->3 and 2->3 fail, 3->1 and 3->2 work
    List<Check> c = PortCheck.check(Canned.scope(3),
        new PortReport(pairs(3, Set.of(13, 23)), Map.of(), Map.of()), Set.of());
    List<Check> fails = Canned.only(c, Verdict.FAIL);
    assertThat(fails).extracting(Check::subject).containsExactly("node1 -> node3", "node2 -> node3");
    Check f = fails.get(0);
    assertThat(f.finding()).isEqualTo("cannot connect from 10.0.0.1 to 10.0.0.3:40003 (node3's"
        + " probe): " + DROPPED);
    assertThat(f.fix()).startsWith("let TCP within the backbone through the firewall on node3")
        .contains("sudo ufw allow from 10.0.0.0/24").contains("nft")
        .contains("firewall-cmd");
    // no node is OK: each of them has a failing pair
    assertThat(Canned.only(c, Verdict.OK)).isEmpty();
  }

  @Test
  void nodesWithoutTheProbeAreWarningsAndUnreachableOnesAreLeftOut() {
    PortReport r = new PortReport(pairs(2, Set.of()),
        Map.of("node3", "there is no picluster jar there (installed or staged by a launch)"),
        Map.of());
    List<Check> c = PortCheck.check(Canned.scope(4), r, Set.of("node4"));
    assertThat(c).extracting(Check::subject).containsExactly("node1", "node2", "node3");
    Check w = c.get(2);
    assertThat(w.verdict()).isEqualTo(Verdict.WARN);
    assertThat(w.finding()).isEqualTo("cannot probe its ports: there is no picluster jar there"
        + " (installed or staged by a launch)");
    assertThat(w.fix()).startsWith("picluster install");
  }

  @Test
  void aProbeThatCannotListenOnTheBackboneFails() {
    PortReport r = new PortReport(List.of(), Map.of(),
        Map.of("node2", "Cannot assign requested address"));
    List<Check> c = PortCheck.check(Canned.scope(2), r, Set.of());
    assertThat(c).hasSize(1);
    assertThat(c.get(0).verdict()).isEqualTo(Verdict.FAIL);
    assertThat(c.get(0).fix()).isEqualTo("give it its backbone address: picluster net node2");
  }
}
