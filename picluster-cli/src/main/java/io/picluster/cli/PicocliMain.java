package io.picluster.cli;

import picocli.CommandLine;

/** The full command line, parsed by picocli: help, version, usage errors, every spelling. */
final class PicocliMain {
  private PicocliMain() {}

  static int execute(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new PiclusterCommand());
    cl.setOut(ConsoleCharset.writer(System.out));
    cl.setErr(ConsoleCharset.writer(System.err));
    // Everything after PROGRAM or JOB belongs to it: `exec -n 2 ls -la`.
    cl.setStopAtPositional(true);
    // No @FILE argument files: picocli read a program's own `@data.json` as one and passed the
    // file's words instead (mpiexec passes it as it is), and `-n @/` threw with a stack trace.
    cl.setExpandAtFiles(false);
    // java: a JVM option or -jar ends picluster's options; JavaProgram reads from there on.
    cl.getSubcommands().get("java").setUnmatchedOptionsArePositionalParams(true);
    cl.getSubcommands().get("run").getCommandSpec().usageMessage().footer(RunCommand.jobList());
    cl.getSubcommands().get("run-rank").getCommandSpec().usageMessage()
        .footer(RunCommand.jobList());
    cl.setParameterExceptionHandler(new UsageErrorHandler());
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("picluster: " + Main.oneLine(e));
          return ExitCodes.FAILED;
        });
    return cl;
  }
}
