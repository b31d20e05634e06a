package io.picluster.cli;

import io.picluster.launch.hosts.Host;
import io.picluster.launch.hosts.LocalHostCheck;
import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.ClusterFile;
import io.picluster.setup.cluster.ClusterFileException;
import io.picluster.setup.cluster.Node;
import io.picluster.setup.power.Confirmation;
import io.picluster.setup.power.PowerAction;
import io.picluster.setup.power.PowerPlan;
import io.picluster.setup.power.PowerSequence;
import io.picluster.setup.power.SystemPowerRunner;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code picluster shutdown}: every worker at once, then the master. {@link RebootCommand} is the
 * same with {@code reboot}.
 */
@Command(
    name = "shutdown",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Shuts the cluster down: every worker at once (sudo -n systemctl poweroff over ssh), then,"
          + " when all of them have taken the command, the master (here, if you run it on the"
          + " master). Asks first: 'Shut down node2, node3, then node1? [y/N]'.",
      "A worker that does not take it is named with ssh's or sudo's reason and the fix, and the"
          + " master then stays up (unless --force). sudo must not need a password for systemctl"
          + " (Raspberry Pi OS's first user needs none).",
      "Test hook: PICLUSTER_POWER_COMMAND in the environment of the machine you run picluster on"
          + " replaces 'sudo -n systemctl' (the verb poweroff or reboot follows it); nothing on the"
          + " nodes reads it.",
      "Exit code: 0 if every node took the command, 1 if one did not or you said no, 2 for a"
          + " usage error."
    })
class ShutdownCommand implements Callable<Integer> {
  /** Names the command run on each node instead of {@value PowerPlan#DEFAULT_PREFIX}. */
  static final String COMMAND_VARIABLE = "PICLUSTER_POWER_COMMAND";

  @Spec CommandSpec spec;

  @Option(
      names = "--cluster",
      paramLabel = "FILE",
      description = "The cluster file (default: $PICLUSTER_CLUSTER, else"
          + " ~/.config/picluster/cluster.conf).")
  String cluster;

  @Option(names = {"-y", "--yes"}, description = "Do not ask first.")
  boolean yes;

  @Option(names = "--dry-run", description = "Only print what would run where, in order.")
  boolean dryRun;

  @Option(
      names = "--force",
      description = "Take the master down too when a worker failed (e.g. one that is off"
          + " already).")
  boolean force;

  /** poweroff here; reboot in {@link RebootCommand}. */
  PowerAction action() {
    return PowerAction.POWEROFF;
  }

  @Override
  public Integer call() {
    Cluster c = readCluster();
    String prefix = commandPrefix(System.getenv());
    Node master = c.masterNode();
    PowerPlan plan = PowerPlan.of(action(), c, isThisMachine(master), prefix);
    PrintWriter out = spec.commandLine().getOut();
    return new PowerSequence(plan, new SystemPowerRunner(), out)
        .execute(yes, dryRun, force, question -> ask(question, out));
  }

  private Cluster readCluster() {
    try {
      Path file = cluster != null ? Path.of(cluster) : ClusterFile.defaultPath(System.getenv());
      return ClusterFile.read(file);
    } catch (ClusterFileException | InvalidPathException e) {
      throw new ParameterException(spec.commandLine(), Main.oneLine(e));
    }
  }

  private String commandPrefix(Map<String, String> env) {
    String v = env.get(COMMAND_VARIABLE);
    if (v == null || v.isBlank()) {
      return PowerPlan.DEFAULT_PREFIX;
    }
    if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      throw new ParameterException(spec.commandLine(), COMMAND_VARIABLE
          + " must be one line: a command such as 'sudo -n systemctl'");
    }
    return v.strip();
  }

  private static boolean isThisMachine(Node master) {
    try {
      return LocalHostCheck.forThisMachine().isLocal(Host.of(master.address(), 1));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The answer typed on the terminal, else a line of standard input; null at its end. */
  private static String ask(String question, PrintWriter out) {
    Console console = System.console();
    if (console != null) {
      return console.readLine("%s", question);
    }
    out.print(question);
    out.flush();
    try {
      return new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()))
          .readLine();
    } catch (IOException e) {
      return null;
    }
  }
}
