package io.picluster.launch.threads;

/**
 * Unwinds a threads-mode rank's thread after the rank has ended ({@code System.exit}, an abort):
 * what ending the process does in process mode. Carries no stack trace; it is not a failure.
 */
final class RankExit extends Error {
  private static final long serialVersionUID = 1L;

  final int code;

  RankExit(int code) {
    super("rank ended with exit code " + code, null, false, false);
    this.code = code;
  }
}
