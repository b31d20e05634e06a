package io.picluster.it.mpi.ranks;

import mpi.MPI;
import mpi.MPIException;

/** The environment in the Open MPI Java vocabulary. Rank 0 prints "OmpiLifecycle passed on N ranks". */
public class OmpiLifecycle {
  public static void main(String[] args) throws MPIException, InterruptedException {
    Expect.that(!MPI.isInitialized(), "isInitialized() before Init");
    Expect.throwsMpiException(() -> MPI.COMM_WORLD.getRank(), "COMM_WORLD used before Init");
    int provided = MPI.InitThread(args, MPI.THREAD_FUNNELED);
    Expect.that(provided >= MPI.THREAD_SINGLE && provided <= MPI.THREAD_MULTIPLE, "InitThread's level: " + provided);
    Expect.equal(MPI.queryThread(), provided, "queryThread() tells the level InitThread gave");
    Expect.that(MPI.isThreadMain(), "isThreadMain() on the thread that called InitThread");
    Expect.that(MPI.isInitialized(), "isInitialized() after Init");
    Expect.that(!MPI.isFinalized(), "isFinalized() before Finalize");
    int rank = MPI.COMM_WORLD.getRank();
    int size = MPI.COMM_WORLD.getSize();
    Expect.rank = rank;
    String name = MPI.getProcessorName();
    Expect.that(name != null && !name.isEmpty(), "getProcessorName: " + name);
    double t0 = MPI.wtime();
    Thread.sleep(20);
    Expect.that(MPI.wtime() - t0 >= 0.015, "wtime advances");
    Expect.that(MPI.wtick() > 0, "wtick is positive");
    int[] sum = new int[1];
    MPI.COMM_WORLD.allReduce(new int[] {1}, sum, 1, MPI.INT, MPI.SUM);
    Expect.equal(sum[0], size, "allReduce");
    MPI.Finalize();
    Expect.that(MPI.isFinalized(), "isFinalized() after Finalize");
    if (rank == 0) {
      System.out.println("OmpiLifecycle passed on " + size + " ranks");
    }
  }
}
