package io.picluster.it;

import static io.picluster.it.MpichUnderPiclusterTest.awaitNoRankLeft;
import static io.picluster.it.MpichUnderPiclusterTest.expected;
import static io.picluster.it.MpichUnderPiclusterTest.launcherLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.picluster.comm.internal.HostName;
import io.picluster.it.testbed.Testbed;
import io.picluster.it.testbed.Testbed.Result;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Open MPI 4 programs under the packaged launcher, {@code java -jar picluster.jar exec}: C programs
 * built with {@code mpicc.openmpi} (the MPICH tests' sources, which are plain MPI) and the
 * tutorial's {@code prime.py} on Debian's stock mpi4py, on this machine and across the testbed.
 * Their ranks join through picluster's PMI-1 library (io.picluster.launch.openmpi), the default
 * route for Open MPI 4; {@link OpenMpiOverPmixTest} runs the same over each node's PMIx server, the
 * route Open MPI 5 takes. Skipped where Open MPI is not installed (CI installs {@code openmpi-bin
 * libopenmpi-dev python3-mpi4py}).
 *
 * <p>After every launch nothing may be left: no rank, no {@code orted}, no PMIx helper, no
 * shared-memory segment in /dev/shm, no session folder of Open MPI's or the helper's in /tmp (this
 * machine's, which node processes share for /dev/shm).
 */
@TestInstance(Lifecycle.PER_CLASS)
class OpenMpiUnderPiclusterTest {
  private static final Path MPICC = Path.of("/usr/bin/mpicc.openmpi");
  private static final Path MPI4PY = Path.of("/usr/lib/python3/dist-packages/mpi4py");
  private static final List<String> PROGRAMS = List.of("ring", "allreduce", "bcast", "abort", "nofinalize", "waits");
  /** The tutorial's report, less its time line. */
  private static final List<String> TUTORIAL_REPORT =
      List.of("Find all primes up to: 100000", "Nodes: 4", "Primes discovered: 9592");

  private MpiPrograms programs;
  private Set<String> leftBefore;

  @BeforeAll
  void compile() throws IOException, URISyntaxException {
    assumeTrue(Files.isExecutable(MPICC), "Open MPI is not installed (apt-get install openmpi-bin libopenmpi-dev)");
    programs = MpiPrograms.compile("openmpi", MPICC, PROGRAMS).withEnvironment(route());
    try (InputStream in = OpenMpiUnderPiclusterTest.class.getResourceAsStream("/openmpi/prime.py")) {
      Files.write(programs.bin.resolve("prime.py"), in.readAllBytes());
    }
  }

  @AfterAll
  void clean() throws IOException {
    MpiPrograms.delete(programs);
  }

  /** PMIx helpers running before a test (another job's on this machine): not the test's to judge. */
  private Set<Long> helpersBefore;

  @BeforeEach
  void noteWhatIsThere() {
    leftBefore = openMpiFiles();
    helpersBefore = pmixHelpers().map(ProcessHandle::pid).collect(Collectors.toSet());
  }

  private static Stream<ProcessHandle> pmixHelpers() {
    return ProcessHandle.allProcesses().filter(p -> p.info().command().orElse("").endsWith("-picluster-pmix"));
  }

  @AfterEach
  void nothingIsLeft() {
    for (String program : PROGRAMS) {
      awaitNoRankLeft(program);
    }
    awaitNoRankLeft("orted");
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
        assertThat(pmixHelpers().filter(p -> !helpersBefore.contains(p.pid()))
            .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList())
            .as("PMIx helpers left behind").isEmpty());
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      Set<String> now = openMpiFiles();
      now.removeAll(leftBefore);
      assertThat(now).as("Open MPI's shared memory and session files left behind").isEmpty();
    });
  }

  /**
   * /dev/shm/vader_segment.* and everything under /tmp/ompi.*: what Open MPI ranks leave; the PMIx
   * helpers' folders in both.
   */
  private static Set<String> openMpiFiles() {
    Set<String> found = new TreeSet<>();
    for (String glob : List.of("vader_segment.*", "picluster-pmix.*")) {
      for (Path p : list(Path.of("/dev/shm"), glob)) {
        found.add(p.toString());
      }
    }
    List<Path> sessions = new ArrayList<>(list(Path.of("/tmp"), "ompi.*"));
    sessions.addAll(list(Path.of("/tmp"), "picluster-pmix.*"));
    for (Path session : sessions) {
      try (Stream<Path> all = Files.walk(session)) {
        all.forEach(p -> found.add(p.toString()));
      } catch (IOException | RuntimeException goneMeanwhile) {
        // another process's session ended while we looked
      }
    }
    return found;
  }

  private static List<Path> list(Path dir, String glob) {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
      s.forEach(found::add);
    } catch (IOException e) {
      // nothing there
    }
    return found;
  }

  // ---- on this machine

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4})
  void ringPassesTheTokenRoundEveryRankSharingOneNode(int n) {
    Result r = here(n, "./ring");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout().lines()).as(r.output())
        .containsExactlyInAnyOrderElementsOf(expected("ring", n, rank -> HostName.get(), n));
  }

  @Test
  void collectivesGiveEveryRankTheResult() {
    Result all = here(4, "./allreduce");
    assertThat(all.exitCode()).as(all.output()).isZero();
    assertThat(all.stdout().lines()).as(all.output())
        .containsExactlyInAnyOrderElementsOf(expected("allreduce", 4, rank -> "", 1));
    Result bcast = here(3, "./bcast");
    assertThat(bcast.exitCode()).as(bcast.output()).isZero();
    assertThat(bcast.stdout().lines()).as(bcast.output())
        .containsExactlyInAnyOrderElementsOf(expected("bcast", 3, rank -> "", 1));
  }

  /** The tutorial's own command, with Debian's python3-mpi4py (built on Open MPI 4.1). */
  @Test
  void theTutorialsPrimePyFindsAllPrimesOnFourRanks() {
    assumeTrue(Files.isDirectory(MPI4PY), "python3-mpi4py is not installed (apt-get install python3-mpi4py)");
    // /usr/bin's python3: Debian's, whose mpi4py this is (the tests' PATH may put another first).
    Result r = here(4, "/usr/bin/python3", "prime.py", "100000");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout().lines().filter(l -> !l.startsWith("Time elasped: ")))
        .as(r.output()).containsExactlyElementsOf(TUTORIAL_REPORT);
    assertThat(r.stderr()).as(r.output()).isEmpty();
  }

  @Test
  void mpiAbortEndsTheJobWithItsCodeNamingTheRank() {
    Result r = here(3, "./abort");
    assertThat(r.exitCode()).as(r.output()).isEqualTo(7);
    assertThat(r.stdout()).as(r.output()).contains("rank 2 of 3: calling MPI_Abort(MPI_COMM_WORLD, 7)\n");
    assertThat(launcherLines(r)).as(r.output()).containsExactly(
        "picluster: rank 2 on " + HostName.get() + " called abort(7); the job was stopped");
  }

  @Test
  void aRankLeavingWithoutFinalizeFailsTheJobNamingIt() {
    Result r = here(3, "./nofinalize");
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.stdout()).as(r.output()).contains("rank 2 of 3: leaving without MPI_Finalize\n");
    assertThat(launcherLines(r)).as(r.output()).containsExactly("picluster: rank 2 on " + HostName.get()
        + " exited before finalizing PMI; the job was stopped");
  }

  /** The launcher's environment setting that picks the route: none here, the default (flux for Open MPI 4). */
  List<String> route() {
    return List.of();
  }

  /**
   * SIGKILL of the launcher mid-job: the watchdog ends the ranks and removes Open MPI's segments and
   * session folder (which only the launcher removes otherwise); on the pmix route the helper ends on
   * its input's end, removing its folders. The checks after each test then find no rank, helper or
   * Open MPI file left.
   */
  @Test
  void aLauncherKilledMidJobLeavesNoRankAndNoHelper() throws Exception {
    Process launcher = programs.start(2, "./waits");
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
      List<String> lines = CompletableFuture.supplyAsync(() -> linesUntilReady(out, 2))
          .get(RankRun.LIVENESS.toSeconds(), TimeUnit.SECONDS);
      assertThat(lines).as("the ranks' lines").contains("rank 0 of 2: ready", "rank 1 of 2: ready");
      if (route().contains("PICLUSTER_OPENMPI_ROUTE=pmix")) {
        assertThat(pmixHelpers().filter(p -> !helpersBefore.contains(p.pid())).toList())
            .as("the job's PMIx helper while it runs").isNotEmpty();
      }
    } finally {
      launcher.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).as("the launcher ends on SIGKILL").isTrue();
    }
  }

  /** Lines of OUT until COUNT of them say "ready" (or the output ends). */
  private static List<String> linesUntilReady(BufferedReader out, int count) {
    List<String> lines = new ArrayList<>();
    try {
      for (String line; lines.stream().filter(l -> l.endsWith(": ready")).count() < count
          && (line = out.readLine()) != null; ) {
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("(output failed: " + e.getMessage() + ")");
    }
    return lines;
  }
  /** {@code java -jar picluster.jar exec -n N COMMAND...} in the programs' folder. */
  private Result here(int n, String... command) {
    return programs.here(n, command);
  }

  // ---- across the testbed: pi on node1 runs the launcher

  /**
   * The programs in pi's folder on node1 only (home folders are each node's own): picluster stages
   * them, and prime.py with --stage, as for MPICH programs. The nodes share this machine's
   * /dev/shm under their own host names, and Open MPI knows who shares a node from picluster's
   * placement alone: shared memory cannot join two nodes, TCP does, over eth0 only.
   */
  @Nested
  @TestInstance(Lifecycle.PER_CLASS)
  @TestMethodOrder(OrderAnnotation.class)
  class AcrossTheTestbed {
    private static final int NODES = 4;
    private static final String FOLDER = "/home/pi/openmpi";
    private Testbed testbed;

    @BeforeAll
    void up() {
      Testbed.assumeUsable();
      testbed = Testbed.up(NODES);
      programs.copyToNode1(testbed, FOLDER);
    }

    @AfterAll
    void down() {
      if (testbed != null) {
        testbed.close();
      }
    }

    @Test
    @Order(1)
    void theTutorialsPrimePyRunsOnFourNodes() {
      assumeTrue(Files.isDirectory(MPI4PY), "python3-mpi4py is not installed (apt-get install python3-mpi4py)");
      Result r = onMaster("exec", "-n", "4", "--hosts", Testbed.addresses(NODES), "--stage", "prime.py",
          "python3", "prime.py", "100000");
      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.stdout().lines().filter(l -> !l.startsWith("Time elasped: ")))
          .as(r.output()).containsExactlyElementsOf(TUTORIAL_REPORT);
    }

    /** Who shares a node comes from picluster's placement: in blocks, and wrapped round. */
    @Test
    @Order(2)
    void ranksSharingANodeAreToldSo() {
      programs.assertRanksSharingANodeAreToldSo(testbed, FOLDER);
    }

    /** Open MPI's TCP uses the backbone the launcher picked, never the decoy wlan0. */
    @Test
    @Order(3)
    void betweenNodesTcpRunsOverEth0Only() {
      Result r = onMaster("exec", "-n", "2", "--hosts", Testbed.addresses(2), "-genv", "OMPI_MCA_btl", "tcp,self",
          "-genv", "OMPI_MCA_btl_base_verbose", "100", "./ring");
      assertThat(r.exitCode()).as(r.output()).isZero();
      String all = r.stdout() + r.stderr();
      List<String> using = all.lines().filter(l -> l.contains("btl: tcp: Using interface:")).toList();
      assertThat(using).as(r.output()).hasSize(2).allMatch(l -> l.endsWith("Using interface: eth0 ")
          || l.endsWith("Using interface: eth0"));
      assertThat(all).as(r.output()).doesNotContain("wlan0");
      assertThat(r.stdout().lines()).as(r.output())
          .contains(MpichUnderPiclusterTest.ringLine(2));
    }

    /** Shared memory alone cannot join two nodes: Open MPI says so, and the job ends. */
    @Test
    @Order(4)
    void sharedMemoryAloneCannotJoinTwoNodes() {
      Result r = onMaster("exec", "-n", "2", "--hosts", Testbed.addresses(2), "-genv", "OMPI_MCA_btl", "vader,self",
          "./ring");
      assertThat(r.exitCode()).as(r.output()).isNotZero();
      assertThat(r.stderr()).as(r.output()).contains("unable to reach each other");
      assertThat(MpiPrograms.rankLines(r)).as(r.output()).hasSize(1)
          .allMatch(l -> l.matches("picluster: rank [01] on node[12]( \\(10\\.0\\.0\\.2\\))? called"
              + " abort\\([0-9]+\\); the job was stopped"));
    }

    @Test
    @Order(5)
    void mpiAbortOnNode4EndsTheJobWithSevenNamingIt() {
      programs.assertAbortOnNode4EndsTheJobWithSeven(testbed, FOLDER);
    }

    @Test
    @Order(6)
    void aRankOnNode3LeavingWithoutFinalizeFailsTheJobNamingIt() {
      programs.assertLeavingWithoutFinalizeOnNode3FailsTheJob(testbed, FOLDER);
    }

    /** {@code picluster ARGS...} as pi on node1, in the programs' folder there. */
    private Result onMaster(String... args) {
      return programs.onNode1(testbed, FOLDER, args);
    }
  }
}
