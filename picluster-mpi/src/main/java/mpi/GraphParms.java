package mpi;

/**
 * A graph communicator's structure (MPI's index and edges arrays): MPJ Express's public fields and
 * Open MPI's getters.
 */
public final class GraphParms {
  /** index[i] is the total number of neighbours of nodes 0..i. */
  public int[] index;
  /** The neighbours of every node, node after node. */
  public int[] edges;

  public GraphParms() {
  }

  GraphParms(int[] index, int[] edges) {
    this.index = index;
    this.edges = edges;
  }

  public int getIndexCount() {
    return index.length;
  }

  public int getIndex(int i) {
    return index[i];
  }

  public int getEdgeCount() {
    return edges.length;
  }

  public int getEdge(int i) {
    return edges[i];
  }
}
