package io.picluster.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One side of a wall-time comparison: the command, where and how long it may run, how many
 * unmeasured and measured runs it gets, and the check that its answer is right (a fast wrong answer
 * must not count).
 */
record Side(String label, List<String> argv, Path dir, Map<String, String> env, Duration timeout,
    int warmups, int runs, Check check, Path rebuiltJar, Preparation preparation) {

  /** A side whose command does not rebuild anything. */
  Side(String label, List<String> argv, Path dir, Map<String, String> env, Duration timeout,
      int warmups, int runs, Check check) {
    this(label, argv, dir, env, timeout, warmups, runs, check, null, null);
  }

  /** The same side, noting that its command rebuilds {@code jar} first when sources changed. */
  Side rebuilding(Path jar) {
    return new Side(label, argv, dir, env, timeout, warmups, runs, check, jar, preparation);
  }

  /** The same side, with {@code step} run, untimed, before each of its runs. */
  Side preparedBy(Preparation step) {
    return new Side(label, argv, dir, env, timeout, warmups, runs, check, rebuiltJar, step);
  }

  /** Verifies a finished run's output; throws with one line if it is not the expected answer. */
  interface Check {
    void verify(Outcome outcome) throws RunFailed;
  }

  /**
   * Untimed work before a run, e.g. refreshing a jar that the command cannot rebuild itself.
   * Returns true if it changed something that makes the next run a first run again (a new jar to
   * stage): that run is then made once more, untimed, before the timed one.
   */
  interface Preparation {
    boolean prepare() throws RunFailed;
  }

  /**
   * Runs the command once and checks it; returns its wall time in seconds. A run during which the
   * jar was rebuilt (sources edited mid-bench) timed Maven, not us: it is run once more.
   */
  double runOnce() throws RunFailed {
    for (int attempt = 0; attempt < 2; attempt++) {
      if (preparation != null && preparation.prepare()) {
        check.verify(Command.run(argv, dir, env, timeout).requireSuccess());
      }
      long before = modified(rebuiltJar);
      Outcome outcome = Command.run(argv, dir, env, timeout).requireSuccess();
      check.verify(outcome);
      if (modified(rebuiltJar) == before) {
        return outcome.wallSeconds();
      }
    }
    throw new RunFailed(rebuiltJar.getFileName() + " was rebuilt during two runs in a row:"
        + " sources keep changing; run the bench when they do not");
  }

  private static long modified(Path file) {
    return file == null ? 0 : file.toFile().lastModified();
  }
}
