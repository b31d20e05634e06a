package io.picluster.launch.detect;

import java.util.List;

/**
 * The one line that stops an Open MPI program before any rank starts. picluster serves MPICH's
 * PMI-1; Open MPI 4.x and 5.x ranks only speak PMIx, so under picluster each would come up alone
 * and print its own answer. The fixes are the ones that work today: an MPICH build of the program
 * (for mpi4py, built from source against MPICH), or Open MPI's own launcher.
 */
public final class OpenMpiAdvice {
  private OpenMpiAdvice() {}

  public static String refusal(List<String> command, MpiUse use, int ranks) {
    String program = String.join(" ", command.subList(0, Math.min(2, command.size())));
    return "picluster: " + program + " uses " + use.describe() + ", but picluster speaks MPICH's PMI-1:"
        + " each of the " + ranks + " ranks would run alone; fix: " + fix(use);
  }

  /** What to do instead: for mpi4py, an MPICH build of it; for a program, an MPICH build of it. */
  public static String fix(MpiUse use) {
    boolean python = use.via() != null && use.via().toString().contains("mpi4py");
    String fix = python
        ? "use an MPICH build of mpi4py (apt-get install libmpich-dev python3-dev, then in a venv:"
            + " MPICC=mpicc.mpich pip install --no-binary mpi4py mpi4py), or run it with Open MPI's mpirun"
        : "rebuild it against MPICH (apt-get install libmpich-dev; compile with mpicc.mpich), or run it"
            + " with Open MPI's mpirun";
    return fix;
  }
}
