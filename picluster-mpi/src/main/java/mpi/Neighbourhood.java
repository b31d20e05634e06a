package mpi;

/**
 * Whom a rank exchanges with in a neighbourhood collective: the in-neighbours it receives from (in
 * receive-block order) and the out-neighbours it sends to (in send-block order), with the tag each
 * message carries so that two edges between the same pair of ranks (a periodic dimension of size 2,
 * say) are told apart. MPI.PROC_NULL neighbours are skipped: their blocks are neither sent nor
 * written.
 */
final class Neighbourhood {
  final int[] sources;
  final int[] sourceTags;
  final int[] destinations;
  final int[] destinationTags;

  Neighbourhood(int[] sources, int[] sourceTags, int[] destinations, int[] destinationTags) {
    this.sources = sources;
    this.sourceTags = sourceTags;
    this.destinations = destinations;
    this.destinationTags = destinationTags;
  }

  /** A Cartesian rank's neighbours: per dimension, the one at -1 then the one at +1. */
  static Neighbourhood of(CartTopology topology, int rank) {
    int n = topology.ndims();
    int[] ranks = new int[2 * n];
    int[] sendTags = new int[2 * n];
    int[] recvTags = new int[2 * n];
    for (int d = 0; d < n; d++) {
      int[] sd = topology.shift(rank, d, 1);
      ranks[2 * d] = sd[0];
      ranks[2 * d + 1] = sd[1];
      sendTags[2 * d] = 2 * d; // towards -1
      sendTags[2 * d + 1] = 2 * d + 1; // towards +1
      recvTags[2 * d] = 2 * d + 1; // the -1 neighbour sent towards its +1
      recvTags[2 * d + 1] = 2 * d;
    }
    return new Neighbourhood(ranks, recvTags, ranks.clone(), sendTags);
  }

  /** A graph node's neighbours, both ways; repeated edges are matched in order. */
  static Neighbourhood of(GraphTopology topology, int rank) {
    int[] ranks = topology.neighbours(rank);
    return new Neighbourhood(ranks, new int[ranks.length], ranks.clone(), new int[ranks.length]);
  }
}
