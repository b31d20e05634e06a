package io.picluster.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.launch.detect.MpiLibrary;
import io.picluster.launch.detect.MpiUse;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** After the job: N > 1 ranks that all succeeded without one connecting to the PMI server. */
@Timeout(120)
class SingletonVerdictTest {
  private static final MpiUse MPICH = new MpiUse(MpiLibrary.MPICH, "libmpich.so.12", Path.of("/x/a.out"), null);

  private static LaunchResult run(JobSpec spec, MpiUse use) {
    spec = spec.withStdin(Redirect.from(new File("/dev/null")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new Launcher(out, err).run(spec, use);
    return new LaunchResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), 0);
  }

  private static JobSpec silent(int ranks) {
    return JobSpec.of(ranks, List.of("sh", "-c", "echo Nodes: 1"));
  }

  @Test
  void anMpiProgramWhoseRanksAllRanAloneIsAFailure() {
    LaunchResult r = run(silent(3), MPICH);

    assertThat(r.outLines()).containsExactly("Nodes: 1", "Nodes: 1", "Nodes: 1");
    assertThat(r.errLines()).singleElement().asString()
        .startsWith("picluster: none of the 3 ranks of sh -c (MPICH (libmpich.so.12, needed by /x/a.out)) connected to the launcher")
        .contains("3 separate answers");
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void aProgramOfUnknownMpiGetsANoteAndKeepsItsExitCode() {
    LaunchResult r = run(silent(2), MpiUse.unknown("a script"));

    assertThat(r.errLines()).singleElement().asString().startsWith("picluster: note: none of the 2 ranks of sh -c connected");
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void noWordForProgramsWithoutMpiOneRankOrAFailure() {
    assertThat(run(silent(2), MpiUse.none(Path.of("/bin/sh"))).err()).isEmpty();
    LaunchResult one = run(silent(1), MPICH);
    assertThat(one.err()).isEmpty();
    assertThat(one.exitCode()).isZero();
    LaunchResult failed = run(JobSpec.of(2, List.of("sh", "-c", "exit 3")), MPICH);
    assertThat(failed.err()).doesNotContain("connected to the launcher");
    assertThat(failed.exitCode()).isEqualTo(3);
  }

  @Test
  void ranksThatConnectedAreNoSingletons() {
    LaunchResult r = run(JobSpec.of(2, TestRanks.command(null, "conversation", "1")), MPICH);

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("connected to the launcher");
  }
}
