package io.picluster.it.mpi.ranks;

import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;
import mpi.Request;

/**
 * THREAD_MULTIPLE as granted by InitThread: four threads communicate at once, three on their own
 * duplicated communicators and one on COMM_WORLD with its own tags. Rank 0 prints
 * "OmpiThreads passed on N ranks" (or says the level was not granted, which is also legal).
 */
public class OmpiThreads {
  static final int ROUNDS = 60; // enough to interleave the threads; the machine running the suite is shared

  public static void main(String[] args) throws Exception {
    int provided = MPI.InitThread(args, MPI.THREAD_MULTIPLE);
    Intracomm world = MPI.COMM_WORLD;
    int rank = world.getRank();
    int size = world.getSize();
    Expect.rank = rank;
    if (provided != MPI.THREAD_MULTIPLE) {
      if (rank == 0) {
        System.out.println("OmpiThreads passed on " + size + " ranks (THREAD_MULTIPLE not granted: " + provided + ")");
      }
      MPI.Finalize();
      return;
    }
    int next = (rank + 1) % size;
    int prev = (rank - 1 + size) % size;
    List<Intracomm> comms = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      comms.add(world.dup()); // collective: done by the main thread, in the same order everywhere
    }
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      int id = t;
      Intracomm comm = comms.get(t);
      threads.add(new Thread(() -> {
        try {
          int[] got = new int[2];
          for (int i = 0; i < ROUNDS; i++) {
            comm.sendRecv(new int[] {rank, id * 1000 + i}, 2, MPI.INT, next, 1, got, 2, MPI.INT, prev, 1);
            Expect.equal(got, new int[] {prev, id * 1000 + i}, "thread " + id + " round " + i);
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }));
    }
    threads.add(new Thread(() -> {
      try {
        for (int i = 0; i < ROUNDS; i++) {
          IntBuffer in = MPI.newIntBuffer(1);
          Request r = world.iRecv(in, 1, MPI.INT, prev, 1000 + i % 7);
          Request s = world.iSend(MPI.newIntBuffer(1).put(0, rank * 100_000 + i), 1, MPI.INT, next, 1000 + i % 7);
          Request.waitAll(new Request[] {r, s});
          Expect.equal(in.get(0), prev * 100_000 + i, "world thread round " + i);
        }
      } catch (Throwable e) {
        failure.compareAndSet(null, e);
      }
    }));
    for (Thread t : threads) {
      t.start();
    }
    for (Thread t : threads) {
      t.join(120_000);
      Expect.that(!t.isAlive(), "a communicating thread did not finish (a hang)");
    }
    if (failure.get() != null) {
      throw new AssertionError("rank " + rank + ": a thread failed: " + failure.get(), failure.get());
    }
    world.barrier();
    if (rank == 0) {
      System.out.println("OmpiThreads passed on " + size + " ranks");
    }
    MPI.Finalize();
  }

  private OmpiThreads() throws MPIException {}
}
