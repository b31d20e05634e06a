package io.picluster.cli;

import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.ClusterDraft;
import io.picluster.setup.cluster.ClusterFile;
import io.picluster.setup.cluster.ClusterFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code picluster init}: writes the cluster file every other command reads. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Writes the cluster file (nodes, master, backbone network) that every command reads,",
      "so that --hosts becomes optional. Default file: ~/.config/picluster/cluster.conf."
    })
final class InitCommand implements Callable<Integer> {
  /** The name parse errors carry for the text being drafted. */
  private static final Path DRAFT = Path.of("draft");

  @Spec CommandSpec spec;

  @Option(names = "--cluster", paramLabel = "FILE", description = "Write this file instead.")
  Path file;

  @Option(names = "--network", paramLabel = "CIDR", description = "The backbone (default: ${DEFAULT-VALUE}).")
  String network = "10.0.0.0/24";

  @Option(names = "--nodes", paramLabel = "N", description = "N nodes named PREFIX1..PREFIXN at the network's first addresses (default: ${DEFAULT-VALUE}).")
  int count = 4;

  @Option(names = "--prefix", paramLabel = "PREFIX", description = "Node name prefix for --nodes (default: ${DEFAULT-VALUE}).")
  String prefix = "node";

  @Option(names = "--node", paramLabel = "NAME=ADDRESS", description = "A node by name and address (repeatable; replaces --nodes).")
  List<String> nodes = List.of();

  @Option(names = "--user", paramLabel = "USER", description = "Login user on every node (default: you).")
  String user = System.getProperty("user.name");

  @Option(names = "--master", paramLabel = "NAME", description = "The node you run picluster on (default: the first).")
  String master;

  @Option(names = "--iface", paramLabel = "IF", description = "The backbone interface on every node, e.g. eth0.")
  String iface;

  @Option(names = "--force", description = "Replace an existing cluster file.")
  boolean force;

  @Option(names = "--print", description = "Print the file instead of writing it.")
  boolean print;

  @Override
  public Integer call() {
    Path target = file != null ? file : ClusterFile.defaultPath(System.getenv());
    String text;
    Cluster cluster;
    try {
      text = ClusterDraft.text(network, count, prefix, nodes, user, master, iface);
      cluster = ClusterFile.parse(DRAFT, text);
    } catch (ClusterFileException e) {
      // The file does not exist yet: its line numbers would point nowhere.
      throw new ParameterException(spec.commandLine(),
          Main.oneLine(e).replaceFirst("^" + DRAFT + "(:[0-9]+)?: ", ""));
    }
    if (print) {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
    if (Files.exists(target) && !force) {
      throw new ParameterException(spec.commandLine(),
          target + " already exists; add --force to replace it, or --print to see the new one");
    }
    try {
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".cluster", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      spec.commandLine().getErr().println("picluster: cannot write " + target + ": " + e.getMessage());
      return 1;
    }
    spec.commandLine().getOut().println("wrote " + target + ": " + cluster.nodes().size()
        + " nodes on " + cluster.network() + ", master " + cluster.master() + ", user "
        + cluster.masterNode().user());
    return ExitCodes.OK;
  }
}
