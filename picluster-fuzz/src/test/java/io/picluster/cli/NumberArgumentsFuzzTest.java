package io.picluster.cli;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.picluster.fuzz.OneLineErrors;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * The number arguments: {@code -n}, {@code -ppn}, slots in {@code --hosts}, {@code --watch}, taken
 * by both parsers (the fast path and picocli) up to the job that would start, which never starts.
 * What the user would see is checked: the line picluster prints for a usage error.
 */
class NumberArgumentsFuzzTest {
  private static final StringWriter ERR = new StringWriter();
  private static final CommandLine PICOCLI = PicocliMain.commandLine();

  static {
    PICOCLI.setErr(new PrintWriter(ERR, true));
  }

  @FuzzTest(maxDuration = "10m")
  void fuzz(FuzzedDataProvider data) {
    String n = data.consumeString(16);
    String ppn = data.consumeString(16);
    String slots = data.consumeString(16);
    String watch = data.consumeRemainingAsString();
    String[] argv = {"exec", "-n", n, "-ppn", ppn, "--hosts", "127.0.0.1:" + slots, "true"};
    LaunchRequest fast = FastPath.parse(argv);
    if (fast != null) {
      try {
        LaunchAction.jobSpec(fast);
      } catch (UsageError e) {
        OneLineErrors.checkLine(UsageLine.format(e.getMessage(), "picluster exec"));
      }
    }
    try {
      PICOCLI.parseArgs(argv);
    } catch (CommandLine.ParameterException e) {
      ERR.getBuffer().setLength(0);
      int code = new UsageErrorHandler().handleParseException(e, argv);
      if (code != ExitCodes.USAGE) {
        throw new AssertionError("exit code " + code + " for a usage error");
      }
      String printed = ERR.toString();
      if (!printed.endsWith(System.lineSeparator())) {
        throw new AssertionError("no line printed: " + printed);
      }
      OneLineErrors.checkLine(printed.substring(0, printed.length() - System.lineSeparator().length()));
    }
    try {
      StatusCommand.seconds(watch);
    } catch (IllegalArgumentException e) {
      OneLineErrors.checkLine(UsageLine.format(e.getMessage(), "picluster status"));
    }
  }
}
