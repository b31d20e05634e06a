package io.picluster.launch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What launcher and agents say about Open MPI programs: 4.x and 5.x run, an untold release and mixed MPIs do not. */
class OpenMpiAdviceTest {
  private static final List<String> COMMAND = List.of("python3", "prime.py", "100000");
  private static final Path MODULE = Path.of("/usr/lib/python3/dist-packages/mpi4py/MPI.cpython-313-aarch64-linux-gnu.so");
  private static final MpiUse FOUR = new MpiUse(MpiLibrary.OPEN_MPI_4, "libmpi.so.40", MODULE, null);
  private static final MpiUse FIVE = new MpiUse(MpiLibrary.OPEN_MPI_5, "libmpi.so.40", MODULE, null);
  private static final MpiUse MPICH = new MpiUse(MpiLibrary.MPICH, "libmpich.so.12", Path.of("/home/pi/ring"), null);

  private static final MpiUse UNTOLD = new MpiUse(MpiLibrary.OPEN_MPI, "libmpi.so.40", MODULE, null);

  @Test
  void openMpi4And5RunAndAnUntoldReleaseIsRefusedWithTheFix() {
    assertThat(OpenMpiAdvice.runs(MpiLibrary.OPEN_MPI_4)).isTrue();
    assertThat(OpenMpiAdvice.runs(MpiLibrary.OPEN_MPI_5)).isTrue();
    assertThat(OpenMpiAdvice.runs(MpiLibrary.OPEN_MPI)).isFalse();
    assertThat(OpenMpiAdvice.refusal(COMMAND, UNTOLD, 4)).isEqualTo("picluster: python3 prime.py uses Open MPI"
        + " (libmpi.so.40, needed by " + MODULE + "), whose release its libmpi.so.40 does not tell: picluster runs"
        + " MPICH, Open MPI 4 and Open MPI 5 programs only: each of the 4 ranks would run alone; fix: use an MPICH"
        + " build of mpi4py (apt-get install libmpich-dev python3-dev, then in a venv: MPICC=mpicc.mpich pip install"
        + " --no-binary mpi4py mpi4py), or run it with Open MPI's mpirun");
  }

  @Test
  void aHostJoinsOnlyWithTheMpiTheLauncherFound() {
    assertThat(OpenMpiAdvice.problemHere(COMMAND, FOUR, MpiLibrary.OPEN_MPI_4, 4)).isNull();
    assertThat(OpenMpiAdvice.problemHere(COMMAND, FIVE, MpiLibrary.OPEN_MPI_5, 4)).isNull();
    assertThat(OpenMpiAdvice.problemHere(COMMAND, MPICH, null, 4)).isNull();
    assertThat(OpenMpiAdvice.problemHere(COMMAND, MpiUse.unknown("a script"), MpiLibrary.OPEN_MPI_4, 4)).isNull();
    assertThat(OpenMpiAdvice.problemHere(COMMAND, FOUR, null, 4)).startsWith("python3 prime.py uses Open MPI 4.x")
        .endsWith("here, but not on the launcher's host: one job needs the same MPI on every node; install it"
            + " alike everywhere (picluster doctor --program shows each node's)");
    assertThat(OpenMpiAdvice.problemHere(COMMAND, MPICH, MpiLibrary.OPEN_MPI_4, 4)).isEqualTo("python3 prime.py uses"
        + " MPICH (libmpich.so.12, needed by /home/pi/ring) here, but Open MPI 4.x on the launcher's host: one job"
        + " needs the same MPI on every node; install it alike everywhere (picluster doctor --program shows each"
        + " node's)");
    assertThat(OpenMpiAdvice.problemHere(COMMAND, FIVE, MpiLibrary.OPEN_MPI_4, 4))
        .startsWith("python3 prime.py uses Open MPI 5.x").contains("here, but Open MPI 4.x on the launcher's host");
    assertThat(OpenMpiAdvice.problemHere(COMMAND, UNTOLD, MpiLibrary.OPEN_MPI_4, 4))
        .contains("whose release its libmpi.so.40 does not tell")
        .contains("each of the 4 ranks would run alone; fix: use an MPICH build of mpi4py");
  }
}
