package io.picluster.setup.net;

import io.picluster.launch.hosts.LocalHostCheck;
import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.Ipv4Network;
import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * {@code picluster net}: for each chosen node, read its files, plan the backbone configuration for
 * its network stack and the {@code /etc/hosts} block, then print the diff ({@code --dry-run}) or
 * write what changed. Every check that can refuse runs for all nodes before anything is written
 * anywhere. Nodes are read and written in parallel; output comes in the nodes' order.
 */
public final class NetSetup {
  /**
   * What the command line asked for.
   *
   * @param nodes node names; empty: this machine's node (or, with a root, the one it is for)
   * @param root a folder to write into instead of the node's /
   * @param stack the stack to configure instead of the detected one
   * @param wifi a Wi-Fi subnet to keep clear of instead of the nodes' own
   */
  public record Options(List<String> nodes, boolean all, Optional<Path> root, boolean dryRun,
      Optional<NetStack> stack, boolean fixHosts, Optional<Ipv4Network> wifi) {
    public Options {
      nodes = List.copyOf(nodes);
    }
  }

  /** How nodes are reached when there is no root folder; tests replace it. */
  public interface Reach {
    boolean isThisMachine(Node node);

    String hostName();

    /** The access to a node: this machine's / (directly or with sudo), else over SSH. */
    NodeAccess access(Node node, boolean thisMachine);
  }

  private final Cluster cluster;
  private final Options options;
  private final Reach reach;

  public NetSetup(Cluster cluster, Options options, Reach reach) {
    this.cluster = cluster;
    this.options = options;
    this.reach = reach;
  }

  /** The real thing: the kernel's host name and this machine's addresses, SSH, sudo. */
  public static Reach realReach(boolean terminal) {
    LocalHostCheck local = LocalHostCheck.forThisMachine();
    return new Reach() {
      @Override
      public boolean isThisMachine(Node node) {
        return node.name().toLowerCase(Locale.ROOT).equals(local.ownName().toLowerCase(Locale.ROOT))
            || local.isLocal(node.address());
      }

      @Override
      public String hostName() {
        return local.ownName();
      }

      @Override
      public NodeAccess access(Node node, boolean thisMachine) {
        if (!thisMachine) {
          return ShellAccess.overSsh(node);
        }
        return isRoot() ? new RootFolder(Path.of("/")) : ShellAccess.here(node, terminal);
      }
    };
  }

  /** Whether this process runs as root (uid 0). */
  static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException
        | SecurityException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /** One node's outcome: its plan, or why there is none, or why writing it failed. */
  private record Outcome(Node node, NodeAccess access, NodePlan plan, String failure) {}

  /**
   * Runs it; returns 0 if every node is (now) as it should be, 1 if a node failed.
   *
   * @throws NetConfigException bad input: nothing was written
   */
  public int run(PrintWriter out, PrintWriter err) {
    BackboneCheck.cluster(cluster);
    if (options.root().isPresent() && !Files.isDirectory(options.root().get())) {
      throw new NetConfigException("--root " + options.root().get() + ": no such folder; give the"
          + " folder that holds the node's /etc (e.g. a mounted SD card's root partition)");
    }
    List<Node> nodes = NetTargets.select(cluster, options.nodes(), options.all(),
        options.root(), reach::isThisMachine, reach.hostName());
    Optional<List<WifiSubnet>> wifi = options.wifi().map(n -> List.of(
        new WifiSubnet("--wifi", n.toString(), n)));

    List<NodeAccess> accesses = new ArrayList<>();
    for (Node n : nodes) {
      accesses.add(options.root().<NodeAccess>map(RootFolder::new)
          .orElseGet(() -> reach.access(n, reach.isThisMachine(n))));
    }
    List<Object> states = parallel(nodes.size(), k -> {
      try {
        return accesses.get(k).read();
      } catch (NetFileException e) {
        return e;
      }
    });
    List<Outcome> outcomes = new ArrayList<>();
    for (int k = 0; k < nodes.size(); k++) {
      Node n = nodes.get(k);
      if (states.get(k) instanceof NetFileException e) {
        outcomes.add(new Outcome(n, accesses.get(k), null, e.getMessage()));
        continue;
      }
      try {
        // a NetConfigException leaves here: nothing has been written yet
        NodePlan plan = NetPlanner.plan(cluster, n, (NodeState) states.get(k), options.stack(),
            wifi, options.fixHosts());
        outcomes.add(new Outcome(n, accesses.get(k), plan, null));
      } catch (NetFileException e) {
        outcomes.add(new Outcome(n, accesses.get(k), null, e.getMessage()));
      }
    }
    if (options.dryRun()) {
      for (Outcome o : outcomes) {
        if (o.failure() != null) {
          err.println(o.node().name() + ": " + o.failure());
        } else {
          printDryRun(o, out);
        }
      }
      out.flush();
      err.flush();
      return outcomes.stream().anyMatch(o -> o.failure() != null) ? 1 : 0;
    }
    List<Object> written = parallel(outcomes.size(), k -> {
      Outcome o = outcomes.get(k);
      if (o.failure() != null || o.plan().upToDate()) {
        return o;
      }
      try {
        o.access().write(o.plan().changes());
        return o;
      } catch (NetFileException e) {
        return new Outcome(o.node(), o.access(), o.plan(), e.getMessage());
      }
    });
    boolean failed = false;
    for (int k = 0; k < written.size(); k++) {
      Outcome o = written.get(k) instanceof Outcome done
          ? done
          : new Outcome(outcomes.get(k).node(), outcomes.get(k).access(), outcomes.get(k).plan(),
              ((RuntimeException) written.get(k)).getMessage());
      if (o.failure() != null) {
        failed = true;
        err.println(o.node().name() + ": " + o.failure());
      } else {
        printApplied(o, out);
      }
    }
    out.flush();
    err.flush();
    return failed ? 1 : 0;
  }

