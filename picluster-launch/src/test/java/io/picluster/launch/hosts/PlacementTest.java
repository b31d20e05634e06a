package io.picluster.launch.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlacementTest {

  private static Placement place(String hosts, Integer n, Integer ppn) {
    return Placement.of(
        HostList.parseHostsOption(hosts),
        n == null ? OptionalInt.empty() : OptionalInt.of(n),
        ppn == null ? OptionalInt.empty() : OptionalInt.of(ppn));
  }

  /** The host name of each rank, as one string: "a a b". */
  private static String layout(Placement p) {
    return p.hostOfRank().stream().map(Host::name).collect(Collectors.joining(" "));
  }

  private static Map<String, List<Integer>> byHost(Placement p) {
    return p.ranksByHost().entrySet().stream()
        .collect(Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue, (a, b) -> a,
            LinkedHashMap::new));
  }

  @Test
  void withoutNOneRankPerSlotFillingEachHostInOrder() {
    Placement p = Placement.of(HostList.parseHostsOption("a:2,b,c:3"));

    assertThat(p.size()).isEqualTo(6);
    assertThat(layout(p)).isEqualTo("a a b c c c");
    assertThat(p.hostOf(0).name()).isEqualTo("a");
    assertThat(byHost(p)).containsExactly(
        Map.entry("a", List.of(0, 1)), Map.entry("b", List.of(2)), Map.entry("c", List.of(3, 4, 5)));
    assertThat(p.nodeOf(2)).isEqualTo(1);
    assertThat(p.oversubscribed()).isFalse();
  }

  @Test
  void fewerRanksThanSlotsLeaveTheLastHostsUnused() {
    Placement p = place("a:2,b:2,c:2", 3, null);

    assertThat(layout(p)).isEqualTo("a a b");
    assertThat(p.hosts()).extracting(Host::name).containsExactly("a", "b");
    assertThat(p.ranksOn(Host.of("c", 2))).isEmpty();
    assertThat(p.processMapping()).isEqualTo("(vector,(0,1,2),(1,1,1))");
  }

  @Test
  void moreRanksThanSlotsWrapAroundInTheSameOrderAsHydra() {
    // mpiexec.mpich -launcher fork -hosts a:2,b:1 -n 8 puts ranks on: a a b a a b a a
    Placement p = place("a:2,b:1", 8, null);

    assertThat(layout(p)).isEqualTo("a a b a a b a a");
    assertThat(byHost(p)).containsExactly(
        Map.entry("a", List.of(0, 1, 3, 4, 6, 7)), Map.entry("b", List.of(2, 5)));
    assertThat(p.oversubscribed()).isTrue();
    assertThat(p.processMapping()).isEqualTo("(vector,(0,1,2),(1,1,1))");
  }

  @Test
  void ppnOverridesSlots() {
    // mpiexec.mpich -launcher fork -hosts a:2,b:1 -ppn 3 -n 7: a a a b b b a
    Placement p = place("a:2,b:1", 7, 3);

    assertThat(layout(p)).isEqualTo("a a a b b b a");
    assertThat(p.oversubscribed()).isTrue();
    assertThat(p.processMapping()).isEqualTo("(vector,(0,2,3))");
  }

  @Test
  void ppnWithoutNRunsPpnRanksOnEveryHost() {
    Placement p = place("a,b", null, 2);

    assertThat(layout(p)).isEqualTo("a a b b");
    assertThat(p.processMapping()).isEqualTo("(vector,(0,2,2))");
  }

  @Test
  void eightRanksOnFourSingleSlotNodesPutTwoOnEach() {
    Placement p = place("10.0.0.1,10.0.0.2,10.0.0.3,10.0.0.4", 8, null);

    assertThat(byHost(p).values()).allMatch(r -> r.size() == 2);
    assertThat(byHost(p).get("10.0.0.3")).containsExactly(2, 6);
    assertThat(p.processMapping()).isEqualTo("(vector,(0,4,1))");
  }

  @Test
  void repeatedHostsWereMergedSoTheirRanksAreContiguous() {
    // Hydra keeps a:2,b:1,a:1 as three entries (a a b a); picluster merges a into a:3.
    Placement p = place("a:2,b:1,a:1", null, null);

    assertThat(layout(p)).isEqualTo("a a a b");
    assertThat(p.processMapping()).isEqualTo("(vector,(0,1,3),(1,1,1))");
  }

  @Test
  void processMappingForTheUsualLayouts() {
    assertThat(place("a,b,c,d", null, null).processMapping()).isEqualTo("(vector,(0,4,1))");
    assertThat(place("a:2,b:2", null, null).processMapping()).isEqualTo("(vector,(0,2,2))");
    assertThat(place("a:4", null, null).processMapping()).isEqualTo("(vector,(0,1,4))");
    assertThat(place("a:2,b,c", null, null).processMapping())
        .isEqualTo("(vector,(0,1,2),(1,2,1))");
    assertThat(place("a:2,b,c:2", null, null).processMapping())
        .isEqualTo("(vector,(0,1,2),(1,1,1),(2,1,2))");
    assertThat(place("a", 3, null).processMapping()).isEqualTo("(vector,(0,1,3))");
    assertThat(place("a,b,c,d", 1, null).processMapping()).isEqualTo("(vector,(0,1,1))");
  }

  @Test
  void theMappingReadsBackAsTheRealLayoutForEveryCombination() {
    String[] lists = {"a", "a:3", "a,b", "a:2,b", "a,b:3,c", "a:2,b:2,c:1,d:4", "a,b,c,d"};
    for (String hosts : lists) {
      for (int n = 1; n <= 13; n++) {
        for (Integer ppn : new Integer[] {null, 1, 2, 3}) {
          Placement p = place(hosts, n, ppn);
          int[] nodes = new int[n];
          for (int r = 0; r < n; r++) {
            nodes[r] = p.hosts().indexOf(p.hostOf(r));
            assertThat(nodes[r]).isEqualTo(p.nodeOf(r));
          }
          assertThat(p.processMapping()).as("%s -n %d -ppn %s", hosts, n, ppn).isNotEmpty();
          assertThat(MappingVector.decode(p.processMapping(), n))
              .as("%s -n %d -ppn %s -> %s", hosts, n, ppn, p.processMapping())
              .containsExactly(nodes);
        }
      }
    }
  }

  /**
   * PMI_process_mapping as Hydra (MPICH 4.0.2, {@code mpiexec.mpich -launcher fork}) answered it for
   * the same options, captured with a small PMI client; MPICH must read ours as the same layout.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a:2,b:1|8||(vector,(0,1,2),(1,1,1))",
        "a,b,c,d|||(vector,(0,4,1))",
        "a:2,b:2|||(vector,(0,2,2))",
        "a:4|||(vector,(0,1,4))",
        "a:2,b,c|||(vector,(0,1,2),(1,2,1))",
        "a:2,b:1|7|3|(vector,(0,2,3))",
        "a:2,b:2,c:2|3||(vector,(0,2,2))",
        "a,b,c,d|8||(vector,(0,4,1))",
        "a|3||(vector,(0,1,1))",
      })
  void mpichReadsOurMappingAsItReadsHydras(String hosts, Integer n, Integer ppn, String hydra) {
    Placement p = place(hosts, n, ppn);

    assertThat(MappingVector.decode(p.processMapping(), p.size()))
        .as("%s vs Hydra's %s", p.processMapping(), hydra)
        .containsExactly(MappingVector.decode(hydra, p.size()));
  }

  @Test
  void badCountsAreRefusedWithAFix() {
    assertThatThrownBy(() -> place("a", 0, null))
        .hasMessage("-n must be at least 1, got 0 (write e.g. '-n 4', or leave it out to run one"
            + " rank per slot)");
    assertThatThrownBy(() -> place("a", 2, -1))
        .hasMessage("-ppn must be at least 1, got -1 (write e.g. '-ppn 2', or leave it out to use"
            + " each host's slots)");
    assertThatThrownBy(() -> place("a", 1_000_001, null))
        .hasMessage("-n 1000001 is more than 1000000 (give a smaller -n)");
    assertThatThrownBy(() -> place("a:1000000,b:1", null, null))
        .hasMessage("the hosts' slots make 1000001 ranks, which is more than 1000000 (give a"
            + " smaller -n)");
    assertThatThrownBy(() -> place("a,b", null, 600_000))
        .hasMessage("-ppn 600000 on 2 hosts make 1200000 ranks, which is more than 1000000 (give a"
            + " smaller -n)");
  }

  @Test
  void aMillionRanksArePlacedQuickly() {
    long start = System.nanoTime();
    Placement p = place("a,b,c,d", Placement.MAX_RANKS, null);

    assertThat(p.processMapping()).isEqualTo("(vector,(0,4,1))");
    assertThat(p.ranksOn(p.hostOf(3))).hasSize(250_000);
    // Linear work takes about a second; anything quadratic would take hours.
    assertThat(System.nanoTime() - start).isLessThan(30_000_000_000L);
  }

  @Test
  void aHugePpnIsFineWhenNIsSmall() {
    assertThat(layout(place("a,b", 3, Integer.MAX_VALUE))).isEqualTo("a a a");
  }
}
