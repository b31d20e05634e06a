package io.picluster.launch.detect;

import java.util.List;

/**
 * What picluster says about an Open MPI program. Open MPI 4.x runs as one job through picluster's
 * PMI-1 bridge (io.picluster.launch.openmpi). Open MPI 5.x ranks speak PMIx only, which picluster
 * does not serve: under picluster each would come up alone and print its own answer, so such a
 * program is stopped before any rank starts, with the fixes that work today: an MPICH build of the
 * program (for mpi4py, built from source against MPICH), or Open MPI's own launcher.
 */
public final class OpenMpiAdvice {
  private OpenMpiAdvice() {}

  /** True for the Open MPI releases picluster starts as one job: 4.x. */
  public static boolean runs(MpiLibrary library) {
    return library == MpiLibrary.OPEN_MPI_4;
  }

  /** The one line that stops a program on an Open MPI picluster cannot start as one job. */
  public static String refusal(List<String> command, MpiUse use, int ranks) {
    return "picluster: " + program(command) + " uses " + use.describe() + ", " + why(use.library())
        + ": each of the " + ranks + " ranks would run alone; fix: " + fix(use);
  }

  /** Why a job of {@code library} cannot run: it needs a PMIx server, or its release is unknown. */
  public static String why(MpiLibrary library) {
    return library == MpiLibrary.OPEN_MPI_5
        ? "which needs a PMIx server: picluster runs MPICH and Open MPI 4 programs, not Open MPI 5 ones yet"
        : "whose release its libmpi.so.40 does not tell: picluster runs MPICH and Open MPI 4 programs only";
  }

  /**
   * Why a host's copy of the program cannot join the job, or null if it can: every host must use the
   * MPI the launcher found (the launcher marks Open MPI 4 jobs), and Open MPI 5 nowhere.
   *
   * @param here what this host's copy uses
   * @param openMpiJob the launcher marked the job as one of Open MPI 4 ranks
   */
  public static String problemHere(List<String> command, MpiUse here, boolean openMpiJob, int ranks) {
    MpiLibrary lib = here.library();
    if (lib.isOpenMpi() && !runs(lib)) {
      return program(command) + " uses " + here.describe() + " here, " + why(lib) + ": each of the " + ranks
          + " ranks would run alone; fix: " + fix(here);
    }
    if (runs(lib) && !openMpiJob) {
      return program(command) + " uses " + here.describe() + " here, but not on the launcher's host:"
          + " one job needs the same MPI on every node; install it alike everywhere (picluster doctor"
          + " --program shows each node's)";
    }
    if (lib == MpiLibrary.MPICH && openMpiJob) {
      return program(command) + " uses " + here.describe() + " here, but Open MPI 4 on the launcher's host:"
          + " one job needs the same MPI on every node; install it alike everywhere (picluster doctor"
          + " --program shows each node's)";
    }
    return null;
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
