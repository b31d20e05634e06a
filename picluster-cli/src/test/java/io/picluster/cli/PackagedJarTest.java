package io.picluster.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar as users run it: {@code java -jar picluster.jar ...} (runs in the package phase). */
@Timeout(180)
class PackagedJarTest {
  private static Path jar;

  @TempDir Path dir;

  @BeforeAll
  static void onlyOnTheJarJustBuilt() {
    // Set by the package-phase execution in the POM; in the test phase the jar may be stale.
    String path = System.getProperty("picluster.jar");
    assumeTrue(path != null, "runs in the package phase, on the jar just built");
    jar = Path.of(path);
  }

  private record Result(int code, List<String> out, List<String> err) {}

  private Result picluster(String... args) throws IOException, InterruptedException {
    return java(List.of(), args);
  }

  private Result java(List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.addAll(List.of(args));
    Path out = dir.resolve("out");
    Path err = dir.resolve("err");
    Process p =
        new ProcessBuilder(cmd)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("picluster did not finish: " + cmd);
    }
    return new Result(
        p.exitValue(),
        Files.readAllLines(out, StandardCharsets.UTF_8),
        Files.readAllLines(err, StandardCharsets.UTF_8));
  }

  @Test
  void execRunsAnyProgramWithTaggedOutputAndItsOwnOptions() throws Exception {
    Result r = picluster("exec", "-n", "2", "-l", "sh", "-c", "echo rank $PMI_RANK of $PMI_SIZE");

    assertThat(r.code()).isZero();
    assertThat(r.out()).containsExactlyInAnyOrder("[0] rank 0 of 2", "[1] rank 1 of 2");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void debiansMpi4pyOnOpenMpi4RunsAsOneJob() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/mpi4py")),
        "python3-mpi4py is not installed (apt-get install python3-mpi4py)");
    Path script = dir.resolve("size.py");
    Files.writeString(script, "from mpi4py import MPI\nc = MPI.COMM_WORLD\n"
        + "print('rank', c.Get_rank(), 'of', c.Get_size(), 'sum', c.allreduce(c.Get_rank() + 1))\n");

    Result r = picluster("exec", "-n", "4", "/usr/bin/python3", script.toString());

    assertThat(r.code()).as(String.join("\n", r.err())).isZero();
    assertThat(r.out()).containsExactlyInAnyOrder(
        "rank 0 of 4 sum 10", "rank 1 of 4 sum 10", "rank 2 of 4 sum 10", "rank 3 of 4 sum 10");
    assertThat(r.err()).isEmpty();
  }

  private static String pyString(Path p) {
    return "'" + p.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  @Test
  void runHostnameStartsJvmRanksFromThisJar() throws Exception {
    String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    Result r = picluster("run", "-n", "2", "hostname");

    assertThat(r.code()).isZero();
    assertThat(r.out()).containsExactly(host, host);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void aFailingRankSetsTheExitCodeAndIsNamedOnce() throws Exception {
    Result r = picluster("exec", "-n", "2", "sh", "-c", "[ $PMI_RANK = 1 ] && exit 3; sleep 60");

    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).hasSize(1);
    assertThat(r.err().get(0)).startsWith("picluster: rank 1 on ").endsWith(" exited with code 3; the job was stopped");
  }

  @Test
  void usageErrorsAreOneLineAndExitTwo() throws Exception {
    for (String[] bad :
        new String[][] {
          {"exec", "-n", "0", "true"}, {"run", "hostname", "extra"}, {"nosuch"}, {"exec", "-Q", "true"}
        }) {
      Result r = picluster(bad);
      assertThat(r.code()).as(String.join(" ", bad)).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", bad)).hasSize(1);
      assertThat(r.err().get(0)).startsWith("picluster: ").doesNotContain("Exception");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void versionIsThePomVersion() throws Exception {
    Result r = picluster("--version");

    assertThat(r.code()).isZero();
    assertThat(r.out()).containsExactly("picluster " + System.getProperty("picluster.version"));
  }

  @Test
  void runRankRunsOneRankInThisJvmWithoutPicocli() throws Exception {
    String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    Result r = java(List.of("-verbose:class"), "run-rank", "hostname");

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains(host);
    assertThat(r.out()).anyMatch(l -> l.contains("io.picluster.jobs.HostnameJob "));
    assertThat(r.out()).noneMatch(l -> l.contains("picocli"));
  }

  @Test
  void theEverydayPathDoesNotLoadPicocli() throws Exception {
    Result r = java(List.of("-verbose:class"), "exec", "-n", "1", "true");

    assertThat(r.code()).isZero();
    assertThat(r.out()).anyMatch(l -> l.contains("io.picluster.launch.Launcher "));
    assertThat(r.out()).noneMatch(l -> l.contains("picocli"));
  }
}
