package io.picluster.launch.pmi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessMappingTest {

  @Test
  void oneNode() {
    assertThat(ProcessMapping.singleNode(4)).isEqualTo("(vector,(0,1,4))");
  }

  @Test
  void blocksOfEqualRanksPerHostCollapse() {
    assertThat(ProcessMapping.ofHosts(List.of("a", "b", "c"))).isEqualTo("(vector,(0,3,1))");
    assertThat(ProcessMapping.ofHosts(List.of("a", "a", "b", "b"))).isEqualTo("(vector,(0,2,2))");
    assertThat(ProcessMapping.ofHosts(List.of("a", "a", "b", "c", "c")))
        .isEqualTo("(vector,(0,1,2),(1,1,1),(2,1,2))");
  }

  @Test
  void aHostWhoseRanksAreNotContiguousMakesTheMappingUnknown() {
    assertThat(ProcessMapping.ofHosts(List.of("a", "b", "a"))).isEmpty();
  }
}
