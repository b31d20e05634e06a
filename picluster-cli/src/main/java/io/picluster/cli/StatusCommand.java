package io.picluster.cli;

import io.picluster.setup.slurm.SlurmState;
import io.picluster.setup.slurm.SlurmStateTable;
import io.picluster.setup.status.NodeSelection;
import io.picluster.setup.status.NodeStatus;
import io.picluster.setup.status.StatusJson;
import io.picluster.setup.status.StatusProbe;
import io.picluster.setup.status.StatusTable;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code picluster status}: one row per node, every node asked at once. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Shows every node of the cluster: up or down, host name, architecture, OS, Java and"
          + " picluster versions, load, memory, free disk, CPU temperature, throttling and"
          + " under-voltage (vcgencmd get_throttled or the firmware's sysfs file), clock offset"
          + " from this machine, and uptime.",
      "All nodes are asked at once over SSH (this machine too, if it is a node); a node that does"
          + " not answer within 5 s is shown as down, with ssh's reason.",
      "Where picluster slurm has set up Slurm, a second table shows each node's Slurm state"
          + " (idle, allocated, mixed, down, drained, ...) and reason, as slurmctld sees it.",
      "Exit code: 0 if every node is up, 1 if one is down, 2 for a usage error."
    })
final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin NodeOptions nodes;

  @Option(names = "--json", description = "One JSON object per line instead of the table (with"
      + " each node's Slurm state and reason where Slurm is set up).")
  boolean json;

  @Option(
      names = "--watch",
      arity = "0..1",
      fallbackValue = "2",
      paramLabel = "SECONDS",
      description = "Ask again every SECONDS (default 2) and redraw, until Ctrl-C.")
  String watch;

  @Override
  public Integer call() throws InterruptedException {
    NodeSelection selection;
    Double every = null;
    try {
      if (watch != null) {
        every = seconds(watch);
      }
      selection = nodes.selection();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), Main.oneLine(e));
    }
    PrintWriter out = spec.commandLine().getOut();
    boolean terminal = System.console() != null;
    boolean unicode = ConsoleCharset.canShow('\u00b0');
    while (true) {
      long start = System.nanoTime();
      // The master's Slurm is asked at the same time as the nodes: it costs no extra wait.
      CompletableFuture<Optional<SlurmState>> slurm =
          CompletableFuture.supplyAsync(() -> slurmState(selection));
      List<NodeStatus> statuses =
          StatusProbe.probe(selection.nodes(), StatusProbe.Mode.STATUS, StatusProbe.DEADLINE);
      Optional<SlurmState> slurmState = slurm.join();
      Instant now = Instant.now();
      boolean allUp = statuses.stream().allMatch(NodeStatus::up);
      if (json) {
        out.println(StatusJson.render(statuses, slurmState, now));
      } else {
        if (every != null) {
          if (terminal) {
            out.print("\033[H\033[2J"); // home and clear: a redraw in place
          }
          out.println("picluster status every " + format(every) + " s, "
              + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
                  .format(now.atZone(ZoneId.systemDefault()))
              + " (Ctrl-C to stop)");
        }
        out.print(StatusTable.render(statuses, unicode));
        slurmState.map(SlurmStateTable::render).ifPresent(out::print);
        if (every != null && !terminal) {
          out.println();
        }
      }
      out.flush();
      if (every == null) {
        return allUp ? ExitCodes.OK : ExitCodes.FAILED;
      }
      long wait = (long) (every * 1000) - (System.nanoTime() - start) / 1_000_000;
      if (wait > 0) {
        Thread.sleep(wait);
      }
    }
  }

  /**
   * Where the master has Slurm set up: each node's Slurm state and reason, as the controller sees
   * it. Nothing for a cluster without Slurm, or when the master does not answer (the node table
   * shows why).
   */
  private static Optional<SlurmState> slurmState(NodeSelection selection) {
    if (selection.master().isEmpty()) {
      return Optional.empty();
    }
    return selection.nodes().stream().filter(n -> n.name().equals(selection.master().get()))
        .findFirst()
        .flatMap(master -> SlurmState.ask(master, StatusProbe.DEADLINE));
  }

  static double seconds(String text) {
    double s;
    try {
      s = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      s = Double.NaN;
    }
    if (!(s >= 0.1 && s <= 86400)) {
      throw new IllegalArgumentException("--watch takes a number of seconds from 0.1 to 86400,"
          + " e.g. --watch 5; '" + text + "' is not one");
    }
    return s;
  }

  private static String format(double seconds) {
    return seconds == Math.rint(seconds) ? Long.toString((long) seconds)
        : String.format(Locale.ROOT, "%.1f", seconds);
  }
}
