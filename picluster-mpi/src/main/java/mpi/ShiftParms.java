package mpi;

/** The two neighbours of a Cartesian shift: MPJ Express's public fields and Open MPI's getters. */
public final class ShiftParms {
  /** The rank to receive from (MPI.PROC_NULL past an open edge). */
  public int rank_source;
  /** The rank to send to (MPI.PROC_NULL past an open edge). */
  public int rank_dest;

  ShiftParms(int source, int dest) {
    this.rank_source = source;
    this.rank_dest = dest;
  }

  public int getRankSource() {
    return rank_source;
  }

  public int getRankDest() {
    return rank_dest;
  }
}
