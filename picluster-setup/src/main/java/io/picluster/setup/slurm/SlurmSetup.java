package io.picluster.setup.slurm;

import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code picluster slurm}: Slurm for the cluster from its cluster file, in order: ask every node
 * about its Slurm (as the login user), check (same version everywhere, daemons installed, a way to
 * root), write slurm.conf from what the nodes said, take the controller's munge key (making one if
 * it has none), put both on every node as root and (re)start munge, slurmctld on the master and
 * slurmd everywhere (with systemd: enabled and restarted as needed), then prove it with
 * {@code srun -N<all> hostname}. Safe to run again: unchanged files are not written and running
 * daemons whose files did not change are not restarted.
 */
public final class SlurmSetup {
  static final Duration PROBE_DEADLINE = Duration.ofSeconds(15);
  static final Duration APPLY_DEADLINE = Duration.ofSeconds(90);
  static final Duration PROVE_DEADLINE = Duration.ofSeconds(150);

  private final Cluster cluster;
  private final PrintWriter out;
  private final PrintWriter err;

  public SlurmSetup(Cluster cluster, PrintWriter out, PrintWriter err) {
    this.cluster = cluster;
    this.out = out;
    this.err = err;
  }

  /** Sets Slurm up (or with DRY_RUN shows how); returns 0, or 1 after saying what failed. */
  public int run(boolean dryRun) {
    List<SlurmFacts> facts = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<Node, NodeShell.Result> answers =
        NodeShell.runAll(cluster.nodes(), SlurmFacts.SCRIPT, List.of(), PROBE_DEADLINE);
    for (NodeShell.Result r : answers.values()) {
      if (!r.ok()) {
        problems.add(r.node().name() + " (" + r.node().address() + "): cannot ask it over ssh ("
            + r.lastError() + "); check it is up and that picluster keys has set up key login");
      } else {
        facts.add(SlurmFacts.parse(r.node(), r.stdout()));
      }
    }
    if (problems.isEmpty()) {
      problems.addAll(SlurmCheck.problems(cluster, facts));
    }
    if (!problems.isEmpty()) {
      for (String p : problems) {
        err.println("picluster: " + p);
      }
      err.println("picluster: Slurm was not set up: fix the node" + (problems.size() == 1 ? "" : "s")
          + " as said above and run picluster slurm again");
      err.flush();
      return 1;
    }
    String conf = SlurmConf.render(cluster, facts);
    SlurmFacts master = facts.stream()
        .filter(f -> f.node().name().equals(cluster.master())).findFirst().orElseThrow();
    if (dryRun) {
      showPlan(conf, master, facts);
      return 0;
    }
    return apply(conf, master, facts);
  }

  private void showPlan(String conf, SlurmFacts master, List<SlurmFacts> facts) {
    out.println("picluster slurm --dry-run: nothing is changed. Slurm " + master.version().orElseThrow()
        + " on " + facts.size() + (facts.size() == 1 ? " node" : " nodes") + ", controller "
        + master.node().name() + ".");
    out.println();
    out.println(SlurmConf.PATH + " on every node (root, 0644):");
    indent(conf);
    out.println();
    out.println(SlurmScripts.MUNGE_KEY + " on every node (munge, 0400): " + master.node().name()
        + "'s key, which this script on " + master.node().name() + " prints (as root; it makes"
        + " the key if there is none):");
    indent(SlurmScripts.CONTROLLER_KEY);
    out.println();
    out.println("Every node, as root, first defines these helpers (the key arrives on standard"
        + " input, slurm.conf as $2):");
    indent(SlurmScripts.HELPERS);
    for (SlurmFacts f : facts) {
      out.println();
      out.println("then on " + SlurmCheck.label(f) + (f == master ? ", the controller" : "")
          + ", as " + (f.root() ? "root" : f.node().user() + " through sudo -n")
          + (f.systemd() ? " (systemd: the daemons are enabled)"
              : " (no systemd: the daemons are started directly, not at boot)") + ":");
      indent(String.join("\n", SlurmScripts.nodeCommands(f == master, f.systemd())));
    }
    out.println();
    out.println("Last, on " + master.node().name() + " as " + master.node().user()
        + ", the proof (srun -N " + facts.size() + " hostname):");
    indent(SlurmScripts.PROVE);
    out.flush();
  }

  private void indent(String text) {
    for (String line : text.strip().split("\n")) {
      out.println("    " + line);
    }
  }

