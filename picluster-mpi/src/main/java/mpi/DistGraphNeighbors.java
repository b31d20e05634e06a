package mpi;

import java.util.Arrays;
import java.util.List;

/**
 * A rank's in- and out-neighbours in a distributed graph (Open MPI's class; MPI_Dist_graph_neighbors),
 * with their weights when the graph was made with weights.
 */
public final class DistGraphNeighbors {
  private final int[] sources;
  private final int[] sourceWeights;
  private final int[] destinations;
  private final int[] destinationWeights;
  private final boolean weighted;

  private DistGraphNeighbors(int[] sources, int[] sourceWeights, int[] destinations, int[] destinationWeights,
      boolean weighted) {
    this.sources = sources;
    this.sourceWeights = sourceWeights;
    this.destinations = destinations;
    this.destinationWeights = destinationWeights;
    this.weighted = weighted;
  }

  public int getInDegree() {
    return sources.length;
  }

  public int getOutDegree() {
    return destinations.length;
  }

  public boolean isWeighted() {
    return weighted;
  }

  public int getSource(int i) {
    return sources[i];
  }

  public int getDestination(int i) {
    return destinations[i];
  }

  public int getSourceWeight(int i) {
    return sourceWeights[i];
  }

  public int getDestinationWeight(int i) {
    return destinationWeights[i];
  }

  Neighbourhood neighbourhood() {
    return new Neighbourhood(sources.clone(), new int[sources.length], destinations.clone(), new int[destinations.length]);
  }

  /** MPI_Dist_graph_create_adjacent: this rank names its own neighbours. */
  static DistGraphNeighbors adjacent(int size, int[] sources, int[] sourceWeights, int[] destinations,
      int[] destinationWeights) {
    checkRanks(size, sources, "source");
    checkRanks(size, destinations, "destination");
    boolean weighted = sourceWeights != null || destinationWeights != null;
    return new DistGraphNeighbors(sources.clone(), weights(sourceWeights, sources.length, "source"),
        destinations.clone(), weights(destinationWeights, destinations.length, "destination"), weighted);
  }

  /**
   * MPI_Dist_graph_create: this rank names edges from {@code sources[i]} to the next
   * {@code degrees[i]} entries of {@code destinations}; every rank learns its own edges from all
   * ranks' lists (a collective). An edge's in-neighbours are ordered by the rank that named them.
   */
  static DistGraphNeighbors fromEdges(io.picluster.comm.Comm c, int[] sources, int[] degrees, int[] destinations,
      int[] weights) {
    if (sources == null || degrees == null || destinations == null || degrees.length < sources.length) {
      throw new MPIException("createDistGraph needs sources, degrees (one per source) and destinations");
    }
    int edges = 0;
    for (int i = 0; i < sources.length; i++) {
      edges = Math.addExact(edges, degrees[i]);
    }
    if (destinations.length < edges || weights != null && weights.length < edges) {
      throw new MPIException("createDistGraph: the degrees name " + edges + " edges but fewer destinations"
          + (weights != null ? " or weights" : "") + " are given");
    }
    int[] mine = new int[3 * edges];
    int e = 0;
    for (int i = 0; i < sources.length; i++) {
      for (int k = 0; k < degrees[i]; k++, e++) {
        mine[3 * e] = sources[i];
        mine[3 * e + 1] = destinations[e];
        mine[3 * e + 2] = weights == null ? 1 : weights[e];
      }
    }
    checkRanks(c.size(), sources, "source");
    checkRanks(c.size(), Arrays.copyOf(destinations, edges), "destination");
    List<int[]> all = c.allgather(mine);
    int me = c.rank();
    int[] in = new int[0];
    int[] inW = new int[0];
    int[] out = new int[0];
    int[] outW = new int[0];
    for (int[] list : all) {
      for (int k = 0; k + 2 < list.length; k += 3) {
        if (list[k + 1] == me) {
          in = append(in, list[k]);
          inW = append(inW, list[k + 2]);
        }
        if (list[k] == me) {
          out = append(out, list[k + 1]);
          outW = append(outW, list[k + 2]);
        }
      }
    }
    return new DistGraphNeighbors(in, inW, out, outW, weights != null);
  }

  private static int[] append(int[] a, int v) {
    int[] b = Arrays.copyOf(a, a.length + 1);
    b[a.length] = v;
    return b;
  }

  private static int[] weights(int[] given, int n, String what) {
    if (given == null) {
      int[] ones = new int[n];
      Arrays.fill(ones, 1);
      return ones;
    }
    if (given.length < n) {
      throw new MPIException("one " + what + " weight per " + what + " is needed (" + n + "), got " + given.length);
    }
    return Arrays.copyOf(given, n);
  }

  private static void checkRanks(int size, int[] ranks, String what) {
    if (ranks == null) {
      throw new MPIException("the " + what + "s are null");
    }
    for (int r : ranks) {
      if (r < 0 || r >= size) {
        throw new MPIException(what + " " + r + " is not a rank of the communicator (0 to " + (size - 1) + ")");
      }
    }
  }
}
