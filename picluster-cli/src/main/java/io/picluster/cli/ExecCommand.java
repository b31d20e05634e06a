package io.picluster.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code picluster exec}: runs any program as N ranks, as {@code mpiexec} does. */
@Command(
    name = "exec",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs PROGRAM as N ranks under the picluster launcher (like mpiexec).",
      "Ranks reach the launcher's PMI-1 server through PMI_PORT and PMI_ID."
    })
final class ExecCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LaunchOptions launch;

  @Option(
      names = {"-genv", "--genv"},
      arity = "2",
      paramLabel = "NAME VALUE",
      description = "Set NAME=VALUE in every rank's environment (repeatable).")
  List<String> genv = List.of();

  @Parameters(
      index = "0",
      paramLabel = "PROGRAM",
      description = "The program to run, found on PATH unless it contains a '/'.")
  String program;

  @Parameters(index = "1..*", paramLabel = "ARGS", description = "The program's own arguments.")
  List<String> args = List.of();

  LaunchRequest request() {
    return new LaunchRequest("exec", launch.ranks, launch.tagOutput, launch.environment(genv),
        program, args, launch.hostOptions(), null, launch.threadsChoice());
  }

  @Override
  public Integer call() {
    try {
      return LaunchAction.run(request());
    } catch (UsageError e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