  private int apply(String conf, SlurmFacts master, List<SlurmFacts> facts) {
    NodeShell.Result keyAnswer = NodeShell.run(master.node(), SlurmScripts.AS_ROOT,
        List.of(SlurmScripts.CONTROLLER_KEY), APPLY_DEADLINE);
    String key = null;
    for (String line : keyAnswer.stdout().split("\n")) {
      if (line.startsWith("key=") && line.length() > 4) {
        key = line.substring(4).strip();
      }
    }
    if (!keyAnswer.ok() || key == null) {
      return failed(List.of(rootFailure(master, keyAnswer, "read the munge key")));
    }
    byte[] input = (key + "\n").getBytes(StandardCharsets.US_ASCII);
    String confB64 = Base64.getEncoder().encodeToString(conf.getBytes(StandardCharsets.UTF_8));
    // The controller first: the others' slurmd then register with it at once.
    List<String> failures = new ArrayList<>();
    NodeShell.Result first = setUp(master, true, input, confB64);
    report(master, first, failures);
    if (!failures.isEmpty()) {
      return failed(failures);
    }
    List<SlurmFacts> others = new ArrayList<>(facts);
    others.remove(master);
    List<NodeShell.Result> results = NodeShell.inParallel(others, f -> f.node().name(),
        f -> setUp(f, false, input, confB64));
    if (Thread.currentThread().isInterrupted()) {
      return failed(List.of("interrupted"));
    }
    for (int i = 0; i < others.size(); i++) {
      report(others.get(i), results.get(i), failures);
    }
    if (!failures.isEmpty()) {
      return failed(failures);
    }
    return prove(master, facts);
  }

  private NodeShell.Result setUp(SlurmFacts f, boolean controller, byte[] input, String confB64) {
    String script = SlurmScripts.nodeScript(controller, f.systemd());
    return NodeShell.run(f.node(), SlurmScripts.AS_ROOT,
        List.of(script, controller ? "controller" : "node", confB64), input, APPLY_DEADLINE);
  }

  private void report(SlurmFacts f, NodeShell.Result r, List<String> failures) {
    if (!r.ok()) {
      failures.add(rootFailure(f, r, "set up Slurm"));
      return;
    }
    List<String> did = new ArrayList<>();
    for (String line : r.stdout().split("\n")) {
      if (line.startsWith("wrote ") || line.startsWith("restarted ") || line.startsWith("started ")) {
        did.add(line.strip());
      }
    }
    out.println(f.node().name() + ": " + (did.isEmpty() ? "unchanged, daemons running" : String.join(", ", did)));
    out.flush();
  }

  /** Why a script run as root failed, with the fix for the usual causes. */
  private static String rootFailure(SlurmFacts f, NodeShell.Result r, String what) {
    String user = f.node().user();
    String n = SlurmCheck.label(f);
    if (r.unreachable()) {
      return n + ": cannot " + what + " over ssh (" + r.lastError() + ")";
    }
    if (r.stderr().contains("picluster-slurm: no-sudo")) {
      return n + ": sudo is not installed and " + user + " is not root; install sudo there and"
          + " allow " + user + " passwordless sudo";
    }
    if (r.stderr().contains("password is required") || r.stderr().contains("a terminal is required")) {
      return n + ": sudo asks " + user + " for a password; allow " + user + " passwordless sudo"
          + " there (the line '" + user + " ALL=(ALL) NOPASSWD: ALL' in /etc/sudoers.d/picluster,"
          + " written with visudo -f), or run picluster slurm as root in the cluster file";
    }
    return n + ": cannot " + what + ": " + r.lastError();
  }

  private int prove(SlurmFacts master, List<SlurmFacts> facts) {
    NodeShell.Result r = NodeShell.run(master.node(), SlurmScripts.PROVE,
        List.of(Integer.toString(facts.size())), PROVE_DEADLINE);
    TreeSet<String> want = new TreeSet<>();
    for (SlurmFacts f : facts) {
      want.add(f.slurmName());
    }
    TreeSet<String> got = new TreeSet<>();
    List<String> states = new ArrayList<>();
    for (String line : r.stdout().split("\n")) {
      if (line.startsWith("picluster-state ")) {
        states.add(line.substring("picluster-state ".length()).strip());
      } else if (!line.isBlank()) {
        got.add(line.strip());
      }
    }
    if (r.ok() && got.equals(want)) {
      out.println("Slurm is up: srun -N " + facts.size() + " hostname ran on " + String.join(" ", got)
          + " (partition " + SlurmConf.PARTITION + ", controller " + master.node().name() + ")");
      out.flush();
      return 0;
    }
    List<String> failures = new ArrayList<>();
    failures.add("the proof failed: srun -N " + facts.size() + " hostname on " + master.node().name()
        + (r.ok() ? " ran on " + got + " instead of " + want : ": " + r.lastError()));
    for (String s : states) {
      failures.add("  node state: " + s);
    }
    failures.add("the daemons' logs are in /var/log/slurm on each node");
    return failed(failures);
  }

  private int failed(List<String> failures) {
    for (String f : failures) {
      err.println("picluster: " + f);
    }
    err.flush();
    return 1;
  }
}
