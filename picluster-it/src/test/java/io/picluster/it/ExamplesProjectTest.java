package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/ builds the way a user's own job project does (picluster-comm from the local Maven
 * repository, one shaded jar), and its jobs give the right answers on 4 ranks under the packaged
 * launcher, started as its README says.
 */
class ExamplesProjectTest {
  /** Nested Maven on a loaded 2-core machine is slow. */
  private static final Duration MAVEN_TIMEOUT = Duration.ofMinutes(5);
  private static final String EXAMPLES_JAR = "examples/target/picluster-examples.jar";
  private static final Pattern PI_LINE = Pattern.compile("pi=(\\S+) error=\\S+ ranks=4");
  private static final Pattern HELLO_LINE = Pattern.compile("hello from rank (\\d+) of 4 on (\\S+)");

  @TempDir Path logs;
  private int commandsRun;

  private record Result(List<String> command, int exitCode, String stdout, String stderr) {
    String output() {
      return String.join(" ", command) + "\nexit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n"
          + stderr;
    }
  }

  @Test
  void theExamplesBuildAgainstTheInstalledLibraryAndRunOnFourRanks() {
    Path root = repoRoot();
    // Maven without -o: on a fresh machine the outer build has not fetched every plugin these
    // builds use (install, for one). Where all are cached, it needs no network.
    Result install = run(root, MAVEN_TIMEOUT, "mvn", "-B", "-q", "-pl", "picluster-comm", "-am", "install",
        "-DskipTests");
    assertThat(install.exitCode()).as(install.output()).isZero();
    Result build = run(root.resolve("examples"), MAVEN_TIMEOUT, "mvn", "-B", "-q", "package");
    assertThat(build.exitCode()).as(build.output()).isZero();
    assertThat(root.resolve(EXAMPLES_JAR)).as(build.output()).isRegularFile();

    Result pi = runExample(root, "Pi");
    assertThat(pi.exitCode()).as(pi.output()).isZero();
    Matcher piLine = PI_LINE.matcher(pi.stdout());
    assertThat(piLine.find()).as(pi.output()).isTrue();
    assertThat(Double.parseDouble(piLine.group(1))).as(pi.output()).isCloseTo(Math.PI, Offset.offset(1e-6));

    Result hello = runExample(root, "Hello");
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

  /** {@code java -jar picluster.jar exec -n 4 java -cp EXAMPLES_JAR io.picluster.examples.NAME}. */
  private Result runExample(Path root, String name) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return run(root, RankRun.LIVENESS, java, "-jar", launcherJar(root).toString(), "exec", "-n", "4",
        java, "-cp", EXAMPLES_JAR, "io.picluster.examples." + name);
  }

  /** The packaged command: the path picluster-it's pom passes, or where picluster-cli builds it. */
  private static Path launcherJar(Path root) {
    Path jar = Optional.ofNullable(System.getProperty("picluster.jar")).map(Path::of)
        .orElse(root.resolve("picluster-cli/target/picluster.jar"));
    assertThat(jar).as("the packaged launcher; build it with mvn -pl picluster-cli -am package")
        .isRegularFile();
    return jar;
  }

  /** The checkout's root: Maven runs tests in the module folder, one below it. */
  private static Path repoRoot() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("examples/pom.xml"))) {
        return dir;
      }
    }
    throw new AssertionError("no folder with pom.xml and examples/pom.xml above "
        + System.getProperty("user.dir"));
  }

  /**
   * Runs a command in {@code dir} to its end, output in files (a pipe left to a lingering child
   * would keep us waiting). Kills it and its descendants, and only those, if it overruns.
   */
  private Result run(Path dir, Duration timeout, String... command) {
    List<String> cmd = List.of(command);
    commandsRun++;
    Path out = logs.resolve(commandsRun + ".out");
    Path err = logs.resolve(commandsRun + ".err");
    ProcessBuilder builder = new ProcessBuilder(cmd)
        .directory(dir.toFile())
        .redirectInput(Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    // Nested Maven builds with this test's JDK, whatever JAVA_HOME the shell had.
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process process = null;
    try {
      process = builder.start();
      boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!ended) {
        kill(process);
        throw new AssertionError("did not end within " + timeout + ": "
            + new Result(cmd, -1, read(out), read(err)).output());
      }
      return new Result(cmd, process.exitValue(), read(out), read(err));
    } catch (IOException e) {
      throw new AssertionError("cannot start " + cmd + " in " + dir + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + cmd, e);
    } finally {
      if (process != null && process.isAlive()) {
        kill(process);
      }
    }
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}