  private void printDryRun(Outcome o, PrintWriter out) {
    NodePlan p = o.plan();
    String name = p.node().name();
    List<FileChange> changes = p.changes();
    if (changes.isEmpty()) {
      out.println(name + ": nothing to change (" + stackLine(p) + ")");
    } else {
      out.println(name + ": " + stackLine(p) + "; would change " + changes.size()
          + (changes.size() == 1 ? " file" : " files") + " (dry run: nothing is written)");
      for (FileChange c : changes) {
        String shown = o.access().show(c.path());
        out.print(UnifiedDiff.diff(shown, shown, c.before(), c.after()));
        if (!c.creates() && c.beforeMode() != c.afterMode()) {
          out.println(name + ": " + shown + ": mode " + FileChange.octal(c.beforeMode()) + " -> "
              + FileChange.octal(c.afterMode()));
        }
      }
    }
    for (String note : p.notes()) {
      out.println(name + ": " + note);
    }
  }

  private void printApplied(Outcome o, PrintWriter out) {
    NodePlan p = o.plan();
    String name = p.node().name();
    List<FileChange> changes = p.changes();
    if (changes.isEmpty()) {
      out.println(name + ": nothing to change (" + stackLine(p) + ")");
    } else {
      out.println(name + ": " + stackLine(p));
      for (FileChange c : changes) {
        String shown = o.access().show(c.path());
        out.println(name + ": wrote " + shown + (c.creates()
            ? " (new, mode " + FileChange.octal(c.afterMode()) + ")"
            : " (previous version: " + o.access().show(c.backupPath()) + ")"));
      }
      boolean image = o.access() instanceof RootFolder r && !r.isSystemRoot();
      out.println(name + ": " + (image
          ? "it takes effect when " + name + " starts from " + o.access().where()
          : "to use it now, run on " + name + ": " + p.stack().activation()));
    }
    for (String note : p.notes()) {
      out.println(name + ": " + note);
    }
  }

  private static String stackLine(NodePlan p) {
    return p.stack().label() + ": " + p.why();
  }

  /**
   * {@code task(0..n-1)} on a thread each; results in order. A task that throws gives its message
   * as a NetFileException in its place; an interrupt while waiting is one for all.
   */
  private static List<Object> parallel(int n, Function<Integer, Object> task) {
    List<Object> results = NodeShell.inParallel(IntStream.range(0, n).boxed().toList(),
        k -> "net-" + k, k -> {
          try {
            return task.apply(k);
          } catch (RuntimeException e) {
            return new NetFileException(String.valueOf(e.getMessage()));
          }
        });
    if (Thread.currentThread().isInterrupted()) {
      throw new NetFileException("interrupted");
    }
    return results;
  }
}
