package io.picluster.launch.openmpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The layout every node's PMIx helper gets: only hosts with ranks, names PMIx can carry, the same text everywhere. */
class PmixLayoutTest {
  @Test
  void hostsWithoutRanksAreLeftOutAndTheRestRenumberedInRankOrder() {
    PmixLayout l = PmixLayout.of("42", List.of("node1", "node2", "node3"), new int[] {2, 0, 2, 0});

    assertThat(l.nspace()).isEqualTo("picluster-42");
    assertThat(l.hosts()).containsExactly("node3", "node1");
    assertThat(l.nodeOfRank()).containsExactly(0, 1, 0, 1);
    assertThat(l.encode()).isEqualTo("picluster-42;node3,node1;0,1,0,1");
  }

  @Test
  void namesPmixCannotCarryOrThatRepeatBecomeNodeN() {
    PmixLayout l = PmixLayout.of("7", List.of("[::1]", "pi", "pi", "a,b"), new int[] {0, 1, 2, 3});

    assertThat(l.hosts()).containsExactly("node0", "pi", "node2", "node3");
  }

  @Test
  void whatIsEncodedDecodesAlike() {
    PmixLayout l = PmixLayout.of("9", List.of("10.0.0.1", "10.0.0.2"), new int[] {0, 0, 1, 1});
    PmixLayout back = PmixLayout.decode(l.encode());

    assertThat(back.nspace()).isEqualTo("picluster-9");
    assertThat(back.hosts()).containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(back.nodeOfRank()).containsExactly(0, 0, 1, 1);
    assertThat(back.size()).isEqualTo(4);
    assertThat(back.nodeOf(2)).isEqualTo(1);
  }

  @Test
  void aBrokenLayoutSaysSoInOneLine() {
    for (String bad : new String[] {null, "", "ns;a", "ns;a;x", "ns;a;0,1", ";a;0"}) {
      assertThatThrownBy(() -> PmixLayout.decode(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("bad PICLUSTER_PMIX_LAYOUT from the launcher: ");
    }
  }
}
