package io.picluster.launch;

import io.picluster.comm.internal.HostName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real MPICH program (libmpich's own PMI-1 client, MPI_Init to MPI_Finalize) under our launcher.
 * Needs {@code mpicc.mpich}; skipped where MPICH is not installed.
 */
@Timeout(180)
class MpichInteropTest {
  private static final Path MPICC = Path.of("/usr/bin/mpicc.mpich");
  @TempDir static Path dir;
  private static Path program;

  @BeforeAll
  static void compile() throws Exception {
    assumeTrue(Files.isExecutable(MPICC), "MPICH is not installed");
    Path source = Path.of(MpichInteropTest.class.getResource("/mpich/allreduce.c").toURI());
    program = dir.resolve("allreduce");
    Process cc =
        new ProcessBuilder(MPICC.toString(), "-o", program.toString(), source.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(cc.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(cc.exitValue()).as(new String(cc.getInputStream().readAllBytes())).isZero();
  }

  @Test
  void anMpichProgramRunsToFinalize() {
    LaunchResult r = LaunchResult.run(JobSpec.of(4, List.of(program.toString())));

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.outLines())
        .containsExactlyInAnyOrder(
            "rank 0 of 4: sum 6", "rank 1 of 4: sum 6", "rank 2 of 4: sum 6", "rank 3 of 4: sum 6");
  }

  @Test
  void mpiAbortStopsTheJobWithItsCode() {
    LaunchResult r = LaunchResult.run(JobSpec.of(3, List.of(program.toString(), "abort", "1")));

    assertThat(r.exitCode()).isEqualTo(7);
    assertThat(r.launcherLines())
        .containsExactly(
            "picluster: rank 1 on " + HostName.get() + " called abort(7); the job was stopped");
  }
}
