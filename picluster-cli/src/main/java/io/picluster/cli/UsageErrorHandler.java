package io.picluster.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Bad command lines get one line saying what is wrong and where to look, and exit code 2. */
final class UsageErrorHandler implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    String message = Main.oneLine(e);
    if (e instanceof UnmatchedArgumentException u
        && cl.getParent() == null
        && !u.getUnmatched().isEmpty()
        && !u.getUnmatched().get(0).startsWith("-")) {
      message =
          "unknown command '" + u.getUnmatched().get(0) + "': choose one of "
              + String.join(", ", cl.getSubcommands().keySet());
    }
    cl.getErr().println(UsageLine.format(message, cl.getCommandSpec().qualifiedName()));
    return ExitCodes.USAGE;
  }
}
