package io.picluster.it;

import io.picluster.it.testbed.Testbed;
import io.picluster.it.testbed.Testbed.Result;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged command under test, {@code java -jar picluster.jar ...}, as the command tests run
 * it: as pi on the testbed's master node1 (timed, the time printed), or on this machine for bad
 * command lines that need no testbed. In one place so that every test runs it alike; the jar
 * itself is {@link ExamplesProject#launcherJar()}.
 */
final class PiclusterJar {
  private PiclusterJar() {}

  /** This JVM's java, which the nodes see too (they share this machine's file system). */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code java -jar JAR ARGS...}. */
  static List<String> command(Path jar, String... args) {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    return command;
  }

  /** {@code java -jar JAR SUBCOMMAND ARGS...} as pi on node1, the master, in pi's home folder. */
  static Result onMaster(Testbed testbed, Path jar, String subcommand, String... args) {
    List<String> all = new ArrayList<>(List.of(subcommand));
    all.addAll(List.of(args));
    String[] line = all.toArray(String[]::new);
    return timed(testbed, 1, "picluster " + String.join(" ", line), command(jar, line));
  }

  /**
   * Runs COMMAND as pi in node K's home folder, killed after {@link Testbed#COMMAND_TIMEOUT}, and
   * prints "LABEL: exit N in S s".
   */
  static Result timed(Testbed testbed, int node, String label, List<String> command) {
    long start = System.nanoTime();
    Result r = testbed.exec(Testbed.COMMAND_TIMEOUT, Testbed.USER, node, command);
    System.out.printf("%s: exit %d in %.1f s%n", label, r.exitCode(),
        (System.nanoTime() - start) / 1e9);
    return r;
  }

  /** {@code java -jar picluster.jar ARGS...} on this machine, in DIR (its output kept there). */
  static Result here(Path dir, String... args) throws IOException, InterruptedException {
    return here(dir, Duration.ofSeconds(60), args);
  }

  /** {@link #here(Path, String...)} for a command that may take up to {@code limit}. */
  static Result here(Path dir, Duration limit, String... args) throws IOException, InterruptedException {
    List<String> command = command(ExamplesProject.launcherJar(), args);
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder(command).directory(dir.toFile())
        .redirectInput(Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not end within " + limit.toSeconds() + " s");
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /**
   * Runs COMMAND in DIR with ENV added to this JVM's environment and no input, its two streams
   * together into DIR/out.txt; returns that output, failing unless it exits 0 within LIMIT.
   */
  static String succeeding(Path dir, Map<String, String> env, List<String> command, Duration limit)
      throws IOException, InterruptedException {
    Path out = dir.resolve("out.txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectInput(Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true).redirectOutput(out.toFile());
    builder.environment().putAll(env);
    Process p = builder.start();
    if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not end within " + limit.toSeconds() + " s");
    }
    String output = Files.readString(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new AssertionError(command + " exited " + p.exitValue() + " and said:\n" + output);
    }
    return output;
  }

  /**
   * A copy of the packaged command that no concurrent build replaces while the tests run (the
   * nodes see this machine's file system, target/ included); NAME keeps the tests' copies apart.
   */
  static Path stableCopy(String name) throws IOException {
    Path dir = Path.of("target", name + "-it-" + ProcessHandle.current().pid()).toAbsolutePath();
    Files.createDirectories(dir);
    Path copy = dir.resolve("picluster.jar");
    Files.copy(ExamplesProject.launcherJar(), copy,
        StandardCopyOption.REPLACE_EXISTING);
    return copy;
  }

  static void deleteStableCopy(Path jar) throws IOException {
    if (jar != null) {
      Files.deleteIfExists(jar);
      Files.deleteIfExists(jar.getParent());
    }
  }
}
