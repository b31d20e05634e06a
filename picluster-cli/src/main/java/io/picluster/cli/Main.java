package io.picluster.cli;

import io.picluster.jobs.JobMain;
import java.util.Arrays;

/** The {@code picluster} command. Exit codes: 0 ok, 1 the job failed (or a rank's code), 2 usage. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    ConsoleCharset.install();
    if (isRunRank(args)) {
      // One rank of a built-in job under another launcher (mpiexec): in this JVM, as JobMain does,
      // ending by returning when it succeeds (the shutdown hook tells PMI "finalize").
      int code = JobMain.run(Arrays.copyOfRange(args, 1, args.length));
      if (code != 0) {
        System.exit(code);
      }
      return;
    }
    System.exit(run(args));
  }

  /**
   * {@code run-rank JOB ...}, which runs without picocli; help, options and a missing JOB go to
   * picocli's {@link RunRankCommand}.
   */
  static boolean isRunRank(String[] args) {
    return args.length >= 2 && args[0].equals("run-rank") && !args[1].startsWith("-");
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
