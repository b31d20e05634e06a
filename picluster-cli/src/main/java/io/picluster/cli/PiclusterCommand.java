package io.picluster.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level command: only dispatches to its subcommands. */
@Command(
    name = "picluster",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Runs message-passing jobs on a cluster of Raspberry Pis or other Linux boxes.",
    subcommands = {ExecCommand.class, RunCommand.class, JavaCommand.class, RunRankCommand.class, CopyCommand.class, InitCommand.class, NetCommand.class,
        StatusCommand.class, InstallCommand.class, DoctorCommand.class,
        KeysCommand.class, SlurmCommand.class, ShutdownCommand.class, RebootCommand.class})
final class PiclusterCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "missing command: give one of " + String.join(", ", spec.commandLine().getSubcommands().keySet()));
  }
}
