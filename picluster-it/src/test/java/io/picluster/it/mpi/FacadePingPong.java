package io.picluster.it.mpi;

import mpi.MPI;

/**
 * Ping-pong between ranks 0 and 1, through picluster-comm's array layer and through package mpi
 * (MPJ Express's Send/Recv with MPI.BYTE), in alternating rounds so both see the same machine load.
 * Rank 0 prints one line per size: "size N comm X us mpi Y us ratio R" (one-way time, median of
 * rounds), for the record; nothing is asserted about time.
 */
public final class FacadePingPong {
  private FacadePingPong() {}

  public static void main(String[] args) throws Exception {
    MPI.Init(args);
    io.picluster.comm.Comm comm = io.picluster.comm.Comm.world();
    int rank = MPI.COMM_WORLD.Rank();
    int rounds = Integer.parseInt(args[0]);
    int iterations = Integer.parseInt(args[1]);
    for (int a = 2; a < args.length; a++) {
      int size = Integer.parseInt(args[a]);
      byte[] buf = new byte[size];
      double[] viaComm = new double[rounds];
      double[] viaMpi = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        viaComm[r] = time(rank, iterations, () -> {
          if (rank == 0) {
            comm.send(buf, 0, size, 1, 1);
            comm.recv(buf, 0, size, 1, 1);
          } else if (rank == 1) {
            comm.recv(buf, 0, size, 0, 1);
            comm.send(buf, 0, size, 0, 1);
          }
        });
        viaMpi[r] = time(rank, iterations, () -> {
          if (rank == 0) {
            MPI.COMM_WORLD.Send(buf, 0, size, MPI.BYTE, 1, 1);
            MPI.COMM_WORLD.Recv(buf, 0, size, MPI.BYTE, 1, 1);
          } else if (rank == 1) {
            MPI.COMM_WORLD.Recv(buf, 0, size, MPI.BYTE, 0, 1);
            MPI.COMM_WORLD.Send(buf, 0, size, MPI.BYTE, 0, 1);
          }
        });
      }
      if (rank == 0) {
        double c = median(viaComm);
        double m = median(viaMpi);
        System.out.printf("size %d comm %.2f us mpi %.2f us ratio %.3f%n", size, c, m, m / c);
      }
    }
    MPI.Finalize();
  }

  /** One-way microseconds per message over {@code iterations} round trips, after a warm-up. */
  private static double time(int rank, int iterations, Runnable roundTrip) {
    for (int i = 0; i < iterations / 10 + 1; i++) {
      roundTrip.run();
    }
    MPI.COMM_WORLD.Barrier();
    long start = System.nanoTime();
    for (int i = 0; i < iterations; i++) {
      roundTrip.run();
    }
    return (System.nanoTime() - start) / 1e3 / iterations / 2;
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    return v[v.length / 2];
  }
}
