package io.picluster.it;

import static io.picluster.it.OnTheTestbed.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.picluster.it.ExamplesProject.Run;
import io.picluster.it.ranks.Failing;
import io.picluster.it.ranks.FinishesUnevenly;
import io.picluster.it.testbed.Testbed;
import io.picluster.it.testbed.Testbed.Result;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * picluster's ranks under MPICH's own launcher, Hydra ({@code mpiexec.mpich}): the built-in jobs
 * as {@code java -jar picluster.jar run-rank JOB}, and a user's job as {@code java -cp ... Main},
 * with {@code -pmi-port} and in Hydra's default mode ({@code PMI_FD}); clean jobs are never killed
 * and a failing rank ends the job; then the same across the testbed's four nodes, as pi on node1,
 * with Hydra starting its proxies over ssh. Skipped where MPICH is not installed
 * ({@code apt-get install mpich}).
 */
@TestInstance(Lifecycle.PER_CLASS)
class HydraRunsPiclusterTest {
  /** Generous: JVMs on a loaded 2-core machine; a hang shows up as this, with the output so far. */
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  /** How soon a job whose ranks cannot join must end: "at once", well before any PMI timeout. */
  private static final Duration PROMPTLY = Duration.ofSeconds(30);
  private static final Pattern README_EXAMPLE =
      Pattern.compile("<!-- example: (\\w+)[^>]*-->\\s*```java\\n(.*?)```", Pattern.DOTALL);
  private static final String ADD_OPENS = "--add-opens=java.base/java.io=ALL-UNNAMED";

  private String mpiexec;
  private Path jar;
  private Path work;
  /** README's example job, compiled into {@link #work}: its class name. */
  private String readmeJob;
  @TempDir Path logs;

  @BeforeAll
  void findMpichAndBuildTheJobs() throws IOException {
    Optional<Path> found = onPath("mpiexec.mpich").or(() -> onPath("mpiexec.hydra"));
    assumeTrue(found.isPresent(), "MPICH's mpiexec.mpich is not installed (apt-get install mpich)");
    mpiexec = found.get().toString();
    jar = PiclusterJar.stableCopy("hydra");
    work = jar.getParent();
    readmeJob = compileReadmeExample(work);
  }

  @AfterAll
  void removeTheJar() throws IOException {
    if (jar != null) {
      try (Stream<Path> files = Files.walk(work)) {
        for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  // ---- built-in jobs: java -jar picluster.jar run-rank JOB

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4})
  void primesUnderPmiPortReportsTheTutorialsCount(int ranks) {
    Run r = mpiexec("primes-" + ranks, "-pmi-port", "-n", Integer.toString(ranks),
        java(), "-jar", jar.toString(), "run-rank", "primes", "100000");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output())
        .startsWith("Find all primes up to: 100000\nNodes: " + ranks + "\n")
        .containsPattern("(?m)^Time elapsed: \\d+\\.\\d+ seconds$")
        .endsWith("Primes discovered: 9592\n");
    assertThat(r.stderr()).as(r.output()).isEmpty();
  }

