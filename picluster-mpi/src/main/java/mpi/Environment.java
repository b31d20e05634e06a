package mpi;

/**
 * The MPI environment of this process: Init and Finalize (again and again in one JVM, as MPJ
 * Express's test suite does), the thread level, the buffer for buffered sends, and this rank's
 * name for error messages. picluster's job membership itself ({@code io.picluster.comm.Comm.world()})
 * lasts from the first Init until the process ends; each Init binds MPI.COMM_WORLD and MPI.COMM_SELF
 * to fresh communicators over it, so no message of an earlier Init can match a receive of a later one.
 */
final class Environment {
  private static boolean everInitialized;
  private static boolean active;
  private static boolean finalized;
  private static int threadLevel;
  private static Thread mainThread;
  private static final AttachedBuffer BSEND_BUFFER = new AttachedBuffer();

  private Environment() {}

  /** MPI_Init_thread: joins the job (first time) and binds COMM_WORLD and COMM_SELF. */
  static synchronized String[] init(String[] args, int required) {
    if (active) {
      // MPI calls this erroneous; MPJ Express tolerated it, so a second Init keeps the first one's state
      return args == null ? new String[0] : args.clone();
    }
    io.picluster.comm.Comm job = io.picluster.comm.Comm.world();
    io.picluster.comm.Comm world = job.dup();
    io.picluster.comm.Comm self = world.split(world.rank(), 0);
    MPI.COMM_WORLD.bind(world, "MPI_COMM_WORLD");
    MPI.COMM_SELF.bind(self, "MPI_COMM_SELF");
    threadLevel = Math.max(MPI.THREAD_SINGLE, Math.min(required, MPI.THREAD_MULTIPLE));
    mainThread = Thread.currentThread();
    everInitialized = true;
    finalized = false;
    active = true;
    return args == null ? new String[0] : args.clone();
  }

  /** MPI_Finalize: waits for every rank and for buffered messages, then unbinds the communicators. */
  static synchronized void finish() {
    if (finalized) {
      return; // a second Finalize changes nothing (MPI calls it erroneous)
    }
    if (!active) {
      throw new MPIException("MPI.Init has not been called");
    }
    MPI.COMM_WORLD.base().barrier();
    BSEND_BUFFER.detach(); // as MPI_Buffer_detach: buffered messages leave first
    MPI.COMM_WORLD.unbind();
    MPI.COMM_SELF.unbind();
    active = false;
    finalized = true;
  }

  /** Between Init and Finalize. */
  static synchronized boolean isActive() {
    return active;
  }

  static synchronized boolean isInitialized() {
    return everInitialized;
  }

  static synchronized boolean isFinalized() {
    return finalized;
  }

  static synchronized int threadLevel() {
    requireActive();
    return threadLevel;
  }

  static synchronized boolean isMainThread() {
    requireActive();
    return Thread.currentThread() == mainThread;
  }

  static AttachedBuffer bsendBuffer() {
    return BSEND_BUFFER;
  }

  static synchronized void requireActive() {
    if (!active) {
      throw new MPIException(finalized ? "MPI has been finalized; call MPI.Init again first"
          : "MPI.Init has not been called; call it first");
    }
  }

  /** "rank 2 on node3" for error messages (world rank and this host's name). */
  static String rankAndHost() {
    return "rank " + io.picluster.comm.Comm.world().rank() + " on " + io.picluster.comm.Comm.processorName();
  }

  /** Ends the whole job with {@code code}; does not return. */
  static void abortJob(int code) {
    System.out.flush();
    System.err.flush();
    io.picluster.comm.Comm.world().abort(code);
  }
}
