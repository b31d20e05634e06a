package io.picluster.launch;

import io.picluster.launch.detect.MpiLibrary;
import io.picluster.launch.detect.MpiUse;

/**
 * What to say when N > 1 ranks all exited 0 and none ever connected to the PMI server. A program
 * known to link MPI then certainly ran as N jobs of one rank each: a wrong answer that a script must
 * not take for success, so the launcher exits 1. A program whose MPI is unknown (a shell script)
 * may simply not be an MPI program: a note, and the ranks' exit code stands. A program known
 * to link no MPI library (hostname; java itself) gets nothing.
 */
record SingletonVerdict(String message, int exitCode) {
  /** Exit code when an MPI program's ranks all ran alone. */
  static final int RAN_ALONE = 1;

  static SingletonVerdict of(JobSpec spec, MpiUse use) {
    String program = String.join(" ", spec.command().subList(0, Math.min(2, spec.command().size())));
    int n = spec.ranks();
    if (use.library().isMpi()) {
      return new SingletonVerdict("picluster: none of the " + n + " ranks of " + program + " ("
          + use.describe() + ") connected to the launcher: each ran alone as an MPI job of size 1, so"
          + " the output above is " + n + " separate answers; check that the program calls MPI_Init and"
          + " that nothing clears PMI_PORT and PMI_ID from its environment", RAN_ALONE);
    }
    if (use.library() == MpiLibrary.UNKNOWN) {
      return new SingletonVerdict("picluster: note: none of the " + n + " ranks of " + program
          + " connected to the launcher; if it is an MPI program, each rank ran alone (a job of size 1)."
          + " MPICH and Open MPI programs and picluster jobs connect", 0);
    }
    return null;
  }
}
