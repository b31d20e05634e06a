package io.picluster.it.mpi.ranks;

import mpi.MPI;

/**
 * The environment in the mpiJava 1.2 (MPJ Express) vocabulary, and Init again after Finalize in
 * one JVM (MPJ Express's own test suite does this): three cycles, each communicating. Rank 0
 * prints "MpjLifecycle passed on N ranks".
 */
public class MpjLifecycle {
  public static void main(String[] args) throws Exception {
    Expect.that(!MPI.Initialized(), "Initialized() before Init");
    int size = -1;
    for (int cycle = 0; cycle < 3; cycle++) {
      String[] rest = MPI.Init(args);
      Expect.equal(rest, args, "Init returns the program's arguments unchanged (cycle " + cycle + ")");
      Expect.that(MPI.Initialized(), "Initialized() after Init");
      int rank = MPI.COMM_WORLD.Rank();
      size = MPI.COMM_WORLD.Size();
      Expect.rank = rank;
      int[] sum = new int[1];
      MPI.COMM_WORLD.Allreduce(new int[] {rank + cycle}, 0, sum, 0, 1, MPI.INT, MPI.SUM);
      Expect.equal(sum[0], size * (size - 1) / 2 + size * cycle, "Allreduce in cycle " + cycle);
      int[] got = {-1};
      int next = (rank + 1) % size;
      int prev = (rank - 1 + size) % size;
      MPI.COMM_WORLD.Sendrecv(new int[] {cycle * 100 + rank}, 0, 1, MPI.INT, next, 1, got, 0, 1, MPI.INT, prev, 1);
      Expect.equal(got[0], cycle * 100 + prev, "ring in cycle " + cycle + " (no message left from an earlier cycle)");
      String name = MPI.Get_processor_name();
      Expect.that(name != null && !name.isEmpty(), "Get_processor_name: " + name);
      double t0 = MPI.Wtime();
      double tick = MPI.Wtick();
      Expect.that(tick > 0 && tick <= 1e-3, "Wtick is positive and at most a millisecond: " + tick);
      Thread.sleep(20);
      double t1 = MPI.Wtime();
      Expect.that(t1 - t0 >= 0.015, "Wtime advances with sub-second resolution: " + (t1 - t0));
      MPI.Finalize();
    }
    if (Expect.rank == 0) {
      System.out.println("MpjLifecycle passed on " + size + " ranks");
    }
  }
}
