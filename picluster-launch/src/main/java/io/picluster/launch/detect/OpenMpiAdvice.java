package io.picluster.launch.detect;

import java.util.List;

/**
 * What picluster says about an Open MPI program. Open MPI 4.x and 5.x run as one job
 * (io.picluster.launch.openmpi: 4.x through picluster's PMI-1 library or a PMIx server per node, 5.x
 * through the PMIx server). A libmpi.so.40 whose release cannot be told would come up alone in
 * each rank, so such a program is stopped before any rank starts, with the fixes that work: an MPICH
 * build of the program (for mpi4py, built from source against MPICH), or Open MPI's own launcher.
 */
public final class OpenMpiAdvice {
  private OpenMpiAdvice() {}

  /** True for the Open MPI releases picluster starts as one job: 4.x and 5.x. */
  public static boolean runs(MpiLibrary library) {
    return library == MpiLibrary.OPEN_MPI_4 || library == MpiLibrary.OPEN_MPI_5;
  }

  /** The one line that stops a program on an Open MPI picluster cannot start as one job. */
  public static String refusal(List<String> command, MpiUse use, int ranks) {
    return "picluster: " + program(command) + " uses " + use.describe() + ", " + why(use.library())
        + ": each of the " + ranks + " ranks would run alone; fix: " + fix(use);
  }

  /** Why a job of {@code library} cannot run: its release is unknown. */
  public static String why(MpiLibrary library) {
    return "whose release its libmpi.so.40 does not tell: picluster runs MPICH, Open MPI 4 and Open MPI 5"
        + " programs only";
  }

  /**
   * Why a host's copy of the program cannot join the job, or null if it can: every host must use the
   * MPI the launcher found (the launcher marks Open MPI jobs with the release it found).
   *
   * @param here what this host's copy uses
   * @param launcher the Open MPI release the launcher found for the job, or null if it did not mark
   *     the job as an Open MPI one
   */
  public static String problemHere(List<String> command, MpiUse here, MpiLibrary launcher, int ranks) {
    MpiLibrary lib = here.library();
    if (lib.isOpenMpi() && !runs(lib)) {
      return program(command) + " uses " + here.describe() + " here, " + why(lib) + ": each of the " + ranks
          + " ranks would run alone; fix: " + fix(here);
    }
    String mismatch = null;
    if (runs(lib) && launcher == null) {
      mismatch = "not on the launcher's host";
    } else if ((runs(lib) || lib == MpiLibrary.MPICH) && launcher != null && lib != launcher) {
      mismatch = launcher.label() + " on the launcher's host";
    }
    return mismatch == null ? null : program(command) + " uses " + here.describe() + " here, but " + mismatch
        + ": one job needs the same MPI on every node; install it alike everywhere (picluster doctor"
        + " --program shows each node's)";
  }

  /** What to do instead: for mpi4py, an MPICH build of it; for a program, an MPICH build of it. */
  public static String fix(MpiUse use) {
    boolean python = use.via() != null && use.via().toString().contains("mpi4py");
    return python
        ? "use an MPICH build of mpi4py (apt-get install libmpich-dev python3-dev, then in a venv:"
            + " MPICC=mpicc.mpich pip install --no-binary mpi4py mpi4py), or run it with Open MPI's mpirun"
        : "rebuild it against MPICH (apt-get install libmpich-dev; compile with mpicc.mpich), or run it"
            + " with Open MPI's mpirun";
  }

  private static String program(List<String> command) {
    return String.join(" ", command.subList(0, Math.min(2, command.size())));
  }
}
