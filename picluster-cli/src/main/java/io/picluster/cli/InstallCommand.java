package io.picluster.cli;

import io.picluster.launch.hosts.LocalHostCheck;
import io.picluster.setup.install.DebInstaller;
import io.picluster.setup.install.InstallCheck;
import io.picluster.setup.install.InstallLocation;
import io.picluster.setup.install.Installer;
import io.picluster.setup.status.NodeSelection;
import io.picluster.setup.status.NodeStatus;
import io.picluster.setup.status.StatusProbe;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code picluster install}: the same picluster on every node, after checking each. */
@Command(
    name = "install",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Checks every node (reachable over SSH, architecture, OS, Java 17 or later, free space) and"
          + " puts the picluster jar this command runs from on each, with a VERSION file that"
          + " picluster status shows. The place is the same on every node: "
          + InstallLocation.DIR_DISPLAY + "/" + InstallLocation.JAR + ".",
      "The jar is copied only where the node's copy differs (SHA-256); a second run copies"
          + " nothing. If any node fails a check, nothing is installed and each such node is named"
          + " with the fix. A node whose architecture differs from the master's is an error"
          + " (native programs would not run the same everywhere) unless --mixed-arch is given.",
      "Exit code: 0 if every node has it, 1 if a node failed a check or the copy, 2 for a usage"
          + " error."
    })
final class InstallCommand implements Callable<Integer> {
  /** How long a node may take to answer the checks (they also hash the installed jar). */
  static final Duration CHECK_DEADLINE = Duration.ofSeconds(10);

  @Spec CommandSpec spec;

  @Mixin NodeOptions nodes;

  @Option(
      names = "--mixed-arch",
      description = "Allow nodes whose architecture differs from the master's (a warning then):"
          + " for clusters that run pure-Java jobs only.")
  boolean mixedArch;

  @Option(
      names = "--deb",
      paramLabel = "FILE",
      description = "Install this Debian package (picluster_VERSION_all.deb, built in"
          + " picluster-cli/target) on every node with dpkg -i instead of the bare jar: /usr/bin/picluster,"
          + " man pages, bash completion. Needs root, or sudo without a password, on each node.")
  Path deb;

  @Option(
      names = "--dry-run",
      description = "Check the nodes and show what would be copied, changing nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws InterruptedException {
    NodeSelection selection;
    try {
      selection = nodes.selection();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), Main.oneLine(e));
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Installer installer = null;
    DebInstaller debInstaller = null;
    try {
      if (deb != null) {
        debInstaller = DebInstaller.of(deb);
      } else {
        installer = Installer.of(ownJar(), version());
      }
    } catch (IOException e) {
      err.println("picluster: " + e.getMessage());
      return ExitCodes.FAILED;
    }

    List<NodeStatus> statuses =
        StatusProbe.probe(selection.nodes(), StatusProbe.Mode.INSTALL, CHECK_DEADLINE);
    List<InstallCheck.Problem> problems =
        InstallCheck.check(statuses, reference(selection, statuses), mixedArch,
            installer != null ? installer.size() : debInstaller.size());
    int errors = 0;
    for (InstallCheck.Problem p : problems) {
      if (p.error()) {
        errors++;
        err.println("picluster: " + p.message());
      } else {
        err.println("picluster: warning: " + p.message());
      }
    }
    if (errors > 0) {
      long bad = problems.stream().filter(InstallCheck.Problem::error)
          .map(p -> p.node().node()).distinct().count();
      err.println("picluster: nothing was installed: " + bad + (bad == 1 ? " node is" : " nodes are")
          + " not ready; fix " + (bad == 1 ? "it" : "them") + " as said above and run picluster"
          + " install again");
      err.flush();
      return ExitCodes.FAILED;
    }

    if (debInstaller != null) {
      return installPackage(debInstaller, statuses, out, err);
    }
    List<Installer.Outcome> outcomes;
    if (dryRun) {
      outcomes = new ArrayList<>();
      for (NodeStatus s : statuses) {
        outcomes.add(new Installer.Outcome(s, installer.plan(s), null));
      }
    } else {
      outcomes = installer.install(statuses);
    }
    out.print(Installer.table(outcomes, dryRun));
    out.flush();
    List<String> failures = Installer.failures(outcomes);
    for (String f : failures) {
      err.println("picluster: " + f);
    }
    err.flush();
    if (!failures.isEmpty()) {
      return ExitCodes.FAILED;
    }
    if (!dryRun) {
      out.println("picluster " + installer.label() + " is installed on " + outcomes.size()
          + (outcomes.size() == 1 ? " node" : " nodes") + " in " + InstallLocation.DIR_DISPLAY);
    }
    return ExitCodes.OK;
  }

  /** {@code --deb}: dpkg -i on every node (they all passed the checks). */
  private int installPackage(DebInstaller debInstaller, List<NodeStatus> statuses, PrintWriter out,
      PrintWriter err) throws InterruptedException {
    String name = deb.getFileName().toString();
    if (dryRun) {
      for (NodeStatus s : statuses) {
        out.println(s.node().name() + " (" + s.node().address() + "): would install " + name
            + " with dpkg -i");
      }
      out.flush();
      return ExitCodes.OK;
    }
    List<DebInstaller.Outcome> outcomes = debInstaller.install(statuses);
    for (DebInstaller.Outcome o : outcomes) {
      if (o.error() == null) {
        out.println(o.status().node().name() + " (" + o.status().node().address() + "): installed "
            + name + " (/usr/bin/picluster)");
      }
    }
    out.flush();
    List<String> failures = DebInstaller.failures(outcomes, deb);
    for (String f : failures) {
      err.println("picluster: " + f);
    }
    err.flush();
    return failures.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /**
   * The node the others must match: the cluster's master, or with --hosts the host that is this
   * machine; null (the first node that is up) if none is.
   */
  private static NodeStatus reference(NodeSelection selection, List<NodeStatus> statuses) {
    if (selection.master().isPresent()) {
      String master = selection.master().get();
      return statuses.stream().filter(s -> s.node().name().equals(master)).findFirst()
          .orElse(null);
    }
    LocalHostCheck local = LocalHostCheck.forThisMachine();
    for (NodeStatus s : statuses) {
      try {
        if (local.isLocal(s.node().address())) {
          return s;
        }
      } catch (IllegalArgumentException e) {
        // not a host name we can judge; not this machine then
      }
    }
    return null;
  }

  /** The jar this command runs from: what install puts on the nodes. */
  private static Path ownJar() throws IOException {
    try {
      Path self = Path.of(InstallCommand.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
      if (Files.isRegularFile(self)) {
        return self.toAbsolutePath().normalize();
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // said below
    }
    throw new IOException("install puts the jar it runs from on the nodes; run picluster from its"
        + " jar (bin/picluster or java -jar picluster.jar)");
  }

  /** The version Maven filtered into version.properties (as --version shows it). */
  private static String version() throws IOException {
    Properties p = new Properties();
    try (InputStream in = InstallCommand.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    }
    String v = p.getProperty("version");
    if (v == null || v.isBlank() || v.contains("${")) {
      throw new IOException("this picluster does not know its version (no version.properties);"
          + " build it with Maven");
    }
    return v.strip();
  }
}
