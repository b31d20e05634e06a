package io.picluster.launch;

/** Linux signal numbers to names, for "was killed by signal KILL". */
final class Signals {
  private static final String[] NAMES = {
    null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
    "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU",
    "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"
  };

  private Signals() {}

  /** Java reports a process killed by signal s as exit value 128+s. */
  static boolean isSignal(int exitValue) {
    return exitValue > 128 && exitValue <= 128 + 64;
  }

  static String name(int signal) {
    return signal > 0 && signal < NAMES.length ? NAMES[signal] : Integer.toString(signal);
  }
}
