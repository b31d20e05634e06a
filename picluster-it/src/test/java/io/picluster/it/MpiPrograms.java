package io.picluster.it;

import static io.picluster.it.MpichUnderPiclusterTest.BOUND;
import static io.picluster.it.MpichUnderPiclusterTest.bounded;
import static io.picluster.it.MpichUnderPiclusterTest.expected;
import static io.picluster.it.OnTheTestbed.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.testbed.Testbed;
import io.picluster.it.testbed.Testbed.Result;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * MPI programs under picluster, the fixture of the MPICH and Open MPI tests: the C programs in
 * resources/mpich (plain MPI) compiled with one MPI's mpicc into a bin folder beside a stable copy
 * of picluster.jar, under target/ (this machine's file system, which the testbed's nodes share),
 * and run from there.
 */
final class MpiPrograms {
  final Path jar;
  final Path bin;
  /** NAME=VALUE settings the launcher runs with (none, or the Open MPI route to take). */
  private final List<String> environment;

  private MpiPrograms(Path jar, Path bin, List<String> environment) {
    this.jar = jar;
    this.bin = bin;
    this.environment = environment;
  }

  /** The same programs, the launcher run with SETTINGS (NAME=VALUE) in its environment. */
  MpiPrograms withEnvironment(List<String> settings) {
    return new MpiPrograms(jar, bin, List.copyOf(settings));
  }

  /** The launcher's command line: env, the settings, java -jar picluster.jar ARGS. */
  private List<String> launcher(String... args) {
    List<String> line = new ArrayList<>(List.of("env"));
    line.addAll(environment);
    line.addAll(PiclusterJar.command(jar, args));
    return line;
  }

  /** Compiles each of PROGRAMS ({@code ring} for ring.c) with MPICC; NAME keeps the copies apart. */
  static MpiPrograms compile(String name, Path mpicc, List<String> programs)
      throws IOException, URISyntaxException {
    Path jar = PiclusterJar.stableCopy(name);
    Path bin = Files.createDirectories(jar.getParent().resolve("bin"));
    Path sources = Path.of(MpiPrograms.class.getResource("/mpich/ring.c").toURI()).getParent();
    for (String program : programs) {
      Result cc = bounded(Duration.ofSeconds(120), bin, List.of(mpicc.toString(), "-Wall", "-o",
          bin.resolve(program).toString(), sources.resolve(program + ".c").toString()));
      assertThat(cc.exitCode()).as(mpicc.getFileName() + " " + program + ".c\n" + cc.output())
          .isZero();
    }
    return new MpiPrograms(jar, bin, List.of());
  }

  /** {@code java -jar picluster.jar exec -n N COMMAND...} in the programs' folder, timed. */
  Result here(int n, String... command) {
    List<String> args = new ArrayList<>(List.of("exec", "-n", Integer.toString(n)));
    args.addAll(List.of(command));
    long start = System.nanoTime();
    Result r = bounded(BOUND, bin, launcher(args.toArray(String[]::new)));
    System.out.printf("exec -n %d %s: exit %d in %.1f s%n", n, String.join(" ", command),
        r.exitCode(), (System.nanoTime() - start) / 1e9);
    return r;
  }

