package io.picluster.launch.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picluster.launch.LaunchException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The table of Slurm's own {@code scontrol show hostnames} (research: slurm.md §9). */
class SlurmHostlistTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "node[1-4,7]               | node1 node2 node3 node4 node7",
    "pi[01-03,10],gpu5,login   | pi01 pi02 pi03 pi10 gpu5 login",
    "n[8-11]                   | n8 n9 n10 n11",
    "x[009-011]                | x009 x010 x011",
    "rack[1-2]-n[1-2]          | rack1-n1 rack1-n2 rack2-n1 rack2-n2",
    "a[1-2]b[3-4]              | a1b3 a1b4 a2b3 a2b4",
    "a[01-02]b[3-4]            | a01b3 a01b4 a02b3 a02b4",
    "snode1                    | snode1",
    "node[1,3-4]               | node1 node3 node4",
  })
  void expandsLikeScontrol(String hostlist, String names) throws LaunchException {
    assertThat(SlurmHostlist.expand(hostlist)).containsExactly(names.split(" "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"node[1-", "node[a-b]", "node[4-1]", "node]1[", "n[1-99999999]",
      "n[1-]", "n[-1]", "n[]", "n[1234567890]", "n[1-\uff12]", "n[+1]"})
  void badListsAreOneLineErrors(String hostlist) {
    assertThatThrownBy(() -> SlurmHostlist.expand(hostlist))
        .isInstanceOf(LaunchException.class)
        .hasMessageStartingWith("cannot read Slurm's node list '" + hostlist + "'");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "2(x3),1     | 2 2 2 1",
    "1(x2)       | 1 1",
    "2,1         | 2 1",
    "2(x2),1(x2) | 2 2 1 1",
  })
  void taskCountsExpand(String counts, String expected) throws LaunchException {
    List<Integer> want = java.util.Arrays.stream(expected.split(" ")).map(Integer::valueOf).toList();
    assertThat(SlurmTasksPerNode.expand(counts)).isEqualTo(want);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2(x", "x3", "2(3)", ""})
  void badCountsAreOneLineErrors(String counts) {
    assertThatThrownBy(() -> SlurmTasksPerNode.expand(counts))
        .isInstanceOf(LaunchException.class)
        .hasMessageContaining("Slurm's task counts");
  }
}
