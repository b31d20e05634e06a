package io.picluster.setup.power;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.ClusterFile;
import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The order, the question and the refusals of shutdown and reboot, with a recording runner. */
class PowerSequenceTest {
  private static final Cluster CLUSTER = ClusterFile.parse(Path.of("cluster.conf"), String.join(
      "\n", "network 10.0.0.0/24", "user pi", "master node1", "node node1 10.0.0.1",
      "node node2 10.0.0.2", "node node3 10.0.0.3", "node node4 10.0.0.4 user=alice", ""));

  /** Records every call in order; answers as told per node (default: the command ran). */
  private static final class Recorder implements PowerRunner {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final Map<String, NodeShell.Result> answers = new HashMap<>();
    CountDownLatch allWorkersIn;

    @Override
    public NodeShell.Result run(Node node, boolean here, String script, List<String> args) {
      calls.add(node.name() + (here ? " here" : " ssh") + " " + args);
      if (allWorkersIn != null && !node.name().equals("node1")) {
        allWorkersIn.countDown();
        try {
          // Every worker must have started before any finishes: they run at once.
          assertThat(allWorkersIn.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      assertThat(script).contains("echo " + PowerPlan.STARTED)
          .contains(PowerPlan.DEFAULT_PREFIX + " \"$1\"");
      NodeShell.Result answer = answers.get(node.name());
      return answer != null ? new NodeShell.Result(node, answer.exitCode(), answer.stdout(),
          answer.stderr(), answer.timedOut())
          : new NodeShell.Result(node, 0, PowerPlan.STARTED + "\n", "", false);
    }
  }

  private final Recorder runner = new Recorder();
  private final StringWriter text = new StringWriter();
  private final List<String> questions = new ArrayList<>();

  private int execute(PowerAction action, boolean yes, boolean dryRun, boolean force,
      String answer) {
    PowerPlan plan = PowerPlan.of(action, CLUSTER, true, PowerPlan.DEFAULT_PREFIX);
    return new PowerSequence(plan, runner, new PrintWriter(text)).execute(yes, dryRun, force, q -> {
      questions.add(q);
      return answer;
    });
  }

  @Test
  void asksThenTakesTheWorkersDownAtOnceAndTheMasterLast() {
    runner.allWorkersIn = new CountDownLatch(3);
    assertThat(execute(PowerAction.POWEROFF, false, false, false, "y")).isZero();
    assertThat(questions).containsExactly(
        "Shut down node2, node3, node4, then node1 (this machine)? [y/N] ");
    assertThat(runner.calls).hasSize(4);
    assertThat(runner.calls.subList(0, 3)).containsExactlyInAnyOrder(
        "node2 ssh [poweroff]", "node3 ssh [poweroff]", "node4 ssh [poweroff]");
    assertThat(runner.calls.get(3)).isEqualTo("node1 here [poweroff]");
    assertThat(text.toString()).isEqualTo(
        "node2: shutting down\nnode3: shutting down\nnode4: shutting down\n"
            + "node1 (this machine, the master): shutting down now.\n");
  }

  @Test
  void anythingButYesIsNo() {
    for (String answer : new String[] {"n", "", "no", "yess", null, "maybe"}) {
      assertThat(execute(PowerAction.POWEROFF, false, false, false, answer)).isEqualTo(1);
    }
    assertThat(runner.calls).isEmpty();
    assertThat(text.toString()).contains(
        "Nothing was shut down (no yes given; --yes skips the question).");
    for (String answer : new String[] {"Y", " yes ", "YES"}) {
      assertThat(Confirmation.isYes(answer)).isTrue();
    }
  }

  @Test
  void yesSkipsTheQuestionAndRebootSaysReboot() {
    assertThat(execute(PowerAction.REBOOT, true, false, false, "n")).isZero();
    assertThat(questions).isEmpty();
    assertThat(runner.calls).contains("node1 here [reboot]", "node4 ssh [reboot]");
    assertThat(text.toString()).contains("node2: rebooting\n")
        .contains("node1 (this machine, the master): rebooting now.\n");
    assertThat(PowerPlan.of(PowerAction.REBOOT, CLUSTER, false, PowerPlan.DEFAULT_PREFIX)
        .question()).isEqualTo("Reboot node2, node3, node4, then node1? [y/N] ");
  }

  @Test
  void aDryRunPrintsTheCommandsInOrderAndRunsNothing() {
    assertThat(execute(PowerAction.POWEROFF, false, true, false, null)).isZero();
    assertThat(runner.calls).isEmpty();
    assertThat(questions).isEmpty();
    assertThat(text.toString()).isEqualTo(String.join("\n",
        "Would run, on all workers at once:",
        "  node2: ssh pi@10.0.0.2 sudo -n systemctl poweroff",
        "  node3: ssh pi@10.0.0.3 sudo -n systemctl poweroff",
        "  node4: ssh alice@10.0.0.4 sudo -n systemctl poweroff",
        "then, when every worker has accepted it, on the master:",
        "  node1: sudo -n systemctl poweroff   (here)",
        ""));
  }

  @Test
  void aWorkerThatFailsIsNamedWithTheFixAndTheMasterStaysUp() {
    runner.answers.put("node3", new NodeShell.Result(null, 1, PowerPlan.STARTED + "\n",
        "sudo: a password is required\n", false));
    assertThat(execute(PowerAction.POWEROFF, true, false, false, null)).isEqualTo(1);
    assertThat(runner.calls).doesNotContain("node1 here [poweroff]").hasSize(3);
    assertThat(text.toString())
        .contains("node2: shutting down\n")
        .contains("node3: NOT shut down: sudo needs a password (sudo: a password is required):"
            + " allow passwordless sudo for systemctl poweroff (with visudo, a line 'pi"
            + " ALL=(root) NOPASSWD: /usr/bin/systemctl poweroff, /usr/bin/systemctl reboot' in"
            + " /etc/sudoers.d/picluster), or run it there\n")
        .contains("node1 (the master) is NOT shut down, because node3 was not; fix that and run"
            + " picluster shutdown again, or add --force to take node1 down anyway.\n");
    assertThat(text.toString().lines().filter(l -> l.startsWith("node3")).count()).isEqualTo(1);
  }

  @Test
  void forceTakesTheMasterDownAnywayButStillReportsTheFailure() {
    runner.answers.put("node2", new NodeShell.Result(null, 255, "",
        "ssh: connect to host 10.0.0.2 port 22: No route to host\n", false));
    assertThat(execute(PowerAction.POWEROFF, true, false, true, null)).isEqualTo(1);
    assertThat(runner.calls).contains("node1 here [poweroff]");
    assertThat(text.toString()).contains("node2: NOT shut down: cannot reach it (ssh: connect to"
        + " host 10.0.0.2 port 22: No route to host); if it is off already, add --force, else"
        + " check that it is on and on the network\n")
        .contains("node1 (this machine, the master): shutting down now.\n");
  }

  @Test
  void aConnectionCutAfterTheCommandStartedIsANodeGoingDown() {
    runner.answers.put("node2", new NodeShell.Result(null, 255, PowerPlan.STARTED + "\n",
        "Connection to 10.0.0.2 closed by remote host.\n", false));
    runner.answers.put("node3", new NodeShell.Result(null, -1, PowerPlan.STARTED + "\n", "", true));
    assertThat(execute(PowerAction.POWEROFF, true, false, false, null)).isZero();
    assertThat(runner.calls).contains("node1 here [poweroff]");
  }

  @Test
  void theReasonsOfSudoAndSshAreTranslated() {
    Node n = CLUSTER.node("node4").orElseThrow();
    assertThat(why(n, 1, true, "pi is not in the sudoers file.  This incident will be reported."))
        .startsWith("alice may not run systemctl poweroff with sudo there");
    assertThat(why(n, 127, true, "sh: 1: sudo: not found"))
        .startsWith("a command is missing there (sudo: not found): install sudo");
    assertThat(why(n, 1, true, "Failed to power off system via logind: Interactive authentication"
        + " required.")).startsWith("systemctl refused");
    assertThat(why(n, 3, true, "something else")).isEqualTo("something else");
    assertThat(why(n, 2, false, "sh: syntax error")).startsWith("its shell did not start");
  }

  private static String why(Node n, int exit, boolean started, String err) {
    PowerOutcome o = PowerOutcome.of(new NodeShell.Result(n, exit,
        started ? PowerPlan.STARTED + "\n" : "", err + "\n", false), PowerAction.POWEROFF);
    assertThat(o.ok()).isFalse();
    return o.why();
  }

  @Test
  void theMasterAloneAndAMasterElsewhere() {
    Cluster one = ClusterFile.parse(Path.of("c"), "network 10.0.0.0/24\nuser pi\nmaster node1\n"
        + "node node1 10.0.0.1\n");
    PowerPlan plan = PowerPlan.of(PowerAction.POWEROFF, one, false, "/home/pi/bin/fake");
    assertThat(plan.question()).isEqualTo("Shut down node1? [y/N] ");
    assertThat(plan.describe()).containsExactly("Would run on the master (there are no workers):",
        "  node1: ssh pi@10.0.0.1 /home/pi/bin/fake poweroff");
    assertThat(plan.script()).isEqualTo("echo " + PowerPlan.STARTED + "\n/home/pi/bin/fake \"$1\"");
  }
}
