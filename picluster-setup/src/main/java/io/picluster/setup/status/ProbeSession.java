package io.picluster.setup.status;

import io.picluster.launch.remote.SshCommand;
import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One probe on one node, as {@link NodeShell#run} runs a script (the same ssh command line, its
 * own session, killed with everything under it at the deadline), but reading its output as it
 * comes and answering on its standard input: that is how the clock is read. When the script says
 * {@value #CLOCK_ASK}, a line is sent and the time noted; the script answers with its clock
 * ({@code clock=NANOS}), whose arrival is noted too. The node's clock was read between the two, so
 * the offset is its reading minus the midpoint of that round trip (inside one established ssh
 * session: a few milliseconds, not the hundreds that ssh's set-up takes), give or take half of it.
 * A few rounds are made and the shortest kept.
 */
final class ProbeSession {
  static final String CLOCK_ASK = "picluster-clock?";
  static final int ROUNDS = 3;

  /** One clock reading: our send and receive times (µs since the epoch) and the node's answer. */
  record Sample(long sentMicros, long receivedMicros, String remote) {
    long roundTripMicros() {
      return receivedMicros - sentMicros;
    }
  }

  /** What came back, the call's own start and end (µs since the epoch), and the clock samples. */
  record Answer(NodeShell.Result result, long startMicros, long endMicros, List<Sample> samples) {}

  private ProbeSession() {}

  static Answer run(Node node, String script, List<String> args, Duration deadline) {
    List<String> argv = new ArrayList<>();
    argv.add("setsid"); // its own session: a Ctrl-C reaches us, and our deadline ends the tree
    argv.addAll(SshCommand.single(node.sshTarget(), SshCommand.shell(script, "picluster", args)));
    List<Sample> samples = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    Path err = null;
    long start = StatusProbe.nowMicros();
    try {
      err = Files.createTempFile("picluster-status", ".err");
      Process p = new ProcessBuilder(argv)
          .redirectOutput(Redirect.PIPE)
          .redirectError(err.toFile())
          .redirectInput(Redirect.PIPE)
          .start();
      LiveProcesses.add(p);
      AtomicBoolean timedOut = new AtomicBoolean();
      Thread killer = new Thread(() -> {
        try {
          if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            timedOut.set(true);
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
          }
        } catch (InterruptedException e) {
          // the session ended in time
        }
      }, "status-deadline-" + node.name());
      killer.setDaemon(true);
      killer.start();
      OutputStream toNode = p.getOutputStream();
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        long sent = -1;
        String line;
        while ((line = r.readLine()) != null) {
          long now = StatusProbe.nowMicros();
          out.append(line).append('\n');
          if (line.equals(CLOCK_ASK) || (sent >= 0 && line.startsWith("clock="))) {
            if (sent >= 0) {
              samples.add(new Sample(sent, now, line.substring("clock=".length())));
            }
            if (samples.size() < ROUNDS) {
              sent = StatusProbe.nowMicros();
              if (!send(toNode)) {
                sent = -1;
              }
            } else {
              sent = -1;
              close(toNode);
            }
          }
        }
      }
      close(toNode);
      int code = p.waitFor();
      LiveProcesses.remove(p);
      killer.interrupt();
      long end = StatusProbe.nowMicros();
      NodeShell.Result result = new NodeShell.Result(node, timedOut.get() ? -1 : code,
          out.toString(), Files.readString(err, StandardCharsets.UTF_8), timedOut.get());
      return new Answer(result, start, end, samples);
    } catch (IOException e) {
      return new Answer(new NodeShell.Result(node, -1, out.toString(),
          "cannot run ssh: " + e.getMessage(), false), start, StatusProbe.nowMicros(), samples);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(new NodeShell.Result(node, -1, out.toString(), "interrupted", false),
          start, StatusProbe.nowMicros(), samples);
    } finally {
      if (err != null) {
        try {
          Files.deleteIfExists(err);
        } catch (IOException ignored) {
          // a temporary file left in /tmp is harmless
        }
      }
    }
  }

  private static boolean send(OutputStream toNode) {
    try {
      toNode.write('\n');
      toNode.flush();
      return true;
    } catch (IOException gone) {
      return false;
    }
  }

  private static void close(OutputStream toNode) {
    try {
      toNode.close();
    } catch (IOException gone) {
      // the session is over
    }
  }
}
