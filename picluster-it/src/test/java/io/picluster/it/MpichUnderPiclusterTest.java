package io.picluster.it;

import static io.picluster.it.OnTheTestbed.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.picluster.comm.internal.HostName;
import io.picluster.it.testbed.Testbed;
import io.picluster.it.testbed.Testbed.Result;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real MPICH programs (ours, in {@code src/test/resources/mpich}, built with {@code mpicc.mpich})
 * under the packaged launcher, {@code java -jar picluster.jar exec}: 1 to 4 ranks on this machine,
 * then one rank per node of the testbed, MPI_Abort and a rank that leaves without MPI_Finalize, and
 * the backbone forced with {@code UCX_TLS=tcp,self}. Skipped where MPICH is not installed (CI
 * installs {@code mpich libmpich-dev}); the testbed part also needs root.
 *
 * <p>Every launch is bounded ({@link #BOUND}) and, past it, stopped by its PID: SIGTERM to the
 * launcher (whose shutdown hook stops every rank), then SIGKILL (whose watchdog and agents do).
 */
@TestInstance(Lifecycle.PER_CLASS)
class MpichUnderPiclusterTest {
  private static final Path MPICC = Path.of("/usr/bin/mpicc.mpich");
  private static final List<String> PROGRAMS =
      List.of("ring", "bcast", "gather", "reduce", "allreduce", "pi", "abort", "nofinalize");
  /** Longest any launch may take before the test stops it and fails. */
  static final Duration BOUND = Duration.ofSeconds(120);

  private MpiPrograms programs;

  @BeforeAll
  void compile() throws IOException, URISyntaxException {
    assumeTrue(Files.isExecutable(MPICC), "MPICH is not installed (apt-get install mpich libmpich-dev)");
    programs = MpiPrograms.compile("mpich", MPICC, PROGRAMS);
  }

  @AfterAll
  void clean() throws IOException {
    MpiPrograms.delete(programs);
  }

  // ---- on this machine: picluster exec -n N ./program

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4})
  void ringPassesTheTokenRoundEveryRankOnOneNode(int n) {
    Result r = here(n, "ring");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout().lines()).as(r.output())
        .containsExactlyInAnyOrderElementsOf(expected("ring", n, rank -> HostName.get(), n));
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4})
  void everyRankGetsBothOneMebibyteBroadcasts(int n) {
    Result r = here(n, "bcast");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout().lines()).as(r.output()).containsExactlyInAnyOrderElementsOf(bcastLines(n));
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4})
  void gatherCollectsAtRankZeroAndScatterDealsBack(int n) {
    Result r = here(n, "gather");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout().lines()).as(r.output()).containsExactlyInAnyOrderElementsOf(gatherLines(n));
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4})
  void reduceCombinesAtRankZero(int n) {
    Result r = here(n, "reduce");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout().lines()).as(r.output()).containsExactly(reduceLine(n));
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4})
  void allreduceGivesEveryRankTheResult(int n) {
    Result r = here(n, "allreduce");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout().lines()).as(r.output())
        .containsExactlyInAnyOrderElementsOf(allreduceLines(n));
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4})
  void piComesOutRight(int n) {
    Result r = here(n, "pi");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout().lines()).as(r.output()).containsExactly(piLine(n));
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4})
  void mpiAbortEndsTheJobWithItsCodeNamingTheRank(int n) {
    Result r = here(n, "abort");
    assertThat(r.exitCode()).as(r.output()).isEqualTo(7);
    assertThat(r.stdout()).as(r.output())
        .contains("rank " + (n - 1) + " of " + n + ": calling MPI_Abort(MPI_COMM_WORLD, 7)\n");
    // MPICH 4.0 sends PMI's abort only when there are other ranks; alone it just exits with 7.
    String how = n == 1 ? "exited with code 7" : "called abort(7)";
    assertThat(launcherLines(r)).as(r.output()).containsExactly(
        "picluster: rank " + (n - 1) + " on " + HostName.get() + " " + how + "; the job was stopped");
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4})
  void aRankLeavingWithoutFinalizeFailsTheJobNamingIt(int n) {
    Result r = here(n, "nofinalize");
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.stdout()).as(r.output())
        .contains("rank " + (n - 1) + " of " + n + ": leaving without MPI_Finalize\n");
    assertThat(launcherLines(r)).as(r.output()).containsExactly("picluster: rank " + (n - 1)
        + " on " + HostName.get() + " exited before finalizing PMI; the job was stopped");
  }

  /** {@code java -jar picluster.jar exec -n N ./PROGRAM} in the programs' folder. */
  private Result here(int n, String program) {
    return programs.here(n, "./" + program);
  }

  // ---- across the testbed: node1 is the master, where pi runs the launcher

  /**
   * One rank per node over SSH, the programs staged from pi's folder on node1 into the other nodes'
   * caches. The nodes are namespaces on one machine, so UCX, left to choose, connects them through
   * shared memory; the last tests force TCP to show that the backbone (eth0, never the Wi-Fi-like
   * wlan0) carries the job when they are real machines.
   */
  @Nested
  @TestInstance(Lifecycle.PER_CLASS)
  @TestMethodOrder(OrderAnnotation.class)
  class AcrossTheTestbed {
    private static final int NODES = 4;
    private static final String FOLDER = "/home/pi/mpich";
    private Testbed testbed;

    @BeforeAll
    void up() {
      Testbed.assumeUsable();
      testbed = Testbed.up(NODES);
      // pi's own copy in node1's private home: the other nodes have none, so picluster stages it.
      programs.copyToNode1(testbed, FOLDER);
      for (int k = 2; k <= NODES; k++) {
        assertThat(testbed.runAs(Testbed.USER, k, "test", "-e", FOLDER).exitCode())
            .as("node" + k + " has no " + FOLDER).isNotZero();
      }
    }

    @AfterAll
    void down() {
      if (testbed != null) {
        testbed.close();
      }
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4})
    @Order(1)
    void everyProgramRunsWithOneRankPerNode(int n) {
      for (String program : List.of("ring", "bcast", "gather", "reduce", "allreduce", "pi")) {
        Result r = onMaster("exec", "-n", Integer.toString(n), "--hosts", Testbed.addresses(n), "./" + program);
        assertThat(r.exitCode()).as(program + ": " + r.output()).isZero();
        assertThat(r.stdout().lines()).as(program + ": " + r.output())
            .containsExactlyInAnyOrderElementsOf(expected(program, n, rank -> "node" + (rank + 1), 1));
      }
    }

    /** PMI_process_mapping tells MPICH the real placement: who shares a node, wrap-around too. */
    @Test
    @Order(2)
    void ranksSharingANodeAreToldSo() {
      programs.assertRanksSharingANodeAreToldSo(testbed, FOLDER);
    }

    @Test
    @Order(3)
    void mpiAbortOnNode4EndsTheJobWithSevenNamingIt() {
      programs.assertAbortOnNode4EndsTheJobWithSeven(testbed, FOLDER);
    }

    @Test
    @Order(4)
    void aRankOnNode3LeavingWithoutFinalizeFailsTheJobNamingIt() {
      Result r = programs.assertLeavingWithoutFinalizeOnNode3FailsTheJob(testbed, FOLDER);
      assertThat(r.stdout()).as(r.output()).contains("rank 2 of 3: leaving without MPI_Finalize\n");
    }

    /**
     * With TCP forced, two nodes talk over eth0: picluster gave each rank UCX_NET_DEVICES=eth0
     * itself (node1's by the launcher, node2's by its agent), so UCX uses neither shared memory nor
     * the decoy wlan0 that holds the default route. UCX says so when the endpoints are made, long
     * before MPI_Finalize; finalize itself may hang before MPICH 4.2, as the next test explains
     * (rarely with these programs on 2 ranks: once in a CI run).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ring", "bcast", "allreduce"})
    @Order(5)
    void twoNodesTalkOverTheBackboneWhenTcpIsForced(String program) throws Exception {
      TcpRun r = overTcp(2, program, "UCX_LOG_LEVEL", "info");
      String all = r.stdout() + r.stderr();
      // UCX's info lines go to stdout: "UCX_* env variables: ..." and "ep_cfg[i]: tag(...)".
      List<String> env = all.lines().filter(l -> l.contains("UCX_* env variables")).toList();
      assertThat(env).as(r.output()).hasSize(2)
          .allMatch(l -> l.contains("UCX_NET_DEVICES=eth0"), "UCX_NET_DEVICES=eth0 on both nodes");
      List<String> endpoints = all.lines().filter(l -> l.contains("ep_cfg[")).toList();
      assertThat(endpoints).as(r.output()).isNotEmpty()
          .anyMatch(l -> l.contains("tcp/eth0"))
          .noneMatch(l -> l.contains("wlan0") || l.contains("sysv/") || l.contains("cma/")
              || l.contains("posix/"));
      r.assertEndedUnlessMpichBefore42HungInFinalize();
    }

    /**
     * Over TCP the results are right, but Debian's MPICH 4.0.2 (with UCX 1.13) may then hang in
     * MPI_Finalize: its UCX finalize closes every endpoint and waits for the closes before its last
     * PMI barrier, and a peer already blocked in that barrier no longer progresses UCX
     * (pmodels/mpich d6c7cd5b64, in 4.2.0, moved the barrier first). mpiexec.hydra hangs the same
     * way at the same rates. Measured on this testbed: 3 or 4 ranks hang in most runs, 2 ranks of
     * pi (only rank 1 sends, once) in about one run in four, ring/bcast/allreduce on 2 rarely (2 of
     * 60 on loopback at load 15, both bcast; gdb showed one rank in MPI_Finalize's
     * ucp_worker_progress, the other in the read of its final PMI barrier).
     * Before MPICH 4.2 the test takes either outcome and stops a hung job by its launcher's PID;
     * from 4.2 on the job must end.
     */
    @ParameterizedTest(name = "{1} on {0} nodes")
    @CsvSource({"2, pi", "3, allreduce", "4, ring"})
    @Order(6)
    void overTcpTheResultsAreRightThoughMpichBefore42MayHangInFinalize(int n, String program)
        throws Exception {
      overTcp(n, program).assertEndedUnlessMpichBefore42HungInFinalize();
    }

    /**
     * {@code picluster exec -n N --hosts node1..nodeN -genv UCX_TLS tcp,self [-genv NAME VALUE]...
     * ./PROGRAM} as pi on node1, started by its PID: once PROGRAM's lines are all there (or the
     * launcher ended, or {@link #BOUND} passed), finalize gets 20 s, and a launcher still running
     * then is stopped. Asserts the program's lines and that no rank is left.
     */
    private TcpRun overTcp(int n, String program, String... settings) throws Exception {
      List<String> args = new ArrayList<>(List.of("exec", "-n", Integer.toString(n),
          "--hosts", Testbed.addresses(n), "-genv", "UCX_TLS", "tcp,self"));
      for (int i = 0; i + 1 < settings.length; i += 2) {
        args.addAll(List.of("-genv", settings[i], settings[i + 1]));
      }
      args.add("./" + program);
      List<String> command = PiclusterJar.command(programs.jar, args.toArray(String[]::new));
      List<String> lines = expected(program, n, rank -> "node" + (rank + 1), 1);
      Path out = Files.createTempFile(programs.bin, "tcp", ".out");
      Path err = Files.createTempFile(programs.bin, "tcp", ".err");
      Process launcher = testbed.start(Testbed.USER, 1, MpiPrograms.inFolder(FOLDER, command),
          Redirect.to(out.toFile()), Redirect.to(err.toFile()));
      long start = System.nanoTime();
      boolean ended;
      try {
        // The results come within seconds; then finalize either completes or never does.
        long resultsBy = System.nanoTime() + BOUND.toNanos();
        while (programLines(Files.readString(out)).size() < lines.size() && launcher.isAlive()
            && System.nanoTime() < resultsBy) {
          Thread.sleep(100);
        }
        ended = launcher.waitFor(20, TimeUnit.SECONDS);
      } finally {
        stop(launcher);
      }
      awaitNoRankLeft(program);
      TcpRun r = new TcpRun(Files.readString(out), Files.readString(err),
          ended ? launcher.exitValue() : null);
      System.out.printf("exec -n %d ./%s over TCP: %s after %.1f s%n", n, program,
          ended ? "exit " + launcher.exitValue() : "hung in MPI_Finalize, stopped",
          (System.nanoTime() - start) / 1e9);
      assertThat(programLines(r.stdout())).as(r.output()).containsExactlyInAnyOrderElementsOf(lines);
      return r;
    }

    /** {@code picluster ARGS...} as pi on node1, in the programs' folder there. */
    private Result onMaster(String... args) {
      return programs.onNode1(testbed, FOLDER, args);
    }
  }

  /** A launch over forced TCP: its output, and its exit value, or null if it hung and was stopped. */
  private record TcpRun(String stdout, String stderr, Integer exitValue) {
    String output() {
      return (exitValue == null ? "hung, stopped" : "exit " + exitValue) + "\n--- stdout\n" + stdout
          + "--- stderr\n" + stderr;
    }

    /** Exit 0; or, with an MPICH older than 4.2 only, the known hang in MPI_Finalize. */
    void assertEndedUnlessMpichBefore42HungInFinalize() throws IOException, InterruptedException {
      if (exitValue != null) {
        assertThat(exitValue).as(output()).isZero();
        return;
      }
      int[] v = mpichVersion();
      assertThat(v[0] < 4 || (v[0] == 4 && v[1] < 2))
          .as("MPICH " + v[0] + "." + v[1] + " must not hang in MPI_Finalize: " + output()).isTrue();
    }
  }

  /** The program's own lines: not UCX's log lines, which also go to stdout. */
  private static List<String> programLines(String stdout) {
    return stdout.lines().filter(l -> !l.contains(" UCX ")).toList();
  }

  // ---- what the programs print

  /**
   * What PROGRAM prints with N ranks, in any order: ring also says each rank's host and how many
   * ranks share its node.
   */
  static List<String> expected(String program, int n, IntFunction<String> hostOf, int perNode) {
    return switch (program) {
      case "ring" -> {
        List<String> lines = new ArrayList<>(ranks(n).mapToObj(rank -> "rank " + rank + " of " + n
            + " on " + hostOf.apply(rank) + ": " + perNode + " on this node").toList());
        lines.add(ringLine(n));
        yield lines;
      }
      case "bcast" -> bcastLines(n);
      case "gather" -> gatherLines(n);
      case "reduce" -> List.of(reduceLine(n));
      case "allreduce" -> allreduceLines(n);
      case "pi" -> List.of(piLine(n));
      default -> throw new IllegalArgumentException(program);
    };
  }

  private static IntStream ranks(int n) {
    return IntStream.range(0, n);
  }

  static String ringLine(int n) {
    long token = 10L * n * (n + 1) / 2;
    return "ring: 10 laps over " + n + " ranks, token " + token + " (expected " + token + ")";
  }

  static List<String> bcastLines(int n) {
    return ranks(n).mapToObj(r -> "rank " + r + ": 1048576 bytes from rank 0 ok, from rank "
        + (n - 1) + " ok").toList();
  }

  static List<String> gatherLines(int n) {
    List<String> lines = new ArrayList<>();
    lines.add("gather:" + ranks(n).mapToObj(r -> " " + r + ":" + r * r).collect(Collectors.joining()));
    ranks(n).forEach(r -> lines.add("rank " + r + ": scattered " + (100 + r)));
    return lines;
  }

  static String reduceLine(int n) {
    return "reduce: sum " + n * (n + 1) / 2 + ", max " + n + ", min 1, vector ok";
  }

  static List<String> allreduceLines(int n) {
    return ranks(n).mapToObj(r -> "rank " + r + " of " + n + ": allreduce sum " + n * (n - 1) / 2
        + ", max " + (n - 1)).toList();
  }

  static String piLine(int n) {
    return "pi is approximately 3.1415926536, error below 1e-9: yes (" + n + " ranks)";
  }

  static List<String> launcherLines(Result r) {
    return r.stderr().lines().filter(l -> l.startsWith("picluster: ")).toList();
  }

  /**
   * Waits until no process runs PROGRAM (node1's copy or a node's staged one) anywhere on this
   * machine, which the nodes share: a stopped job leaves no rank behind.
   */
  static void awaitNoRankLeft(String program) {
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
        assertThat(ProcessHandle.allProcesses()
            .filter(p -> p.info().command().orElse("").endsWith("/" + program))
            .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList())
            .as("ranks of ./" + program + " left behind").isEmpty());
  }

  /** MPICH's version from {@code mpichversion}, as {major, minor}. */
  private static int[] mpichVersion() throws IOException, InterruptedException {
    Result r = bounded(Duration.ofSeconds(30), Path.of("/"), List.of("mpichversion"));
    Matcher m = Pattern.compile("MPICH Version:\\s+(\\d+)\\.(\\d+)").matcher(r.stdout());
    assertThat(m.find()).as("mpichversion: " + r.output()).isTrue();
    return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
  }

  /**
   * Runs COMMAND in DIR to its end, output in files; past BOUND it is stopped by its PID (SIGTERM,
   * then SIGKILL) and the test fails.
   */
  static Result bounded(Duration bound, Path dir, List<String> command) {
    try {
      Path out = Files.createTempFile("mpich-it", ".out");
      Path err = Files.createTempFile("mpich-it", ".err");
      try {
        Process p = new ProcessBuilder(command).directory(dir.toFile())
            .redirectInput(Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
          stop(p);
          throw new AssertionError(String.join(" ", command) + " did not end within " + bound
              + "; stopped\n--- stdout\n" + Files.readString(out) + "--- stderr\n"
              + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** SIGTERM to the launcher by its PID, SIGKILL if it has not gone within 15 s. */
  private static void stop(Process launcher) throws InterruptedException {
    if (launcher.isAlive()) {
      launcher.destroy();
      if (!launcher.waitFor(15, TimeUnit.SECONDS)) {
        launcher.destroyForcibly();
        launcher.waitFor(15, TimeUnit.SECONDS);
      }
    }
  }
}
