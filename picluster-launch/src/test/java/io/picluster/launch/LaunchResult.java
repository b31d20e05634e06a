package io.picluster.launch;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A job run in-process with its output captured. */
record LaunchResult(int exitCode, String out, String err, long returnedAtMillis) {

  /**
   * Runs {@code spec} in this JVM. Rank 0 never inherits our stdin here: under surefire that is the
   * test runner's own command channel.
   */
  static LaunchResult run(JobSpec spec) {
    if (spec.stdin() == Redirect.INHERIT) {
      spec = spec.withStdin(Redirect.from(new File("/dev/null")));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new Launcher(out, err).run(spec);
    long now = System.currentTimeMillis();
    return new LaunchResult(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), now);
  }

  List<String> outLines() {
    return lines(out);
  }

  List<String> errLines() {
    return lines(err);
  }

  /** The launcher ends every forwarded line with a newline, so this loses nothing. */
  private static List<String> lines(String s) {
    return s.isEmpty() ? List.of() : s.lines().toList();
  }

  /** The launcher's own lines on stderr. */
  List<String> launcherLines() {
    return errLines().stream().filter(l -> l.startsWith("picluster: ")).toList();
  }
}