  /**
   * Starts {@code exec -n N COMMAND} here and leaves it running: the caller reads its output and
   * ends it (by PID).
   */
  Process start(int n, String... command) throws IOException {
    List<String> args = new ArrayList<>(List.of("exec", "-n", Integer.toString(n)));
    args.addAll(List.of(command));
    return new ProcessBuilder(launcher(args.toArray(String[]::new))).directory(bin.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** Copies the programs into pi's FOLDER on node1 (home folders are each node's own). */
  void copyToNode1(Testbed testbed, String folder) {
    ok(testbed.runAs(Testbed.USER, 1, "sh", "-c", "mkdir -p \"$1\" && cp \"$2\"/* \"$1\"/",
        "copy", folder, bin.toString()));
  }

  /**
   * {@code picluster ARGS...} as pi on node1, in FOLDER there (where {@link #copyToNode1} put the
   * programs), timed.
   */
  Result onNode1(Testbed testbed, String folder, String... args) {
    long start = System.nanoTime();
    Result r = testbed.exec(BOUND, Testbed.USER, 1, inFolder(folder, launcher(args)));
    System.out.printf("picluster %s: exit %d in %.1f s%n", String.join(" ", args), r.exitCode(),
        (System.nanoTime() - start) / 1e9);
    return r;
  }

  /** COMMAND run in FOLDER: env changes folder and execs it, so the PID stays the launcher's. */
  static List<String> inFolder(String folder, List<String> command) {
    List<String> line = new ArrayList<>(List.of("env", "--chdir=" + folder));
    line.addAll(command);
    return line;
  }

  /** The launcher's lines about ranks (not its notes that a node lacks the folder). */
  static List<String> rankLines(Result r) {
    return r.stderr().lines().filter(l -> l.startsWith("picluster: rank")).toList();
  }

  // ---- what every MPI's ring, abort and nofinalize must do across the testbed's 4 nodes

  /** picluster's placement tells the ranks who shares a node: in blocks, and wrapped round. */
  void assertRanksSharingANodeAreToldSo(Testbed testbed, String folder) {
    Result two = onNode1(testbed, folder, "exec", "-n", "4", "--hosts", "10.0.0.1:2,10.0.0.2:2",
        "./ring");
    assertThat(two.exitCode()).as(two.output()).isZero();
    assertThat(two.stdout().lines()).as(two.output()).containsExactlyInAnyOrderElementsOf(
        expected("ring", 4, rank -> rank < 2 ? "node1" : "node2", 2));

    Result wrapped = onNode1(testbed, folder, "exec", "-n", "8", "--hosts", Testbed.addresses(4),
        "./ring");
    assertThat(wrapped.exitCode()).as(wrapped.output()).isZero();
    assertThat(wrapped.stdout().lines()).as(wrapped.output()).containsExactlyInAnyOrderElementsOf(
        expected("ring", 8, rank -> "node" + (rank % 4 + 1), 2));
  }

  /** MPI_Abort(7) in rank 3, on node4, ends the job with 7, naming the rank and node. */
  void assertAbortOnNode4EndsTheJobWithSeven(Testbed testbed, String folder) {
    assertEndsNamingOneRank(testbed, folder, 7,
        "picluster: rank 3 on node4 (10.0.0.4) called abort(7); the job was stopped",
        "exec", "-n", "4", "--hosts", Testbed.addresses(4), "./abort");
  }

  /** Rank 2, on node3, leaving without MPI_Finalize fails the job, naming the rank and node. */
  Result assertLeavingWithoutFinalizeOnNode3FailsTheJob(Testbed testbed, String folder) {
    return assertEndsNamingOneRank(testbed, folder, 1,
        "picluster: rank 2 on node3 (10.0.0.3) exited before finalizing PMI; the job was stopped",
        "exec", "-n", "3", "--hosts", Testbed.addresses(3), "./nofinalize");
  }

  /** {@code picluster ARGS...} on node1 ends with CODE, the launcher's one line on ranks LINE. */
  private Result assertEndsNamingOneRank(Testbed testbed, String folder, int code, String line,
      String... args) {
    Result r = onNode1(testbed, folder, args);
    assertThat(r.exitCode()).as(r.output()).isEqualTo(code);
    assertThat(rankLines(r)).as(r.output()).containsExactly(line);
    return r;
  }

  /** Removes the programs and the jar copy; nothing for a fixture that was never made. */
  static void delete(MpiPrograms programs) throws IOException {
    if (programs != null) {
      TestFolders.delete(programs.bin);
      PiclusterJar.deleteStableCopy(programs.jar);
    }
  }
}