  @Test
  void runRankWorksInHydrasDefaultModeToo() {
    // java -jar picluster.jar adopts Hydra's PMI_FD through sun.misc.Unsafe: the manifest opens nothing
    // (an Add-Opens there costs every start ~30 ms).
    Run r = mpiexec("primes-fd", "-n", "4", java(), "-jar", jar.toString(), "run-rank", "primes", "100000");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).startsWith("Find all primes up to: 100000\nNodes: 4\n")
        .endsWith("Primes discovered: 9592\n");
    assertThat(r.stderr()).as(r.output()).isEmpty();
  }

  @Test
  void runRankWithoutALauncherIsAJobOfOneRank() {
    Run r = run("primes-alone", java(), "-jar", jar.toString(), "run-rank", "primes", "100");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).startsWith("Find all primes up to: 100\nNodes: 1\n")
        .endsWith("Primes discovered: 25\n");
  }

  @Test
  void runRankUsageErrorsAreOneLine() {
    for (List<String> bad : List.of(List.of("run-rank", "nosuch"), List.of("run-rank", "primes", "x"),
        List.of("run-rank"))) {
      List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
      command.addAll(bad);
      Run r = run("usage", command.toArray(String[]::new));
      assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
      assertThat(r.stderr().lines()).as(r.output()).hasSize(1)
          .allMatch(l -> l.startsWith("picluster: ") && !l.contains("Exception"));
      assertThat(r.stdout()).as(r.output()).isEmpty();
    }
  }

  @Test
  void aRankThatCannotTellItsAddressEndsTheWholeJobAtOnceNamingIface() {
    // Two "hosts" on this machine: the rank on "localhost" (a name for loopback only) cannot give
    // peers elsewhere an address, and says so; the rank on 127.0.0.2, already waiting in a PMI
    // barrier under the other Hydra proxy, must not be left waiting.
    long start = System.nanoTime();
    Run r = mpiexec("no-address", "-launcher", "fork", "-pmi-port", "-hosts", "localhost,127.0.0.2", "-n", "2",
        java(), "-jar", jar.toString(), "run-rank", "hostname");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(r.exitCode()).as(r.output()).isNotZero();
    assertThat(r.stderr()).as(r.output())
        .contains("picluster: this rank's peers run on other hosts")
        .contains("mpiexec calls this host 'localhost'")
        .contains("give mpiexec -iface eth0");
    assertThat(took).as(r.output()).isLessThan(PROMPTLY);
  }

  @Test
  void twoHydraProxiesOnThisMachineGiveRanksTheirOwnLoopbackAddresses() {
    Run r = mpiexec("two-proxies", "-launcher", "fork", "-pmi-port", "-hosts", "127.0.0.1,127.0.0.2", "-n", "4",
        java(), "-jar", jar.toString(), "run-rank", "primes", "100000");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).endsWith("Primes discovered: 9592\n");
  }

  // ---- a user's job: java -cp ... Main

  @Test
  void theReadmeJobRunsUnderPmiPort() {
    Run r = mpiexec("readme-port", "-pmi-port", "-n", "4", java(), "-cp", userClasspath(), readmeJob, "1000");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).isEqualTo(sumOfSquaresLine(1000, 4));
  }

  @Test
  void inTheDefaultModeAUserJobRunsWithoutOptions() {
    // PMI_FD is adopted through sun.misc.Unsafe when java.io is not opened (srun --mpi=pmi2 too).
    Run r = mpiexec("readme-fd", "-n", "2", java(), "-cp", userClasspath(), readmeJob, "1000");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).isEqualTo(sumOfSquaresLine(1000, 2));
  }

  @Test
  void inTheDefaultModeAUserJobRunsWithAddOpens() {
    Run r = mpiexec("readme-fd-opens", "-n", "4", java(), ADD_OPENS, "-cp", userClasspath(), readmeJob, "1000");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).isEqualTo(sumOfSquaresLine(1000, 4));
  }

  // ---- a clean job is never killed; a failing one ends

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"-pmi-port return", "-pmi-port exit0", "fd return", "fd exit0"})
  void aCleanJobIsNeverKilledWhateverTheOrderRanksEnd(String modeAndEnd) {
    String[] p = modeAndEnd.split(" ");
    List<String> command = new ArrayList<>();
    if (p[0].equals("-pmi-port")) {
      command.add("-pmi-port");
    }
    command.addAll(List.of("-n", "3", java()));
    if (p[0].equals("fd")) {
      command.add(ADD_OPENS);
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), FinishesUnevenly.class.getName(), p[1]));
    Run r = mpiexec("uneven-" + p[0] + "-" + p[1], command.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout().lines()).as(r.output())
        .containsExactlyInAnyOrder("rank 1 finished", "rank 2 finished", "rank 0 of 3 finished last");
    assertThat(r.stderr()).as(r.output()).doesNotContain("BAD TERMINATION");
  }

  @Test
  void anExceptionInOneRankEndsTheJobWithANonZeroCode() {
    Run r = mpiexec("throw", "-pmi-port", "-n", "3", java(), "-cp", System.getProperty("java.class.path"),
        Failing.class.getName(), "throw");
    assertThat(r.exitCode()).as(r.output()).isNotZero();
    assertThat(r.stderr()).as(r.output()).contains("rank 1 failed on purpose");
    Matcher pid = Pattern.compile("(?m)^pid \\d+ (\\d+)$").matcher(r.stdout());
    List<Long> pids = new ArrayList<>();
    while (pid.find()) {
      pids.add(Long.parseLong(pid.group(1)));
    }
    assertThat(pids).as(r.output()).hasSize(3);
    assertThat(pids).as("every rank has ended: " + r.output()).allMatch(OnTheTestbed::isDead);
  }

  // ---- across the testbed: mpiexec on node1 as pi, Hydra's proxies started over ssh

  @Nested
  @TestInstance(Lifecycle.PER_CLASS)
  class AcrossTheTestbed {
    private static final int NODES = 4;
    private final String hosts = Testbed.addresses(NODES);
    private Testbed testbed;

    @BeforeAll
    void up() {
      Testbed.assumeUsable();
      testbed = Testbed.up(NODES);
      // Hydra's plain ssh cannot answer the question about an unknown host key (and mpiexec then
      // hangs), and known_hosts starts empty: record every node's key, by address and by name.
      for (int k = 1; k <= NODES; k++) {
        OnTheTestbed.awaitSshFromNode1(testbed, k);
        ok(testbed.runAs(Testbed.USER, 1, "ssh", "-o", "BatchMode=yes", "-o",
            "StrictHostKeyChecking=accept-new", Testbed.USER + "@node" + k, "true"));
      }
    }

    @AfterAll
    void down() {
      if (testbed != null) {
        testbed.close();
      }
    }

    @Test
    void hostnameRunsOneRankOnEachNode() {
      Result r = onNode1("hostname", "-launcher", "ssh", "-pmi-port", "-hosts", hosts, "-n", "4",
          java(), "-jar", jar.toString(), "run-rank", "hostname");
      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.stdout().lines()).as(r.output())
          .containsExactlyInAnyOrder("node1", "node2", "node3", "node4");
    }

    @Test
    void primesCountsAcrossFourNodes() {
      Result r = onNode1("primes", "-launcher", "ssh", "-pmi-port", "-hosts", hosts, "-n", "4",
          java(), "-jar", jar.toString(), "run-rank", "primes", "100000");
      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.stdout()).as(r.output()).startsWith("Find all primes up to: 100000\nNodes: 4\n")
          .endsWith("Primes discovered: 9592\n");
    }

    @Test
    void withIfaceTheNodesMayBeNamed() {
      // Names map to 127.0.1.1 on their own node (Debian); -iface eth0 gives ranks the backbone.
      Result r = onNode1("primes-iface", "-launcher", "ssh", "-pmi-port", "-iface", "eth0",
          "-hosts", "node1,node2,node3,node4", "-n", "4",
          java(), "-jar", jar.toString(), "run-rank", "primes", "100000");
      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.stdout()).as(r.output()).startsWith("Find all primes up to: 100000\nNodes: 4\n")
          .endsWith("Primes discovered: 9592\n");
    }

    @Test
    void inTheDefaultModeRunRankWorksAcrossNodesToo() {
      // PMI_FD is no TCP connection: the address comes from the -hosts entry alone.
      Result r = onNode1("primes-fd", "-launcher", "ssh", "-hosts", hosts, "-n", "4",
          java(), "-jar", jar.toString(), "run-rank", "primes", "100000");
      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.stdout()).as(r.output()).startsWith("Find all primes up to: 100000\nNodes: 4\n")
          .endsWith("Primes discovered: 9592\n");
    }

    @Test
    void namedNodesNeedNoIfaceWhenTheirNamesAlsoMapToTheBackbone() {
      // Each node's /etc/hosts maps its own name to 127.0.1.1 first (Debian) and to 10.0.0.K too
      // (as picluster net writes it): ranks take the backbone address, never loopback. (The
      // hostname job makes no connections; primes makes them all.)
      Result r = onNode1("primes-names", "-launcher", "ssh", "-pmi-port",
          "-hosts", "node1,node2,node3,node4", "-n", "4",
          java(), "-jar", jar.toString(), "run-rank", "primes", "100000");
      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.stdout()).as(r.output()).startsWith("Find all primes up to: 100000\nNodes: 4\n")
          .endsWith("Primes discovered: 9592\n");
    }

    private Result onNode1(String label, String... args) {
      List<String> command = new ArrayList<>(List.of(mpiexec));
      command.addAll(List.of(args));
      return PiclusterJar.timed(testbed, 1, "mpiexec " + label, command);
    }
  }

  // ---- helpers

  private Run mpiexec(String name, String... args) {
    List<String> command = new ArrayList<>(List.of(mpiexec));
    command.addAll(List.of(args));
    return run(name, command.toArray(String[]::new));
  }

  /** Runs COMMAND here to its end (killing it and its descendants, by PID, if it overruns). */
  private Run run(String name, String... command) {
    long start = System.nanoTime();
    Run r = ExamplesProject.run(work, TIMEOUT, logs, name, command);
    System.out.printf("%s: exit %d in %.1f s%n", name, r.exitCode(), (System.nanoTime() - start) / 1e9);
    return r;
  }

  /** What README's SumOfSquares N prints on RANKS ranks. */
  private static String sumOfSquaresLine(long n, int ranks) {
    long total = 0;
    long[] parts = new long[ranks];
    for (long i = 0; i < n; i++) {
      total += i * i;
      parts[(int) (i % ranks)] += i * i;
    }
    return "sum of squares below " + n + " = " + total + ", parts " + java.util.Arrays.toString(parts) + "\n";
  }

  private String userClasspath() {
    return System.getProperty("java.class.path") + File.pathSeparator + work;
  }

  private static String java() {
    return PiclusterJar.java();
  }

  private static String compileReadmeExample(Path dir) throws IOException {
    String readme = Files.readString(ExamplesProject.repoRoot().resolve("README.md"));
    Matcher m = README_EXAMPLE.matcher(readme);
    assertThat(m.find()).as("README.md has an example block").isTrue();
    Path source = dir.resolve(m.group(1) + ".java");
    Files.writeString(source, m.group(2));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int compiled = javac.run(null, null, null, "-d", dir.toString(), "-cp",
        System.getProperty("java.class.path"), source.toString());
    assertThat(compiled).as("javac exit code").isZero();
    return m.group(1);
  }

  private static Optional<Path> onPath(String name) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, name))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
