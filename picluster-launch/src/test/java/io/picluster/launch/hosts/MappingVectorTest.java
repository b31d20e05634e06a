package io.picluster.launch.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MappingVectorTest {

  @Test
  void blocksOfEqualCountsCollapse() {
    assertThat(MappingVector.encode(new int[] {0, 1, 2, 3})).isEqualTo("(vector,(0,4,1))");
    assertThat(MappingVector.encode(new int[] {0, 0, 1, 1})).isEqualTo("(vector,(0,2,2))");
    assertThat(MappingVector.encode(new int[] {0, 0, 0, 0})).isEqualTo("(vector,(0,1,4))");
    assertThat(MappingVector.encode(new int[] {0, 0, 1, 2})).isEqualTo("(vector,(0,1,2),(1,2,1))");
  }

  @Test
  void aWrappedLayoutIsWrittenAsItsFirstRound() {
    assertThat(MappingVector.encode(new int[] {0, 0, 1, 0, 0, 1, 0, 0}))
        .isEqualTo("(vector,(0,1,2),(1,1,1))");
    assertThat(MappingVector.encode(new int[] {0, 1, 2, 3, 0, 1, 2, 3, 0}))
        .isEqualTo("(vector,(0,4,1))");
  }

  @Test
  void aLayoutThatDoesNotRepeatIsWrittenInFullWithRepeatedStartNodes() {
    // Not something Placement makes; the format still says it exactly (SLURM's cyclic maps do this).
    int[] layout = {0, 1, 0, 0, 1, 1};
    String value = MappingVector.encode(layout);

    assertThat(value).isEqualTo("(vector,(0,2,1),(0,2,2))");
    assertThat(MappingVector.decode(value, layout.length)).containsExactly(layout);
  }

  @Test
  void decodeFollowsMpichIncludingWrapAround() {
    // pmi-interop.md §7.1: Hydra's (vector,(0,1,1)) for 3 ranks means all on node 0.
    assertThat(MappingVector.decode("(vector,(0,1,1))", 3)).containsExactly(0, 0, 0);
    assertThat(MappingVector.decode("(vector,(0,2,1),(0,2,1))", 4)).containsExactly(0, 1, 0, 1);
    assertThat(MappingVector.decode("(vector,(0,1,2),(1,2,1))", 6))
        .containsExactly(0, 0, 1, 2, 0, 0);
    assertThatThrownBy(() -> MappingVector.decode("(vector,(0,0,1))", 2))
        .hasMessage("'(vector,(0,0,1))' places no ranks");
    assertThatThrownBy(() -> MappingVector.decode("(list,(0,1,1))", 2))
        .hasMessage("'(list,(0,1,1))' is not a (vector,...) mapping");
  }

  @Test
  void aValueTooLongForOnePmiReplyBecomesUnknown() {
    // 200 nodes alternating 1 and 2 ranks: one block per node, far over MPICH's 1024-byte line.
    int[] layout = new int[300];
    int r = 0;
    for (int node = 0; node < 200; node++) {
      for (int k = 0; k < 1 + node % 2; k++) {
        layout[r++] = node;
      }
    }
    assertThat(MappingVector.encode(layout)).isEmpty();
    assertThat(MappingVector.MAX_LENGTH).isEqualTo(984);
  }

  @Test
  void nodeIdsMustBeNumberedByFirstAppearance() {
    assertThatThrownBy(() -> MappingVector.encode(new int[] {1, 0}))
        .hasMessage("node ids must be numbered by first appearance from 0, got 1 where at most 0"
            + " fits");
    assertThatThrownBy(() -> MappingVector.encode(new int[0]))
        .hasMessage("a mapping needs at least one rank");
  }
}
