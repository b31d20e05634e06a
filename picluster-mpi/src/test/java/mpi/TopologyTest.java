package mpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Cartesian and graph topology arithmetic. */
class TopologyTest {
  private static int[] ints(String s) {
    return s.isBlank() ? new int[0] : java.util.Arrays.stream(s.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
  }

  @ParameterizedTest(name = "Dims_create({0}, [{1}]) = [{2}]")
  @CsvSource({
      "6, 0 0, 3 2",
      "7, 0 0, 7 1",
      "8, 0 0 0, 2 2 2",
      "12, 0 0 0, 3 2 2",
      "16, 0 0, 4 4",
      "72, 0 0, 9 8",
      "24, 0 0 0, 4 3 2",
      "30, 0 0 0, 5 3 2",
      "1, 0 0, 1 1",
      "4, 0, 4",
      "6, 2 0, 2 3",
      "6, 0 3 0, 2 3 1",
      "12, 0 3, 4 3",
      "24, 0 2 0, 4 2 3",
      "6, 2 3, 2 3",
  })
  void dimsCreate(int nnodes, String in, String out) {
    int[] dims = ints(in);
    CartTopology.dimsCreate(nnodes, dims);
    assertThat(dims).containsExactly(ints(out));
  }

  @Test
  void dimsCreateRejectsImpossibleLayouts() {
    assertThatThrownBy(() -> CartTopology.dimsCreate(7, new int[] {2, 0})).isInstanceOf(MPIException.class)
        .hasMessageContaining("must divide 7");
    assertThatThrownBy(() -> CartTopology.dimsCreate(8, new int[] {2, 2})).isInstanceOf(MPIException.class)
        .hasMessageContaining("make 4 nodes, not 8");
    assertThatThrownBy(() -> CartTopology.dimsCreate(6, new int[] {-1, 0})).isInstanceOf(MPIException.class);
    assertThatThrownBy(() -> CartTopology.dimsCreate(0, new int[] {0})).isInstanceOf(MPIException.class);
  }

  private final CartTopology grid = new CartTopology(new int[] {3, 4}, new boolean[] {true, false});

  @Test
  void ranksAndCoordsAreRowMajor() {
    assertThat(grid.size()).isEqualTo(12);
    assertThat(grid.rank(new int[] {1, 2})).isEqualTo(6);
    assertThat(grid.coords(7)).containsExactly(1, 3);
    for (int r = 0; r < 12; r++) {
      assertThat(grid.rank(grid.coords(r))).isEqualTo(r);
    }
    assertThat(grid.rank(new int[] {-1, 2})).isEqualTo(10); // the periodic dimension wraps
    assertThat(grid.rank(new int[] {4, 0})).isEqualTo(4);
    assertThatThrownBy(() -> grid.rank(new int[] {0, 4})).isInstanceOf(MPIException.class)
        .hasMessageContaining("not periodic");
    assertThatThrownBy(() -> grid.coords(12)).isInstanceOf(MPIException.class);
    assertThatThrownBy(() -> grid.rank(new int[] {0})).isInstanceOf(MPIException.class)
        .hasMessageContaining("expected 2 coordinates");
  }

  @Test
  void shiftWrapsOrStopsAtEdges() {
    assertThat(grid.shift(0, 0, 1)).containsExactly(8, 4); // {source, dest}, periodic
    assertThat(grid.shift(3, 1, 1)).containsExactly(2, MPI.PROC_NULL); // [0,3]: nothing beyond the edge
    assertThat(grid.shift(0, 1, -1)).containsExactly(1, MPI.PROC_NULL);
    assertThat(grid.shift(0, 1, 1)).containsExactly(MPI.PROC_NULL, 1);
    assertThat(grid.shift(0, 0, 7)).containsExactly(8, 4);
    assertThat(grid.shift(5, 1, 0)).containsExactly(5, 5);
    assertThat(grid.shift(0, 1, 9)).containsExactly(MPI.PROC_NULL, MPI.PROC_NULL);
    assertThatThrownBy(() -> grid.shift(0, 2, 1)).isInstanceOf(MPIException.class)
        .hasMessageContaining("direction 2");
  }

  @Test
  void parmsAndSubGrids() {
    CartParms p = grid.parms(6);
    assertThat(p.dims).containsExactly(3, 4);
    assertThat(p.periods).containsExactly(true, false);
    assertThat(p.coords).containsExactly(1, 2);
    assertThat(p.getDimCount()).isEqualTo(2);
    assertThat(p.getDim(1)).isEqualTo(4);
    assertThat(p.getPeriod(0)).isTrue();
    assertThat(p.getCoord(1)).isEqualTo(2);
    boolean[] rows = {false, true};
    CartTopology row = grid.sub(rows);
    assertThat(row.dims()).containsExactly(4);
    assertThat(row.periods()).containsExactly(false);
    assertThat(grid.subColor(6, rows)).isEqualTo(1);
    assertThat(grid.subKey(6, rows)).isEqualTo(2);
    boolean[] none = {false, false};
    assertThat(grid.sub(none).size()).isEqualTo(1);
    assertThat(grid.subColor(6, none)).isEqualTo(6);
    assertThat(grid.subKey(6, none)).isZero();
    assertThatThrownBy(() -> new CartTopology(new int[] {2, 0}, new boolean[2])).isInstanceOf(MPIException.class);
    assertThatThrownBy(() -> new CartTopology(new int[] {2}, new boolean[2])).isInstanceOf(MPIException.class);
  }

  @Test
  void shiftParmsFieldsAndGetters() {
    ShiftParms s = new ShiftParms(3, MPI.PROC_NULL);
    assertThat(s.rank_source).isEqualTo(3);
    assertThat(s.getRankSource()).isEqualTo(3);
    assertThat(s.rank_dest).isEqualTo(MPI.PROC_NULL);
    assertThat(s.getRankDest()).isEqualTo(MPI.PROC_NULL);
  }

  @Test
  void graphs() {
    GraphTopology g = new GraphTopology(new int[] {2, 3, 4}, new int[] {1, 2, 0, 0});
    assertThat(g.nodes()).isEqualTo(3);
    assertThat(g.edgeCount()).isEqualTo(4);
    assertThat(g.neighbours(0)).containsExactly(1, 2);
    assertThat(g.neighbours(2)).containsExactly(0);
    assertThat(g.neighbourCount(1)).isEqualTo(1);
    GraphParms p = g.parms();
    assertThat(p.index).containsExactly(2, 3, 4);
    assertThat(p.edges).containsExactly(1, 2, 0, 0);
    assertThat(p.getIndexCount()).isEqualTo(3);
    assertThat(p.getIndex(0)).isEqualTo(2);
    assertThat(p.getEdgeCount()).isEqualTo(4);
    assertThat(p.getEdge(1)).isEqualTo(2);
    assertThat(new GraphParms().index).isNull();
    assertThatThrownBy(() -> new GraphTopology(new int[] {2, 1}, new int[] {1, 0})).isInstanceOf(MPIException.class)
        .hasMessageContaining("decrease");
    assertThatThrownBy(() -> new GraphTopology(new int[] {1}, new int[] {1})).isInstanceOf(MPIException.class)
        .hasMessageContaining("not a node");
    assertThatThrownBy(() -> new GraphTopology(new int[] {3}, new int[] {0})).isInstanceOf(MPIException.class)
        .hasMessageContaining("only 1");
    assertThatThrownBy(() -> g.neighbours(3)).isInstanceOf(MPIException.class);
  }
}
