package io.picluster.it;

import io.picluster.launch.JobSpec;
import io.picluster.launch.Launcher;
import java.io.ByteArrayOutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a rank program (a class with main on the test class path) under the real launcher. Public
 * because the package-mpi tests in io.picluster.it.mpi run their rank programs the same way.
 */
public final class RankRun {
  static final Duration LIVENESS = Duration.ofSeconds(180);

  public final int exitCode;
  public final String stdout;
  public final String stderr;
  /** Wall-clock time when the launcher returned, to compare with times ranks print. */
  final long endedAtMillis;

  private RankRun(int exitCode, String stdout, String stderr) {
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
    this.endedAtMillis = System.currentTimeMillis();
  }

  /** The {@code java} command that starts {@code main} with the test class path. */
  static List<String> javaCommand(Class<?> main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return command;
  }

  public static RankRun of(int ranks, Class<?> main, String... args) {
    return of(Mode.PROCESSES, ranks, main, args);
  }

  /** How the ranks run: one JVM each, or as threads of the launcher's JVM (the test's). */
  enum Mode {
    PROCESSES,
    THREADS
  }

  static RankRun of(Mode mode, int ranks, Class<?> main, String... args) {
    return run(spec(mode, ranks, main, args), Map.of());
  }

  static JobSpec spec(Mode mode, int ranks, Class<?> main, String... args) {
    JobSpec spec = JobSpec.of(ranks, javaCommand(main, args)).withStdin(Redirect.PIPE);
    return mode == Mode.THREADS ? spec.withThreads(threadsCommand(main, args)) : spec;
  }

  /** The same program as {@link #javaCommand} without the JVM option threads mode cannot honour. */
  static List<String> threadsCommand(Class<?> main, String... args) {
    List<String> command = javaCommand(main, args);
    command.remove("-XX:+UseSerialGC");
    return command;
  }

  static RankRun run(JobSpec spec, Map<String, String> env) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    JobSpec withEnv = env.isEmpty() ? spec : spec.withEnv(env);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> code = executor.submit(() -> new Launcher(out, err).run(withEnv));
      int exit = code.get(LIVENESS.toSeconds(), TimeUnit.SECONDS);
      return new RankRun(exit, text(out), text(err));
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
  public String output() {
    return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
  }
}
