package mpi;

import java.util.Arrays;

/**
 * A process graph in MPI's form: index[i] is the number of neighbours of nodes 0..i together, and
 * edges lists every node's neighbours in turn. Pure math; the communicators use it.
 */
final class GraphTopology {
  private final int[] index;
  private final int[] edges;

  GraphTopology(int[] index, int[] edges) {
    if (index == null || edges == null) {
      throw new MPIException(MPI.ERR_ARG, "a graph needs an index and an edges array");
    }
    int prev = 0;
    for (int i = 0; i < index.length; i++) {
      if (index[i] < prev) {
        throw new MPIException(MPI.ERR_ARG, "graph index must not decrease: " + Arrays.toString(index));
      }
      prev = index[i];
    }
    if (prev > edges.length) {
      throw new MPIException(MPI.ERR_ARG, "graph index names " + prev + " edges but only " + edges.length
          + " are given");
    }
    for (int i = 0; i < prev; i++) {
      if (edges[i] < 0 || edges[i] >= index.length) {
        throw new MPIException(MPI.ERR_ARG, "graph edge " + edges[i] + " is not a node (0.."
            + (index.length - 1) + ")");
      }
    }
    this.index = index.clone();
    this.edges = Arrays.copyOf(edges, prev);
  }

  int nodes() {
    return index.length;
  }

  int edgeCount() {
    return edges.length;
  }

  int neighbourCount(int rank) {
    checkRank(rank);
    return index[rank] - (rank == 0 ? 0 : index[rank - 1]);
  }

  int[] neighbours(int rank) {
    checkRank(rank);
    return Arrays.copyOfRange(edges, rank == 0 ? 0 : index[rank - 1], index[rank]);
  }

  GraphParms parms() {
    return new GraphParms(index.clone(), edges.clone());
  }

  private void checkRank(int rank) {
    if (rank < 0 || rank >= index.length) {
      throw new MPIException(MPI.ERR_RANK, "rank " + rank + " is not a node of the graph (0.."
          + (index.length - 1) + ")");
    }
  }
}
