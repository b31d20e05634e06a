package io.picluster.it.mpi;

import io.picluster.launch.JobSpec;
import io.picluster.launch.Launcher;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An mpi rank program run to its end under the real launcher, one JVM per rank: the program's
 * class from the test class path, or any class from a class path given.
 */
final class MpiJob {
  /** Generous: the rank programs' own watchdog ends a hung part after 60 s. */
  static final Duration LIVENESS = Duration.ofSeconds(150);

  final int ranks;
  final int exitCode;
  final String stdout;
  final String stderr;

  private MpiJob(int ranks, int exitCode, String stdout, String stderr) {
    this.ranks = ranks;
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** MAIN (a rank program in the test tree) on RANKS ranks. */
  static MpiJob of(int ranks, Class<?> main, String... args) {
    return run(ranks, System.getProperty("java.class.path"), main.getName(), args);
  }

  /** Class MAIN found on CLASSPATH, on RANKS ranks. */
  static MpiJob run(int ranks, String classpath, String main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1"); // short-lived JVMs, two cores shared: start fast
    command.add("-cp");
    command.add(classpath);
    command.add(main);
    command.addAll(List.of(args));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    JobSpec spec = JobSpec.of(ranks, command).withStdin(Redirect.PIPE);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> code = executor.submit(() -> new Launcher(out, err).run(spec));
      int exit = code.get(LIVENESS.toSeconds(), TimeUnit.SECONDS);
      return new MpiJob(ranks, exit, text(out), text(err));
    } catch (TimeoutException e) {
      throw new AssertionError("the job did not end within " + LIVENESS + "; stdout:\n" + text(out)
          + "\nstderr:\n" + text(err));
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError("the launcher failed: " + e, e);
    } finally {
      executor.shutdownNow();
    }
  }

  static String classpath(Path... entries) {
    List<String> parts = new ArrayList<>();
    for (Path p : entries) {
      parts.add(p.toString());
    }
    return String.join(File.pathSeparator, parts);
  }

  private static String text(ByteArrayOutputStream stream) {
    synchronized (stream) {
      return stream.toString(StandardCharsets.UTF_8);
    }
  }

  /** Both streams, for assertion messages. */
  String output() {
    return "exit " + exitCode + " on " + ranks + " ranks\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
  }
}
