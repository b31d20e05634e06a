package io.picluster.cli;

/** The {@code picluster} command. Exit codes: 0 ok, 1 the job failed (or a rank's code), 2 usage. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Parses and runs; returns the exit code. Never throws for bad input. This class does not touch
   * picocli, so the fast path never loads it.
   */
  static int run(String... args) {
    LaunchRequest fast = FastPath.parse(args);
    if (fast != null) {
      try {
        return LaunchAction.run(fast);
      } catch (UsageError e) {
        System.err.println(UsageLine.format(e.getMessage(), "picluster " + fast.command()));
        return ExitCodes.USAGE;
      }
    }
    return PicocliMain.execute(args);
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage();
    return (m == null ? e.getClass().getSimpleName() : m).replace('\n', ' ');
  }
}
