package mpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Group set logic over world ranks, in both APIs' spellings. */
class GroupTest {
  private final Group five = new Group(new int[] {10, 11, 12, 13, 14}, 12);

  @Test
  void sizeAndRank() {
    assertThat(five.Size()).isEqualTo(5);
    assertThat(five.getSize()).isEqualTo(5);
    assertThat(five.Rank()).isEqualTo(2);
    assertThat(five.getRank()).isEqualTo(2);
    assertThat(five.worldRanks()).containsExactly(10, 11, 12, 13, 14);
    assertThat(new Group(new int[] {1, 2}, 12).Rank()).isEqualTo(MPI.UNDEFINED);
  }

  @Test
  void inclExcl() {
    Group g = five.Incl(new int[] {4, 0, 2});
    assertThat(g.worldRanks()).containsExactly(14, 10, 12);
    assertThat(g.Rank()).isEqualTo(2);
    assertThat(five.incl(new int[0]).Size()).isZero();
    assertThat(five.Excl(new int[] {3, 1}).worldRanks()).containsExactly(10, 12, 14);
    assertThat(five.excl(new int[] {2}).getRank()).isEqualTo(MPI.UNDEFINED);
  }

  @Test
  void ranges() {
    assertThat(five.Range_incl(new int[][] {{0, 4, 2}}).worldRanks()).containsExactly(10, 12, 14);
    assertThat(five.Range_incl(new int[][] {{4, 0, -2}, {1, 1, 1}}).worldRanks()).containsExactly(14, 12, 10, 11);
    assertThat(five.rangeIncl(new int[][] {{3, 4, 5}}).worldRanks()).containsExactly(13);
    assertThat(five.Range_excl(new int[][] {{1, 3, 1}}).worldRanks()).containsExactly(10, 14);
    assertThat(five.rangeExcl(new int[][] {{0, 4, 4}}).worldRanks()).containsExactly(11, 12, 13);
  }

  @Test
  void translateRanks() {
    Group g = five.Incl(new int[] {4, 0, 2});
    assertThat(Group.Translate_ranks(five, new int[] {0, 4, 1, MPI.PROC_NULL}, g))
        .containsExactly(1, 0, MPI.UNDEFINED, MPI.PROC_NULL);
    assertThat(Group.translateRanks(g, new int[] {2}, five)).containsExactly(2);
  }

  @Test
  void compare() {
    assertThat(Group.Compare(five, new Group(new int[] {10, 11, 12, 13, 14}, 0))).isEqualTo(MPI.IDENT);
    assertThat(Group.compare(five, five.Incl(new int[] {4, 3, 2, 1, 0}))).isEqualTo(MPI.SIMILAR);
    assertThat(Group.Compare(five, five.Excl(new int[] {0}))).isEqualTo(MPI.UNEQUAL);
    assertThat(Group.Compare(five.Incl(new int[] {0, 1}), five.Incl(new int[] {0, 2}))).isEqualTo(MPI.UNEQUAL);
  }

  @Test
  void setOperationsKeepFirstGroupsOrder() {
    Group a = five.Incl(new int[] {3, 1, 0});
    Group b = five.Incl(new int[] {4, 0, 2, 1});
    assertThat(Group.Union(a, b).worldRanks()).containsExactly(13, 11, 10, 14, 12);
    assertThat(Group.union(b, a).worldRanks()).containsExactly(14, 10, 12, 11, 13);
    assertThat(Group.Intersection(a, b).worldRanks()).containsExactly(11, 10);
    assertThat(Group.intersection(b, a).worldRanks()).containsExactly(10, 11);
    assertThat(Group.Difference(a, b).worldRanks()).containsExactly(13);
    assertThat(Group.difference(b, a).worldRanks()).containsExactly(14, 12);
    assertThat(Group.Union(a, b).Rank()).isEqualTo(4);
  }

  @Test
  void emptyAndNullGroups() {
    assertThat(MPI.GROUP_EMPTY.Size()).isZero();
    assertThat(MPI.GROUP_EMPTY.Rank()).isEqualTo(MPI.UNDEFINED);
    assertThat(MPI.GROUP_EMPTY.isNull()).isFalse();
    assertThat(MPI.GROUP_NULL.isNull()).isTrue();
    assertThatThrownBy(() -> MPI.GROUP_NULL.Size()).isInstanceOf(MPIException.class).hasMessageContaining("GROUP_NULL");
    assertThat(Group.Compare(MPI.GROUP_EMPTY, five.Incl(new int[0]))).isEqualTo(MPI.IDENT);
    assertThat(Group.EMPTY).isEqualTo(3);
    five.free();
    assertThat(five.Size()).isEqualTo(5);
  }

  @Test
  void badRanksAreClearErrors() {
    assertThatThrownBy(() -> five.Incl(new int[] {5})).isInstanceOf(MPIException.class)
        .hasMessageContaining("rank 5 is not in the group (size 5)");
    assertThatThrownBy(() -> five.Incl(new int[] {1, 1})).isInstanceOf(MPIException.class)
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> five.Excl(new int[] {-1})).isInstanceOf(MPIException.class);
    assertThatThrownBy(() -> five.Range_incl(new int[][] {{0, 4, 0}})).isInstanceOf(MPIException.class)
        .hasMessageContaining("stride");
    assertThatThrownBy(() -> five.Range_incl(new int[][] {{0, 4}})).isInstanceOf(MPIException.class)
        .hasMessageContaining("triplet");
    assertThatThrownBy(() -> Group.Translate_ranks(five, new int[] {7}, five)).isInstanceOf(MPIException.class);
    assertThatThrownBy(() -> new Group(new int[] {1, 1}, 1)).isInstanceOf(MPIException.class)
        .hasMessageContaining("twice");
  }
}
