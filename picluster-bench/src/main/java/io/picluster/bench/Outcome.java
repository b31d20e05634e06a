package io.picluster.bench;

/** What one finished external command left behind: exit code, output, and whole-process wall time. */
record Outcome(int exitCode, String stdout, String stderr, long wallNanos) {

  double wallSeconds() {
    return wallNanos / 1e9;
  }

  /** Returns this outcome if the command exited 0, else fails with its first error line. */
  Outcome requireSuccess() throws RunFailed {
    if (exitCode != 0) {
      throw new RunFailed("exit " + exitCode + ": " + firstLine());
    }
    return this;
  }

  /** Fails unless stdout has a line that, trimmed, ends with {@code expected} (ranks may tag lines). */
  Outcome requireLine(String expected) throws RunFailed {
    for (String line : stdout.split("\n")) {
      if (line.strip().endsWith(expected)) {
        return this;
      }
    }
    throw new RunFailed("output lacks '" + expected + "': " + firstLine());
  }

  /** The first non-blank line of stderr, else of stdout: what a person needs to see first. */
  String firstLine() {
    for (String text : new String[] {stderr, stdout}) {
      for (String line : text.split("\n")) {
        // Colour codes (e.g. from a Maven build) would garble the one-line report.
        String plain = line.replaceAll("\u001B\\[[0-9;]*[A-Za-z]", "").strip();
        if (!plain.isEmpty()) {
          return plain;
        }
      }
    }
    return "(no output)";
  }
}
