package io.picluster.it.mpi;

import mpi.MPI;

/**
 * Init and Finalize again and again in one JVM, as MPJ Express's test suite does (about 150
 * times), with messages in flight across each cycle: a message a cycle leaves unreceived must not
 * be taken by the next one. Rank 0 prints "reinit passed N cycles on M ranks".
 */
public final class FacadeReinit {
  private FacadeReinit() {}

  public static void main(String[] args) throws Exception {
    int cycles = Integer.parseInt(args[0]);
    int size = 0;
    for (int cycle = 0; cycle < cycles; cycle++) {
      MPI.Init(args);
      int rank = MPI.COMM_WORLD.Rank();
      size = MPI.COMM_WORLD.Size();
      int next = (rank + 1) % size;
      int previous = (rank - 1 + size) % size;
      // left unreceived on purpose: a later cycle's receive must not see it
      MPI.COMM_WORLD.Send(new int[] {-cycle}, 0, 1, MPI.INT, next, 1);
      MPI.COMM_WORLD.Send(new int[] {cycle}, 0, 1, MPI.INT, next, 2);
      int[] in = new int[1];
      MPI.COMM_WORLD.Recv(in, 0, 1, MPI.INT, previous, MPI.ANY_TAG);
      if (cycle > 0 && in[0] != -cycle) {
        throw new AssertionError("cycle " + cycle + " received " + in[0] + ": a message from an earlier cycle");
      }
      int[] sum = new int[1];
      MPI.COMM_WORLD.Allreduce(new int[] {cycle}, 0, sum, 0, 1, MPI.INT, MPI.SUM);
      if (sum[0] != cycle * size) {
        throw new AssertionError("cycle " + cycle + ": Allreduce gave " + sum[0]);
      }
      MPI.Finalize();
      if (!MPI.Initialized() || !MPI.isFinalized()) {
        throw new AssertionError("after Finalize: Initialized " + MPI.Initialized() + ", isFinalized " + MPI.isFinalized());
      }
      if (rank == 0 && cycle == cycles - 1) {
        System.out.println("reinit passed " + cycles + " cycles on " + size + " ranks");
      }
    }
  }
}
