package io.picluster.it.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.slurm.SlurmTestbed.Result;
import io.picluster.launch.LaunchException;
import io.picluster.launch.slurm.SlurmHostlist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * picluster ranks started by Slurm itself ({@code srun --mpi=pmi2}) on the 4-node Slurm testbed:
 * slurmstepd serves PMI on PMI_FD, and nothing else (no PICLUSTER_IFACE, no --add-opens) is given.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SrunRanksTest {
  /** A generous bound for "the step ends by itself", far below a hang. */
  private static final Duration STEP = Duration.ofSeconds(90);

  private SlurmTestbed slurm;
  private String jar;

  @BeforeAll
  void up() {
    SlurmTestbed.assumeUsable();
    jar = launcherJar().toString();
    slurm = SlurmTestbed.up(4);
  }

  @AfterAll
  void down() {
    if (slurm != null) {
      slurm.close();
    }
  }

  @Test
  void primesOnFourNodesWithEightRanks() {
    Result r = srun("-N4", "-n8", java(), "-jar", jar, "run-rank", "primes", "100000");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).contains("Primes discovered: 9592");
  }

  @Test
  void primesOnFourNodesWithSevenRanksCyclic() {
    Result r = srun("-N4", "-n7", "-m", "cyclic", java(), "-jar", jar, "run-rank", "primes", "100000");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).contains("Primes discovered: 9592");
  }

  @Test
  void aUserJobOnTheClassPathJoinsWithoutOptions() {
    // Failing prints "pid RANK PID" once joined, then rank 1 ends the job with abort(7).
    Result r = srun("-N2", "-n3", java(), "-cp", classPath(), "io.picluster.it.ranks.Failing", "abort7");
    assertThat(r.stdout()).as(r.output()).contains("pid 0 ", "pid 1 ", "pid 2 ");
    assertThat(r.exitCode()).as(r.output()).isNotZero();
    assertThat(r.stderr()).as(r.output()).contains("rank 1").contains("exit code 7");
    assertThat(r.took()).as(r.output()).isLessThan(STEP);
  }

  @Test
  void anExceptionInMainEndsTheStepWithoutKillOnBadExit() {
    Result r = srun("-N2", "-n3", java(), "-cp", classPath(), "io.picluster.it.ranks.Failing", "throw");
    assertThat(r.exitCode()).as(r.output()).isNotZero();
    assertThat(r.stderr()).as(r.output()).contains("rank 1 failed on purpose");
    assertThat(r.took()).as(r.output()).isLessThan(STEP);
  }

  @Test
  void aRankThatCannotJoinEndsTheStep() {
    // Loopback as the backbone: the ranks on snode2 cannot reach rank 0 on snode1.
    Result r = srun("-N2", "-n2", "env", "PICLUSTER_IFACE=lo", java(), "-jar", jar, "run-rank", "primes", "100000");
    assertThat(r.exitCode()).as(r.output()).isNotZero();
    // Which rank says it first depends on timing: the one whose join failed ("could not join the
    // job"), or one whose main then failed on the unreachable peer ("cannot connect to it").
    assertThat(r.stderr()).as(r.output()).containsAnyOf("could not join the job", "cannot connect to it");
    assertThat(r.took()).as(r.output()).isLessThan(STEP);
  }

  @Test
  void hostlistsExpandAsScontrolDoes() throws LaunchException {
    for (String list : List.of("node[1-4,7]", "pi[01-03,10],gpu5,login", "x[009-011]",
        "rack[1-2]-n[1-2]", "a[01-02]b[3-4]", "n[8-11]")) {
      Result r = slurm.on(1, STEP, "scontrol", "show", "hostnames", list);
      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(SlurmHostlist.expand(list)).as(list).containsExactly(r.stdout().trim().split("\\s+"));
    }
  }

  private Result srun(String... args) {
    List<String> line = new ArrayList<>(List.of("srun", "--mpi=pmi2"));
    line.addAll(List.of(args));
    Result r = slurm.on(1, STEP.plus(Duration.ofSeconds(30)), line);
    System.out.printf("%s: exit %d in %d ms%n", String.join(" ", line).replace(jar, "picluster.jar").replace(classPath(), "CLASSPATH"),
        r.exitCode(), r.took().toMillis());
    return r;
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String classPath() {
    return System.getProperty("java.class.path");
  }

  /** picluster-cli's packaged jar, as the other command tests find it. */
  static Path launcherJar() {
    String set = System.getProperty("picluster.jar");
    if (set != null) {
      return Path.of(set).toAbsolutePath();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path jar = dir.resolve("picluster-cli/target/picluster.jar");
      if (Files.isRegularFile(jar)) {
        return jar;
      }
    }
    throw new AssertionError("no picluster-cli/target/picluster.jar: package picluster-cli first");
  }
}
