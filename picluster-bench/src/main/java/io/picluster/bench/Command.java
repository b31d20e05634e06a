package io.picluster.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external command to completion under a deadline and times it from start to exit.
 * Output goes to temporary files rather than pipes so a chatty command can never block on a full
 * pipe while we wait for it.
 */
final class Command {
  private Command() {}

  static Outcome run(List<String> argv, Path dir, Map<String, String> env, Duration timeout)
      throws RunFailed {
    Path program = Path.of(argv.get(0));
    if (program.getNameCount() > 1 && !Files.isExecutable(program)) {
      throw new RunFailed(argv.get(0) + " is missing or not executable");
    }
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("bench-out", ".txt");
      err = Files.createTempFile("bench-err", ".txt");
      ProcessBuilder pb = new ProcessBuilder(argv)
          .directory(dir.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile());
      pb.environment().putAll(env);
      long start = System.nanoTime();
      Process process = pb.start();
      boolean done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      long wall = System.nanoTime() - start;
      if (!done) {
        killTree(process);
        throw new RunFailed("timed out after " + timeout.toSeconds() + " s: " + String.join(" ", argv));
      }
      return new Outcome(process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8),
          wall);
    } catch (IOException e) {
      throw new RunFailed("cannot run " + argv.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunFailed("interrupted");
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  /** Ends the command and everything it started, by PID; children first so none is orphaned. */
  static void killTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a leftover temp file is harmless
      }
    }
  }
}
