package io.picluster.cli;

/** The command's exit codes (a failed job may also pass its rank's own code through). */
final class ExitCodes {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private ExitCodes() {}
}
