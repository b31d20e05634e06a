package io.picluster.it;

import static io.picluster.it.MpichUnderPiclusterTest.BOUND;
import static io.picluster.it.MpichUnderPiclusterTest.awaitNoRankLeft;
import static io.picluster.it.MpichUnderPiclusterTest.bounded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.picluster.it.testbed.Testbed.Result;
import io.picluster.launch.LaunchException;
import io.picluster.launch.detect.ElfArch;
import io.picluster.launch.openmpi.NativeFile;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * picluster's PMI-1 library (libpicluster-pmi.so, as the jar carries it for this machine) driven
 * by a C client that calls it as Open MPI 4's flux component does (resources/pmi/pmi_client.c,
 * compiled here with gcc): under picluster, which hands each rank PMI_PORT and PMI_ID, and under
 * MPICH's Hydra ({@code mpiexec.mpich}), which hands each rank an inherited PMI_FD. Open MPI itself
 * cannot run under Hydra (its put lines are longer than Hydra takes), so this is the library's
 * PMI_FD path's only run against a real server.
 */
@TestInstance(Lifecycle.PER_CLASS)
class PmiLibraryTest {
  private static final Path HYDRA = Path.of("/usr/bin/mpiexec.mpich");

  private Path dir;
  private Path client;
  private Path library;

  @BeforeAll
  void compile() throws IOException, URISyntaxException, LaunchException {
    Path gcc = Stream.of("/usr/bin/gcc", "/usr/local/bin/gcc").map(Path::of)
        .filter(Files::isExecutable).findFirst().orElse(null);
    assumeTrue(gcc != null, "gcc is not installed (apt-get install gcc)");
    dir = Files.createDirectories(Path.of("target", "pmi-it-" + ProcessHandle.current().pid())
        .toAbsolutePath());
    library = NativeFile.extract(NativeFile.PMI_LIBRARY, ElfArch.ofThisJvm(), dir.resolve("cache"));
    client = dir.resolve("pmi_client");
    Path source = Path.of(PmiLibraryTest.class.getResource("/pmi/pmi_client.c").toURI());
    Result cc = bounded(Duration.ofSeconds(120), dir, List.of(gcc.toString(), "-std=c99", "-Wall",
        "-Wextra", "-Werror", "-o", client.toString(), source.toString(), "-ldl"));
    assertThat(cc.exitCode()).as("gcc pmi_client.c\n" + cc.output()).isZero();
  }

  @AfterAll
  void clean() throws IOException {
    TestFolders.delete(dir);
  }

  /** The job ended well, with each rank's line: every call worked, every rank's value came back whole. */
  private static void assertEveryRankSawEveryKey(Result r, int n, String via, String universe) {
    assertThat(r.exitCode()).as(r.output()).isZero();
    String clique = String.join(",", IntStream.range(0, n).mapToObj(Integer::toString).toList());
    assertThat(r.stdout().lines()).as(r.output()).containsExactlyInAnyOrderElementsOf(
        IntStream.range(0, n).mapToObj(rank -> "rank " + rank + " of " + n + " via " + via
            + " (universe " + universe + "): kvs named, clique " + clique + ", " + n
            + " keys matched").toList());
  }

  private Result underHydra(int n, String... more) {
    assumeTrue(Files.isExecutable(HYDRA), "MPICH is not installed (apt-get install mpich)");
    return run(List.of(HYDRA.toString(), "-n", Integer.toString(n)), more);
  }

  private Result underPicluster(int n, String... more) {
    return run(PiclusterJar.command(ExamplesProject.launcherJar(), "exec", "-n",
        Integer.toString(n)), more);
  }

  /** LAUNCHER pmi_client LIBRARY MORE..., to its end. */
  private Result run(List<String> launcher, String... more) {
    List<String> command = new ArrayList<>(launcher);
    command.addAll(List.of(client.toString(), library.toString()));
    command.addAll(List.of(more));
    return bounded(BOUND, dir, command);
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 3})
  void underHydraEveryRankConnectsThroughPmiFdAndSeesEveryOthersKey(int n) {
    // Hydra says -1 for the universe size when mpiexec is given no -usize
    assertEveryRankSawEveryKey(underHydra(n), n, "PMI_FD", "-1");
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 3})
  void underPiclusterEveryRankConnectsThroughPmiPortAndSeesEveryOthersKey(int n) {
    assertEveryRankSawEveryKey(underPicluster(n), n, "PMI_PORT", Integer.toString(n));
  }

  @Test
  void pmiAbortEndsTheJobWithItsCodeUnderBoth() {
    // Hydra ends the job at once, often before the rank's own line reaches it; a rank that merely
    // exited would have given "BAD TERMINATION" and exit code 9 (the others killed) instead
    Result hydra = underHydra(3, "abort");
    assertThat(hydra.exitCode()).as(hydra.output()).isEqualTo(7);
    assertThat(hydra.output()).doesNotContain("BAD TERMINATION").doesNotContain("PMI_Abort returned");
    awaitNoRankLeft("pmi_client");

    Result picluster = underPicluster(3, "abort");
    assertThat(picluster.exitCode()).as(picluster.output()).isEqualTo(7);
    assertThat(picluster.stderr()).as(picluster.output())
        .contains("picluster: rank 2 on ").contains(" called abort(7)")
        .doesNotContain("PMI_Abort returned");
    awaitNoRankLeft("pmi_client");
  }
}
