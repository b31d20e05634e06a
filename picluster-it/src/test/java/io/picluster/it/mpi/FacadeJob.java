package io.picluster.it.mpi;

import io.picluster.launch.JobSpec;
import io.picluster.launch.Launcher;
import java.io.ByteArrayOutputStream;
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

/** Runs a package-mpi rank program (a class with main on the test class path) under the real launcher. */
final class FacadeJob {
  static final Duration LIVENESS = Duration.ofSeconds(180);

  final int exitCode;
  final String stdout;
  final String stderr;

  private FacadeJob(int exitCode, String stdout, String stderr) {
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  static FacadeJob run(int ranks, Class<?> main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    JobSpec spec = JobSpec.of(ranks, command).withStdin(Redirect.PIPE);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> code = executor.submit(() -> new Launcher(out, err).run(spec));
      int exit = code.get(LIVENESS.toSeconds(), TimeUnit.SECONDS);
      return new FacadeJob(exit, text(out), text(err));
    } catch (TimeoutException e) {
      throw new AssertionError("the job did not end within " + LIVENESS + "; stdout:\n" + text(out)
          + "\nstderr:\n" + text(err));
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError("the launcher failed: " + e, e);
    } finally {
      executor.shutdownNow();
    }
  }

  private static String text(ByteArrayOutputStream stream) {
    synchronized (stream) {
      return stream.toString(StandardCharsets.UTF_8);
    }
  }

  /** Both streams, for assertion messages. */
  String output() {
    return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
  }
}
