package mpi;

import io.picluster.comm.PeerEndedException;

/**
 * What happens when an MPI call fails. Under the default handler, MPI.ERRORS_ARE_FATAL, the job
 * ends: one line naming the rank, its host, the call and the reason, then an abort through
 * picluster-comm, so the launcher stops every rank. Under MPI.ERRORS_RETURN the call throws
 * {@link MPIException}. Before MPI.Init and after MPI.Finalize a call always throws: there is no
 * job to abort in MPI's sense, and the program may want to say so itself.
 */
final class Errors {
  /** Exit code of a job ended by a fatal MPI error. */
  static final int FATAL_EXIT_CODE = 1;
  /** A rank that failed because a peer ended leaves the launcher time to name that peer first. */
  private static final long PEER_FAILURE_GRACE_MILLIS = 3000;

  private Errors() {}

  /**
   * The exception for {@code call} failing with {@code cause} on {@code comm}, to be thrown by the
   * caller; under a fatal handler this ends the job instead and does not return.
   */
  static MPIException handle(Comm comm, String call, Throwable cause) {
    MPIException error = toMpi(call, cause);
    Errhandler handler = comm == null ? MPI.ERRORS_ARE_FATAL : comm.errhandler();
    if (!handler.isFatal() || !Environment.isActive()) {
      return error;
    }
    fatal(error, cause);
    return error; // not reached: fatal ends the process
  }

  /** Converts anything a call throws into an MPIException whose message names the call. */
  static MPIException toMpi(String call, Throwable cause) {
    String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    if (cause instanceof MPIException) {
      MPIException e = (MPIException) cause;
      return reason.startsWith(call + ":") ? e : new MPIException(e.getErrorCode(), call + ": " + reason, e);
    }
    int errorClass = errorClass(cause, reason);
    String truncated = errorClass == MPI.ERR_TRUNCATE && !reason.contains("truncat") ? "message truncated: " : "";
    return new MPIException(errorClass, call + ": " + truncated + reason, cause);
  }

  /** MPI's error class for a failure picluster-comm reported. */
  private static int errorClass(Throwable cause, String reason) {
    if (causedByPeer(cause)) {
      return MPI.ERR_PROC_ABORTED;
    }
    if (cause instanceof IndexOutOfBoundsException) {
      return MPI.ERR_BUFFER;
    }
    if (reason.contains("is not a rank")) {
      return reason.startsWith("root") ? MPI.ERR_ROOT : MPI.ERR_RANK;
    }
    if (reason.startsWith("tag ")) {
      return MPI.ERR_TAG;
    }
    if (reason.contains("truncated") || reason.contains("has room for") || reason.contains("elements but")) {
      return MPI.ERR_TRUNCATE;
    }
    if (reason.contains("expects") && reason.contains("[]")) {
      return MPI.ERR_TYPE;
    }
    return MPI.ERR_OTHER;
  }

  /**
   * Prints one line and ends the job with {@link #FATAL_EXIT_CODE}. When a peer's end caused the
   * error, the launcher is already stopping the job in that peer's name: wait a moment for it first,
   * so this rank's line does not blur which rank failed.
   */
  static void fatal(MPIException error, Throwable cause) {
    if (causedByPeer(cause)) {
      sleepQuietly(PEER_FAILURE_GRACE_MILLIS);
    }
    System.out.flush();
    System.err.println("picluster: MPI error on " + Environment.rankAndHost() + ": " + error.getMessage());
    System.err.flush();
    Environment.abortJob(FATAL_EXIT_CODE);
  }

  private static boolean causedByPeer(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof PeerEndedException) {
        return true;
      }
    }
    return false;
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
