package mpi;

/**
 * A communicator with a graph topology, MPJ Express's class ({@code Neighbours}, {@code Get}).
 * Every graph communicator is a {@link GraphComm}, Open MPI's class, which extends this one.
 * {@code reorder} is ignored, so a process keeps its rank.
 */
public class Graphcomm extends Intracomm {
  /** The graph of createGraph; null for a distributed graph. */
  final GraphTopology graph;
  /** This rank's neighbours in a distributed graph; null for createGraph's graphs. */
  final DistGraphNeighbors distGraph;

  Graphcomm(io.picluster.comm.Comm base, GraphTopology graph, DistGraphNeighbors distGraph) {
    super(base);
    this.graph = graph;
    this.distGraph = distGraph;
  }

  @Override
  Comm duplicate() {
    return inherit(new GraphComm(base().dup(), graph, distGraph));
  }

  @Override
  int topology() {
    return distGraph != null ? MPI.DIST_GRAPH : MPI.GRAPH;
  }

  @Override
  Neighbourhood neighbourhood() {
    return distGraph != null ? distGraph.neighbourhood() : Neighbourhood.of(graph, localRank());
  }

  @Override
  public Graphcomm clone() {
    return (Graphcomm) super.clone();
  }

  /** The graph: index and edges, as given to Create_graph. */
  public GraphParms Get() throws MPIException {
    try {
      return requireGraph().parms();
    } catch (RuntimeException e) {
      throw error("Get", e);
    }
  }

  /** The neighbours of {@code rank}. */
  public int[] Neighbours(int rank) throws MPIException {
    try {
      return requireGraph().neighbours(rank);
    } catch (RuntimeException e) {
      throw error("Neighbours", e);
    }
  }

  /** The rank this process would have in such a graph (its own rank, or MPI.UNDEFINED outside it). */
  public int Map(int[] index, int[] edges) throws MPIException {
    try {
      return mapOf(index, edges);
    } catch (RuntimeException e) {
      throw error("Map", e);
    }
  }

  @Override
  public int Topo_test() throws MPIException {
    return topology();
  }

  GraphTopology requireGraph() {
    base();
    if (graph == null) {
      throw new MPIException(MPI.ERR_TOPOLOGY, "this is a distributed graph; use getDistGraphNeighbors");
    }
    return graph;
  }

  int mapOf(int[] index, int[] edges) {
    GraphTopology g = new GraphTopology(index, edges);
    int rank = base().rank();
    return rank < g.nodes() ? rank : MPI.UNDEFINED;
  }
}
