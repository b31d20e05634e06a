package mpi;

/**
 * A communicator with a graph or distributed-graph topology, Open MPI's class
 * ({@code getNeighbors}, {@code getDistGraphNeighbors}); it is also MPJ Express's {@link Graphcomm}.
 */
public final class GraphComm extends Graphcomm {
  GraphComm(io.picluster.comm.Comm base, GraphTopology graph) {
    super(base, graph, null);
  }

  GraphComm(io.picluster.comm.Comm base, DistGraphNeighbors distGraph) {
    super(base, null, distGraph);
  }

  GraphComm(io.picluster.comm.Comm base, GraphTopology graph, DistGraphNeighbors distGraph) {
    super(base, graph, distGraph);
  }

  @Override
  public GraphComm clone() {
    return (GraphComm) super.clone();
  }

  @Override
  public GraphComm dup() throws MPIException {
    return (GraphComm) super.dup();
  }

  @Override
  public GraphComm iDup() throws MPIException {
    return (GraphComm) super.iDup();
  }

  @Override
  public GraphComm dupWithInfo(Info info) throws MPIException {
    return (GraphComm) super.dupWithInfo(info);
  }

  /** The graph: index and edges, as given to createGraph. */
  public GraphParms getDims() throws MPIException {
    try {
      return requireGraph().parms();
    } catch (RuntimeException e) {
      throw error("getDims", e);
    }
  }

  public int[] getNeighbors(int rank) throws MPIException {
    try {
      return requireGraph().neighbours(rank);
    } catch (RuntimeException e) {
      throw error("getNeighbors", e);
    }
  }

  /** This rank's in- and out-neighbours (for a createGraph graph: its neighbours, both ways). */
  public DistGraphNeighbors getDistGraphNeighbors() throws MPIException {
    try {
      base();
      if (distGraph != null) {
        return distGraph;
      }
      int[] n = graph.neighbours(localRank());
      return DistGraphNeighbors.adjacent(localSize(), n, null, n, null);
    } catch (RuntimeException e) {
      throw error("getDistGraphNeighbors", e);
    }
  }

  public int map(int[] index, int[] edges) throws MPIException {
    try {
      return mapOf(index, edges);
    } catch (RuntimeException e) {
      throw error("map", e);
    }
  }
}
