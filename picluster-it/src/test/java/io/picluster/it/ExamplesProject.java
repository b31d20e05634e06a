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
import java.util.concurrent.TimeUnit;

/**
 * The checkout's examples/ project, built the way a user's own job project is (picluster-comm and
 * picluster-mpi installed into a local Maven repository, then one shaded jar) and run under the packaged
 * launcher. In one place so that ExamplesProjectTest and AcrossHostsTest build it alike.
 */
final class ExamplesProject {
  /** Nested Maven (building examples/ on a clean clone) on a loaded 2-core machine is slow. */
  static final Duration MAVEN_TIMEOUT = Duration.ofMinutes(5);
  /** The shaded jar, relative to the checkout's root, where examples/README.md runs it from. */
  static final String JAR = "examples/target/picluster-examples.jar";

  private ExamplesProject() {}

  /** A command run to its end; {@link #output()} is for assertion messages. */
  record Run(List<String> command, int exitCode, String stdout, String stderr) {
    String output() {
      return String.join(" ", command) + "\nexit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n"
          + stderr;
    }
  }

  /** The checkout's root: Maven runs tests in the module folder, one below it. */
  static Path repoRoot() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("examples/pom.xml"))) {
        return dir;
      }
    }
    throw new AssertionError("no folder with pom.xml and examples/pom.xml above "
        + System.getProperty("user.dir"));
  }

  /** The packaged command: the path picluster-it's pom passes, or where picluster-cli builds it. */
  static Path launcherJar() {
    Path jar = Optional.ofNullable(System.getProperty("picluster.jar")).map(Path::of)
        .orElse(repoRoot().resolve("picluster-cli/target/picluster.jar")).toAbsolutePath().normalize();
    assertThat(jar).as("the packaged launcher; build it with mvn -pl picluster-cli -am package")
        .isRegularFile();
    return jar;
  }

  /**
   * Installs picluster-comm and picluster-mpi, then packages examples/, and returns the jar.
   * Maven's output is kept in LOG_DIR and shown by any failed assertion.
   *
   * <p>Both builds use a local repository of the test's own (under target/): installing into the
   * developer's ~/.m2 would replace the copies other builds on the machine resolve. That
   * repository gets Maven's plugins from ~/.m2 as if it were a remote one (no network where ~/.m2
   * has them), and from Maven Central otherwise. The steps are the README's.
   */
  static Path build(Path logDir) {
    Path root = repoRoot();
    String settings = privateRepositorySettings().toString();
    // Maven without -o: on a fresh machine the outer build has not fetched every plugin these
    // builds use (install, for one). Where all are cached, it needs no network.
    Run install = run(root, MAVEN_TIMEOUT, logDir, "maven-install",
        "mvn", "-B", "-q", "-s", settings, "-pl", "picluster-mpi", "-am", "install", "-DskipTests");
    assertThat(install.exitCode()).as(install.output()).isZero();
    Run pack = run(root.resolve("examples"), MAVEN_TIMEOUT, logDir, "maven-package",
        "mvn", "-B", "-q", "-s", settings, "package");
    assertThat(pack.exitCode()).as(pack.output()).isZero();
    Path jar = root.resolve(JAR);
    assertThat(jar).as(pack.output()).isRegularFile();
    return jar;
  }

  /**
   * Maven settings for a local repository in picluster-it's target/ whose first remote repository
   * is the user's own local one (a local repository has a remote one's layout).
   */
  private static Path privateRepositorySettings() {
    Path dir = repoRoot().resolve("picluster-it/target/examples-m2");
    Path userRepository = Path.of(System.getProperty("user.home"), ".m2", "repository");
    String url = userRepository.toUri().toString();
    String text = String.join("\n",
        "<settings>",
        "  <localRepository>" + dir.resolve("repository") + "</localRepository>",
        "  <profiles><profile><id>user-m2</id>",
        "    <repositories><repository><id>user-m2</id><url>" + url + "</url></repository></repositories>",
        "    <pluginRepositories><pluginRepository><id>user-m2</id><url>" + url
            + "</url></pluginRepository></pluginRepositories>",
        "  </profile></profiles>",
        "  <activeProfiles><activeProfile>user-m2</activeProfile></activeProfiles>",
        "</settings>",
        "");
    try {
      Files.createDirectories(dir);
      Path settings = dir.resolve("settings.xml");
      Files.writeString(settings, text, StandardCharsets.UTF_8);
      return settings;
    } catch (IOException e) {
      throw new AssertionError("cannot write Maven settings into " + dir + ": " + e, e);
    }
  }

  /** The jar an earlier build left, or {@link #build} on a clean clone that has none yet. */
  static Path jarBuildingIfMissing(Path logDir) {
    Path jar = repoRoot().resolve(JAR);
    return Files.isRegularFile(jar) ? jar : build(logDir);
  }

  /**
   * Runs a command in {@code dir} to its end, output in LOG_DIR/NAME.out and .err (a pipe left to
   * a lingering child would keep us waiting). Kills it and its descendants, and only those, if it
   * overruns.
   */
  static Run run(Path dir, Duration timeout, Path logDir, String name, String... command) {
    List<String> cmd = List.of(command);
    Path out = logDir.resolve(name + ".out");
    Path err = logDir.resolve(name + ".err");
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
            + new Run(cmd, -1, read(out), read(err)).output());
      }
      return new Run(cmd, process.exitValue(), read(out), read(err));
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
