package io.picluster.examples.openmpi;

import mpi.MPI;
import mpi.MPIException;

/**
 * A token goes round the ring of ranks LAPS times (default 10); every rank adds one to it before
 * passing it on with {@code send} and {@code recv} (buffer, count, type, peer, tag: Open MPI's
 * calls take no offset). Rank 0 then prints, on 4 ranks:
 *
 * <pre>
 * ring: 4 ranks, 10 laps, token 40
 * </pre>
 *
 * <p>Run: {@code picluster java -np 4 -cp picluster-examples.jar io.picluster.examples.openmpi.Ring [LAPS]}.
 */
public class Ring {
  private static final int TAG = 7;

  public static void main(String[] args) throws MPIException {
    String[] rest = MPI.Init(args);
    int laps = rest.length > 0 ? Integer.parseInt(rest[0]) : 10;
    int rank = MPI.COMM_WORLD.getRank();
    int size = MPI.COMM_WORLD.getSize();
    int next = (rank + 1) % size;
    int prev = (rank + size - 1) % size;

    int[] token = new int[1];
    for (int lap = 0; lap < laps; lap++) {
      if (rank == 0) {
        // rank 0 starts each lap and gets the token back at its end (from itself on 1 rank)
        token[0]++;
        MPI.COMM_WORLD.send(token, 1, MPI.INT, next, TAG);
        MPI.COMM_WORLD.recv(token, 1, MPI.INT, prev, TAG);
      } else {
        MPI.COMM_WORLD.recv(token, 1, MPI.INT, prev, TAG);
        token[0]++;
        MPI.COMM_WORLD.send(token, 1, MPI.INT, next, TAG);
      }
    }
    if (rank == 0) {
      System.out.println("ring: " + size + " ranks, " + laps + " laps, token " + token[0]);
    }
    MPI.Finalize();
  }
}
