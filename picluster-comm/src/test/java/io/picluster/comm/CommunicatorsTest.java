package io.picluster.comm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** dup, create and the world ranks of communicators, on ranks in one JVM. */
class CommunicatorsTest {
  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4})
  void aDuplicateHasTheSameRanksAndItsOwnMessages(int ranks) {
    InProcessRanks.run(ranks, c -> {
      Comm copy = c.dup();
      assertThat(copy.rank()).isEqualTo(c.rank());
      assertThat(copy.size()).isEqualTo(c.size());
      assertThat(copy.worldRanks()).containsExactly(c.worldRanks());
      int next = (c.rank() + 1) % c.size();
      int previous = (c.rank() - 1 + c.size()) % c.size();
      copy.send("copy", next, 1);
      c.send("original", next, 1);
      assertThat((String) c.recv(Comm.ANY_SOURCE, Comm.ANY_TAG)).isEqualTo("original");
      assertThat((String) copy.recv(previous, 1)).isEqualTo("copy");
      assertThat(copy.allreduce(1, Op.SUM)).isEqualTo(c.size());
      Comm copyOfCopy = copy.dup();
      assertThat(copyOfCopy.allgather(c.rank())).isEqualTo(c.allgather(c.rank()));
    });
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void createMakesACommunicatorOfTheListedRanksInThatOrder(int ranks) {
    InProcessRanks.run(ranks, c -> {
      int n = c.size();
      assertThat(c.worldRank()).isEqualTo(c.rank());
      int[] all = new int[n];
      java.util.Arrays.setAll(all, i -> i);
      assertThat(c.worldRanks()).containsExactly(all);
      // the odd ranks, highest first
      int[] odd = java.util.stream.IntStream.range(0, n).filter(i -> i % 2 == 1).map(i -> -i).sorted().map(i -> -i)
          .toArray();
      Comm reversedOdd = c.create(odd);
      if (c.rank() % 2 == 0) {
        assertThat(reversedOdd).isNull();
      } else {
        assertThat(reversedOdd.size()).isEqualTo(odd.length);
        assertThat(reversedOdd.rank()).isEqualTo(java.util.Arrays.binarySearch(
            java.util.Arrays.stream(odd).map(i -> -i).toArray(), -c.rank()));
        assertThat(reversedOdd.worldRanks()).containsExactly(odd);
        assertThat(reversedOdd.worldRank()).isEqualTo(c.rank());
        List<Integer> order = reversedOdd.allgather(c.rank());
        assertThat(order).containsExactly(java.util.Arrays.stream(odd).boxed().toArray(Integer[]::new));
      }
      // from a communicator that is not the world: world ranks stay job-wide
      Comm halves = c.split(c.rank() % 2, -c.rank());
      Comm firstOnly = halves.create(new int[] {0});
      if (halves.rank() == 0) {
        assertThat(firstOnly.size()).isEqualTo(1);
        assertThat(firstOnly.worldRanks()).containsExactly(c.rank());
      } else {
        assertThat(firstOnly).isNull();
      }
      assertThat(c.create(new int[0])).isNull();
    });
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2})
  void createRefusesAListThatIsWrongOrDiffers(int ranks) {
    InProcessRanks.run(ranks, c -> {
      assertThatThrownBy(() -> c.create(new int[] {0, 0})).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("rank 0 is in the list twice");
      assertThatThrownBy(() -> c.create(new int[] {c.size()}))
          .hasMessageContaining("rank " + c.size() + " is not a rank of this communicator");
      if (c.size() == 2) {
        assertThatThrownBy(() -> c.create(new int[] {c.rank()}))
            .hasMessageContaining("passed a different list of ranks");
      }
      assertThat(c.create(new int[] {0}) == null).isEqualTo(c.rank() != 0); // still usable after
    });
  }
}
