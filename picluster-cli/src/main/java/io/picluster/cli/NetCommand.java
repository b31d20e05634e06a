package io.picluster.cli;

import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.ClusterFile;
import io.picluster.setup.cluster.Ipv4Network;
import io.picluster.setup.net.NetSetup;
import io.picluster.setup.net.NetStack;
import io.picluster.setup.net.RootFolder;
import io.picluster.setup.net.WifiSubnet;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code picluster net}: the static backbone configuration and /etc/hosts block on nodes. */
@Command(
    name = "net",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    preprocessor = CopyCommand.OptionsAnywhere.class,
    description = {
      "Configures the wired backbone on nodes: a static address from the cluster file, no gateway"
          + " and no DNS (the Wi-Fi keeps the default route), and an /etc/hosts block naming every"
          + " node.",
      "It writes what the node's network stack reads: a NetworkManager keyfile"
          + " (/etc/NetworkManager/system-connections/picluster-backbone.nmconnection, mode 0600),"
          + " a marked stanza in /etc/dhcpcd.conf, or a netplan file"
          + " (/etc/netplan/60-picluster-backbone.yaml, mode 0600). The stack is detected:"
          + " NetworkManager where it is installed, else netplan where /etc/netplan is, else"
          + " dhcpcd where /etc/dhcpcd.conf is.",
      "Only picluster's own files and the lines between '# BEGIN picluster backbone' and"
          + " '# END picluster backbone' change; each changed file's previous version is kept as"
          + " FILE.picluster-backup. Running it again changes nothing.",
      "Other nodes are reached over SSH and written with sudo -n. Exit code: 0 done (or nothing"
          + " to change), 1 a node failed, 2 bad input (nothing is written)."
    })
final class NetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "NODE",
      description = "Nodes to configure, by their names in the cluster file (default: this"
          + " machine's node).")
  List<String> nodes = List.of();

  @Option(names = "--all", description = "Configure every node in the cluster file.")
  boolean all;

  @Option(
      names = "--cluster",
      paramLabel = "FILE",
      description = "The cluster file (default: $PICLUSTER_CLUSTER, else"
          + " ~/.config/picluster/cluster.conf).")
  Path clusterFile;

  @Option(
      names = "--root",
      paramLabel = "DIR",
      description = "Write into DIR instead of the node's / (an SD card image, a test folder);"
          + " the node is the one named, else the one DIR/etc/hostname names. The Wi-Fi check"
          + " reads DIR/" + RootFolder.WIFI_FIXTURE + " (ip -4 -o addr show output) if it is"
          + " there.")
  Path root;

  @Option(names = "--dry-run", description = "Print what would change, as a unified diff, and"
      + " change nothing.")
  boolean dryRun;

  @Option(
      names = "--stack",
      paramLabel = "nm|dhcpcd|netplan",
      description = "Configure this network stack instead of the detected one.")
  String stack;

  @Option(
      names = "--fix-hosts",
      description = "Comment out /etc/hosts lines that map the node's own name to 127.0.1.1"
          + " (Debian's default, which makes the name mean loopback); without it they are only"
          + " reported.")
  boolean fixHosts;

  @Option(
      names = "--wifi",
      paramLabel = "CIDR",
      description = "The Wi-Fi subnet the backbone must stay clear of (default: each node's own,"
          + " from its wireless interfaces).")
  String wifi;

  @Override
  public Integer call() {
    NetSetup setup;
    try {
      Optional<NetStack> chosen = Optional.empty();
      if (stack != null) {
        chosen = Optional.of(NetStack.fromOption(stack).orElseThrow(() -> new UsageError(
            "--stack " + stack + ": choose nm (NetworkManager), dhcpcd or netplan")));
      }
      Optional<Ipv4Network> wifiNet = Optional.empty();
      if (wifi != null) {
        Ipv4Network n = WifiSubnet.subnetOf(wifi);
        if (n == null) {
          throw new UsageError("--wifi " + wifi + ": not an IPv4 network in CIDR form; write it"
              + " like 192.168.1.0/24");
        }
        wifiNet = Optional.of(n);
      }
      Path file = clusterFile != null ? clusterFile : ClusterFile.defaultPath(System.getenv());
      Cluster cluster = ClusterFile.read(file);
      setup = new NetSetup(cluster, new NetSetup.Options(nodes, all, Optional.ofNullable(root),
          dryRun, chosen, fixHosts, wifiNet), NetSetup.realReach(System.console() != null));
      return setup.run(spec.commandLine().getOut(), spec.commandLine().getErr());
    } catch (IllegalArgumentException | UsageError e) {
      // the cluster file's errors, the backbone checks (NetConfigException): nothing was written
      throw new ParameterException(spec.commandLine(), Main.oneLine(e));
    }
  }
}
