package io.picluster.setup.power;

import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code picluster shutdown} and {@code reboot}: asks first (unless told not to), then sends every
 * worker its command at once, waits for all of them, and only then the master, so the machine you
 * work on goes last. If a worker does not take its command, the master stays up (unless forced),
 * so that you can still reach the rest.
 */
public final class PowerSequence {
  private final PowerPlan plan;
  private final PowerRunner runner;
  private final PrintWriter out;

  public PowerSequence(PowerPlan plan, PowerRunner runner, PrintWriter out) {
    this.plan = plan;
    this.runner = runner;
    this.out = out;
  }

  /**
   * Runs the plan; returns the exit code: 0 when every node took its command (or for a dry run),
   * 1 when one did not or the question was not answered yes.
   *
   * @param yes skip the question
   * @param dryRun only print what would run
   * @param force take the master down even if a worker failed
   */
  public int execute(boolean yes, boolean dryRun, boolean force, Confirmation confirmation) {
    if (dryRun) {
      plan.describe().forEach(this::say);
      return 0;
    }
    if (!yes) {
      out.flush();
      if (!Confirmation.isYes(confirmation.ask(plan.question()))) {
        say("Nothing was " + plan.action().done() + " (no yes given; --yes skips the question).");
        return 1;
      }
    }
    List<PowerOutcome> failed = new ArrayList<>();
    for (PowerOutcome o : workersAtOnce()) {
      if (o.ok()) {
        say(o.node().name() + ": " + plan.action().doing());
      } else {
        say(o.node().name() + ": NOT " + plan.action().done() + ": " + o.why());
        failed.add(o);
      }
    }
    Node master = plan.master();
    if (!failed.isEmpty() && !force) {
      List<String> names = new ArrayList<>();
      failed.forEach(o -> names.add(o.node().name()));
      say(master.name() + " (the master) is NOT " + plan.action().done() + ", because "
          + String.join(", ", names) + (names.size() == 1 ? " was" : " were") + " not; fix that"
          + " and run picluster " + plan.action().command() + " again, or add --force to take "
          + master.name() + " down anyway.");
      return 1;
    }
    say(master.name() + (plan.masterIsHere() ? " (this machine, the master): " : " (the master): ")
        + plan.action().doing() + " now.");
    out.flush();
    PowerOutcome m = PowerOutcome.of(
        runner.run(master, plan.masterIsHere(), plan.script(), List.of(plan.action().verb())),
        plan.action());
    if (!m.ok()) {
      say(master.name() + ": NOT " + plan.action().done() + ": " + m.why());
      return 1;
    }
    return failed.isEmpty() ? 0 : 1;
  }

  /** Every worker's command at once; the outcomes in the workers' order. */
  private List<PowerOutcome> workersAtOnce() {
    List<Node> workers = plan.workers();
    List<PowerOutcome> answers = NodeShell.inParallel(workers, Node::name, w -> {
      NodeShell.Result r;
      try {
        r = runner.run(w, false, plan.script(), List.of(plan.action().verb()));
      } catch (RuntimeException e) {
        r = new NodeShell.Result(w, -1, "", String.valueOf(e.getMessage()), false);
      }
      return PowerOutcome.of(r, plan.action());
    });
    List<PowerOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < workers.size(); i++) {
      // null: this thread was interrupted while waiting (the flag stays set)
      outcomes.add(answers.get(i) != null ? answers.get(i)
          : new PowerOutcome(workers.get(i), false, "interrupted before it answered"));
    }
    return outcomes;
  }

  private void say(String line) {
    out.println(line);
    out.flush();
  }
}
