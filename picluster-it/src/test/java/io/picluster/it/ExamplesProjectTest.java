package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.picluster.it.ExamplesProject.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * examples/ builds the way a user's own job project does (picluster-comm and picluster-mpi from a
 * local Maven repository, one shaded jar), and its jobs give the right answers on 4 ranks under
 * the packaged launcher, started as its README says: the picluster-comm jobs with {@code picluster
 * exec}, the MPI programs in both styles with {@code picluster java}, and one of them as {@code
 * java -cp app.jar:picluster.jar} under {@code picluster exec} and under MPICH's {@code mpiexec}.
 */
@TestInstance(Lifecycle.PER_CLASS)
class ExamplesProjectTest {
  private static final Pattern PI_LINE = Pattern.compile("pi=(\\S+) error=\\S+ ranks=4");
  private static final Pattern HELLO_LINE = Pattern.compile("hello from rank (\\d+) of 4 on (\\S+)");

  @TempDir Path logs;

  @BeforeAll
  void build(@TempDir Path buildLogs) {
    // Always built, even if a jar is there: building is half of what this test checks.
    ExamplesProject.build(buildLogs);
  }

  @Test
  void theCommExamplesRunOnFourRanks() {
    Run pi = exec("Pi");
    assertThat(pi.exitCode()).as(pi.output()).isZero();
    assertPi(pi);

    Run hello = exec("Hello");
    assertThat(hello.exitCode()).as(hello.output()).isZero();
    TreeMap<Integer, String> hostByRank = new TreeMap<>();
    int helloLines = 0;
    Matcher helloLine = HELLO_LINE.matcher(hello.stdout());
    for (; helloLine.find(); helloLines++) {
      hostByRank.put(Integer.parseInt(helloLine.group(1)), helloLine.group(2));
    }
    assertThat(helloLines).as(hello.output()).isEqualTo(4);
    assertThat(hostByRank.keySet()).as(hello.output()).containsExactly(0, 1, 2, 3);
    assertThat(hostByRank.values()).as("one local host: " + hello.output()).containsOnly(hostByRank.get(0));
    assertThat(hello.stdout()).as(hello.output())
        .contains("hosts by rank: " + String.join(" ", hostByRank.values()) + "\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mpijava", "openmpi"})
  void theMpiExamplesRunOnFourRanksWithPiclusterJava(String style) {
    String suffix = style.equals("mpijava") ? "(mpiJava)" : "(Open MPI Java)";
    Run hello = java(style + ".Hello");
    assertThat(hello.exitCode()).as(hello.output()).isZero();
    List<String> expected = new ArrayList<>();
    String host = hello.stdout().lines().findFirst().orElse("").replaceAll(".* on (\\S+) .*", "$1");
    for (int r = 0; r < 4; r++) {
      expected.add("Hello from rank " + r + " of 4 on " + host + " " + suffix);
    }
    assertThat(hello.stdout().lines()).as(hello.output()).containsExactlyInAnyOrderElementsOf(expected);

    Run ring = java(style + ".Ring");
    assertThat(ring.exitCode()).as(ring.output()).isZero();
    assertThat(ring.stdout()).as(ring.output()).isEqualTo("ring: 4 ranks, 10 laps, token 40\n");

    Run pi = java(style + ".Pi");
    assertThat(pi.exitCode()).as(pi.output()).isZero();
    assertPi(pi);

    Run halo = java(style + ".Halo");
    assertThat(halo.exitCode()).as(halo.output()).isZero();
    assertThat(halo.stdout()).as(halo.output()).isEqualTo(
        "halo: 2x2 ranks, 32x32 cells, halo cells right: 256 of 256\n"
            + "heat after 50 steps: 5.2377600000e+05, before 5.2377600000e+05: conserved\n");
  }

  @Test
  void anMpiExampleRunsUnderExecWithPiclusterOnTheClassPathByHand() {
    String java = PiclusterJar.java();
    Path launcher = ExamplesProject.launcherJar();
    Run ring = ExamplesProject.run(ExamplesProject.repoRoot(), RankRun.LIVENESS, logs, "exec-ring",
        java, "-jar", launcher.toString(), "exec", "-n", "3", java, "-cp",
        ExamplesProject.JAR + ":" + launcher, "io.picluster.examples.openmpi.Ring", "5");
    assertThat(ring.exitCode()).as(ring.output()).isZero();
    assertThat(ring.stdout()).as(ring.output()).isEqualTo("ring: 3 ranks, 5 laps, token 15\n");
  }

  @Test
  void anMpiExampleRunsUnderMpichsMpiexecWithPiclusterOnTheClassPath() {
    Optional<Path> mpiexec = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .map(d -> Path.of(d, "mpiexec.mpich")).filter(Files::isExecutable).findFirst();
    assumeTrue(mpiexec.isPresent(), "MPICH's mpiexec.mpich is not installed (apt-get install mpich)");
    Run ring = ExamplesProject.run(ExamplesProject.repoRoot(), RankRun.LIVENESS, logs, "mpiexec-ring",
        mpiexec.get().toString(), "-pmi-port", "-n", "3", PiclusterJar.java(), "-cp",
        ExamplesProject.JAR + ":" + ExamplesProject.launcherJar(), "io.picluster.examples.mpijava.Ring", "5");
    assertThat(ring.exitCode()).as(ring.output()).isZero();
    assertThat(ring.stdout()).as(ring.output()).isEqualTo("ring: 3 ranks, 5 laps, token 15\n");
  }

  private static void assertPi(Run pi) {
    Matcher piLine = PI_LINE.matcher(pi.stdout());
    assertThat(piLine.find()).as(pi.output()).isTrue();
    assertThat(Double.parseDouble(piLine.group(1))).as(pi.output()).isCloseTo(Math.PI, Offset.offset(1e-6));
  }

  /** {@code java -jar picluster.jar exec -n 4 java -cp examples/target/picluster-examples.jar NAME}. */
  private Run exec(String name) {
    String java = PiclusterJar.java();
    return ExamplesProject.run(ExamplesProject.repoRoot(), RankRun.LIVENESS, logs, name, java, "-jar",
        ExamplesProject.launcherJar().toString(), "exec", "-n", "4", java, "-cp", ExamplesProject.JAR,
        "io.picluster.examples." + name);
  }

  /** {@code java -jar picluster.jar java -np 4 -cp examples/target/picluster-examples.jar NAME}. */
  private Run java(String name) {
    return ExamplesProject.run(ExamplesProject.repoRoot(), RankRun.LIVENESS, logs, name,
        PiclusterJar.java(), "-jar", ExamplesProject.launcherJar().toString(), "java", "-np", "4",
        "-cp", ExamplesProject.JAR, "io.picluster.examples." + name);
  }
}
