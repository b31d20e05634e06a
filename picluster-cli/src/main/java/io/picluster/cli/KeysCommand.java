package io.picluster.cli;

import io.picluster.launch.hosts.Host;
import io.picluster.launch.hosts.LocalHostCheck;
import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.ClusterFile;
import io.picluster.setup.cluster.ClusterFileException;
import io.picluster.setup.cluster.Node;
import io.picluster.setup.keys.ClusterKeys;
import io.picluster.setup.keys.PasswordPrompt;
import io.picluster.setup.keys.PasswordPrompts;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code picluster keys}: SSH keys to and from the master, host keys, and proof. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Sets up SSH key logins to and from the master, as the tutorial's ssh-keygen and"
          + " ssh-copy-id steps do, and proves that they work. Run it on the master.",
      "1. Makes your key ~/.ssh/id_ed25519 (ed25519, no passphrase, mode 600) if you have none;"
          + " an existing key is never replaced.",
      "2. Records every node's host key (ssh-keyscan over the backbone) in ~/.ssh/known_hosts and"
          + " prints its fingerprint; a node whose key differs from the one on record is reported"
          + " and left alone.",
      "3. Adds your key to the master's own ~/.ssh/authorized_keys (picluster's setup commands"
          + " log in to every node, the master included), and installs it on every worker that"
          + " does not take it yet, asking once for that node's password (Enter: the same as the"
          + " last one). The password goes to ssh's SSH_ASKPASS prompt, never onto a command line"
          + " or into a file.",
      "4. Makes each worker's own key if it has none, adds it to the master's authorized_keys,"
          + " and records the master's host key on the worker.",
      "5. Tries ssh -o BatchMode=yes from the master to itself, to every worker and back, and"
          + " lists every pair; a failing one comes with its fix.",
      "A second run changes nothing and says so.",
      "Exit code: 0 if every login works, 1 if one fails, 2 for a usage error."
    })
final class KeysCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--cluster",
      paramLabel = "FILE",
      description = "The cluster file (default: $PICLUSTER_CLUSTER, else"
          + " ~/.config/picluster/cluster.conf).")
  String cluster;

  @Option(
      names = "--password-stdin",
      description = "Read the nodes' passwords from standard input instead of asking on the"
          + " terminal: one line per node that needs one, in the cluster file's order; a blank"
          + " line or the end of input means the same as the line before (for scripts and"
          + " tests; never give a password as an argument).")
  boolean passwordStdin;

  @Override
  public Integer call() {
    Cluster c = readCluster();
    PrintWriter out = spec.commandLine().getOut();
    Node master = c.masterNode();
    if (!isThisMachine(master)) {
      spec.commandLine().getErr().println("picluster keys: run this on the master, "
          + master.name() + " (" + master.address() + "): this machine has no address "
          + master.address() + " (set its backbone up first with picluster net if it is the"
          + " master)");
      return ExitCodes.FAILED;
    }
    boolean ok = new ClusterKeys(c, passwords(), out, CacheDir.of(System.getenv())).run();
    return ok ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private Cluster readCluster() {
    try {
      Path file = cluster != null ? Path.of(cluster) : ClusterFile.defaultPath(System.getenv());
      return ClusterFile.read(file);
    } catch (ClusterFileException | java.nio.file.InvalidPathException e) {
      throw new ParameterException(spec.commandLine(), Main.oneLine(e));
    }
  }

  private PasswordPrompt passwords() {
    if (passwordStdin) {
      return PasswordPrompts.lines(new BufferedReader(new InputStreamReader(System.in,
          Charset.defaultCharset())));
    }
    Console console = System.console();
    if (console != null) {
      return PasswordPrompts.console(console);
    }
    return PasswordPrompts.none("there is no terminal to ask on");
  }

  private static boolean isThisMachine(Node master) {
    try {
      return LocalHostCheck.forThisMachine().isLocal(Host.of(master.address(), 1));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
