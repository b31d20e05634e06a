package io.picluster.it.mpi;

import mpi.MPI;

/**
 * Ways a package-mpi job ends early, chosen by the first argument; the last rank misbehaves, the
 * others wait in a receive that never completes (so only the job's end releases them):
 * "Abort" (MPJ Express, code 7), "abort" (Open MPI, code 9), "fatal" (a send to a rank that does
 * not exist, under the default error handler), "throw" (an MPIException escaping main under
 * ERRORS_RETURN).
 */
public final class FacadeEnds {
  private FacadeEnds() {}

  public static void main(String[] args) throws Exception {
    MPI.Init(args);
    int rank = MPI.COMM_WORLD.Rank();
    int size = MPI.COMM_WORLD.Size();
    if (rank == size - 1) {
      switch (args[0]) {
        case "Abort":
          MPI.COMM_WORLD.Abort(7);
          break;
        case "abort":
          MPI.COMM_WORLD.abort(9);
          break;
        case "fatal":
          MPI.COMM_WORLD.Send(new int[1], 0, 1, MPI.INT, size + 5, 0);
          break;
        case "throw":
          MPI.COMM_WORLD.setErrhandler(MPI.ERRORS_RETURN);
          MPI.COMM_WORLD.Send(new int[1], 0, 1, MPI.INT, size + 5, 0);
          break;
        default:
          throw new IllegalArgumentException("unknown way to end: " + args[0]);
      }
      System.out.println("rank " + rank + " is still running after " + args[0]);
      return;
    }
    MPI.COMM_WORLD.Recv(new int[1], 0, 1, MPI.INT, MPI.ANY_SOURCE, 12345);
  }
}
