package io.picluster.cli;

import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.ClusterFile;
import io.picluster.setup.doctor.Doctor;
import io.picluster.setup.doctor.DoctorReport;
import io.picluster.setup.doctor.DoctorScope;
import io.picluster.setup.doctor.ProgramFile;
import io.picluster.setup.status.NodeSelection;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code picluster doctor}: one check per known failure, each with its fix. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Checks every node for the faults that stop or spoil jobs, each printed with its fix.",
      "The checks, one line per node (or pair of nodes) each:",
      "  ssh         a BatchMode login from here works: no password, no changed host",
      "              key, an SSH server running",
      "  backbone    the node has its backbone address, on the backbone interface",
      "  names       its host name resolves to its backbone address (not 127.0.1.1),",
      "              and every other node's name to that node's address",
      "  program     with --program PATH: the same file (SHA-256) at PATH everywhere",
      "  ports       TCP works both ways between every pair of nodes: a real probe",
      "              on ephemeral ports, as jobs use (needs Java and picluster there)",
      "  arch        this picluster carries its Open MPI 4 library for the node's",
      "              architecture (its java's, or --program's)",
      "  versions    the same picluster, Java 17 or later and the same architecture",
      "  clock       clocks within 1 s of this machine's",
      "  throttling  no throttling or under-voltage now (FAIL) or since boot (WARN)",
      "Each line says OK, WARN or FAIL and what was found, and a fault ends with '-> fix:'"
          + " and what to do; a summary follows. All nodes are examined at once over SSH; a node"
          + " that cannot be logged in to is checked for ssh only.",
      "Exit code: 0 if no check FAILed, 1 if one did, 2 for a usage error."
    })
final class DoctorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin NodeOptions nodes;

  @Option(
      names = "--program",
      paramLabel = "PATH",
      description = "Also check that this file is at the same absolute path on every node, the"
          + " same as here (a relative path is taken from the current folder).")
  Path program;

  @Option(
      names = {"-q", "--problems"},
      description = "Print only WARN and FAIL lines (and the summary).")
  boolean problemsOnly;

  @Override
  public Integer call() throws InterruptedException {
    DoctorScope scope;
    String about;
    try {
      Optional<ProgramFile> prog = Optional.empty();
      if (program != null) {
        try {
          prog = Optional.of(ProgramFile.of(program));
        } catch (IOException e) {
          throw new IllegalArgumentException("--program: " + Main.oneLine(e));
        }
      }
      NodeSelection selection = nodes.selection();
      if (selection.master().isPresent()) {
        Path file = nodes.clusterFile();
        Cluster c = ClusterFile.read(file);
        scope = DoctorScope.of(c, prog);
        about = describe(scope) + ", backbone " + c.network()
            + c.iface().map(i -> " on " + i).orElse("");
      } else {
        scope = DoctorScope.ofHosts(selection.nodes(), prog);
        about = describe(scope);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), Main.oneLine(e));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("picluster doctor: " + about
        + scope.program().map(p -> ", program " + p.path()).orElse(""));
    out.flush();
    DoctorReport report = Doctor.run(scope);
    out.print(report.render(problemsOnly));
    out.flush();
    return report.failed() ? ExitCodes.FAILED : ExitCodes.OK;
  }

  private static String describe(DoctorScope scope) {
    List<String> names = new ArrayList<>();
    scope.nodes().forEach(n -> names.add(n.name()
        + (scope.master().filter(m -> m.equals(n.name())).isPresent() ? " (master)" : "")));
    return String.join(", ", names);
  }
}
