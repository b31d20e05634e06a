package io.picluster.cli;

import io.picluster.launch.copy.CopyOutput;
import io.picluster.launch.copy.CopyPlan;
import io.picluster.launch.copy.FileCopy;
import io.picluster.launch.hosts.HostList;
import io.picluster.launch.hosts.LocalHostCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code picluster copy}: the tutorial's scp step, for every node at once. */
@Command(
    name = "copy",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    preprocessor = CopyCommand.OptionsAnywhere.class,
    description = {
      "Copies each FILE to the same absolute path on every host (or into DIR with --to), all hosts"
          + " at once, over SSH.",
      "A host that already has an identical file (same SHA-256 and mode) is skipped. Files arrive"
          + " whole or not at all, with their mode (the executable bit too).",
      "Exit code: 0 if every host has every file, 1 if a host failed, 2 for a usage error."
    })
final class CopyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description = "A file to copy; it goes to its own absolute path on every host.")
  List<String> files = List.of();

  @Option(
      names = "--to",
      paramLabel = "DIR",
      description = "Put the files into DIR (absolute, or relative to the current folder) on every"
          + " host instead; missing folders are created.")
  String to;

  @Option(
      names = {"--hosts", "-hosts", "--host", "-host", "-H"},
      paramLabel = "HOSTS",
      description = "Hosts to copy to, comma-separated (e.g. 10.0.0.1,10.0.0.2,node3); this"
          + " machine may be one of them.")
  String hosts;

  @Option(
      names = {"-f", "--hostfile", "-hostfile", "--machinefile", "-machinefile"},
      paramLabel = "FILE",
      description = "Hosts from a file, as for exec: one per line, 'host:slots' or 'host slots=N'"
          + " (slots do not matter here).")
  String hostfile;

  @Override
  public Integer call() throws IOException, InterruptedException {
    HostList list;
    CopyPlan plan;
    try {
      list = hostList();
      plan = CopyPlan.of(files, to, Path.of("").toAbsolutePath());
    } catch (IllegalArgumentException | UsageError e) {
      throw new ParameterException(spec.commandLine(), Main.oneLine(e));
    }
    CopyOutput output = new CopyOutput(spec.commandLine().getOut(), spec.commandLine().getErr(),
        stderrIsTerminal());
    boolean ok = new FileCopy(plan, list, LocalHostCheck.forThisMachine(), output).run();
    return ok ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private HostList hostList() {
    if (hosts != null && hostfile != null) {
      throw new UsageError("give the hosts either with --hosts or with --hostfile, not both");
    }
    if (hosts == null && hostfile == null) {
      throw new UsageError(
          "no hosts given: say where to copy with --hosts HOST,HOST... or --hostfile FILE");
    }
    return hosts != null ? HostList.parseHostsOption(hosts) : HostList.readHostfile(Path.of(hostfile));
  }

  /**
   * Whether stderr can take a redrawn progress line: there is a console (stdin and stdout are a
   * terminal), and, where Linux tells, stderr is one too (not {@code 2>log}).
   */
  static boolean stderrIsTerminal() {
    if (System.console() == null) {
      return false;
    }
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")
          || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException | SecurityException notLinux) {
      return true;
    }
  }

  /**
   * {@code copy FILE... --hosts HOSTS}: options may follow the files. The top-level command stops
   * at the first positional parameter (everything after exec's PROGRAM belongs to the program),
   * which would make {@code --hosts} a FILE here; this turns that off for copy alone, as picocli
   * reaches the command and before it parses its arguments.
   */
  static final class OptionsAnywhere implements IParameterPreprocessor {
    @Override
    public boolean preprocess(Stack<String> args, CommandSpec commandSpec, ArgSpec argSpec,
        Map<String, Object> info) {
      commandSpec.parser().stopAtPositional(false);
      return false;
    }
  }
}
