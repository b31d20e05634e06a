package io.picluster.setup.remote;

import io.picluster.launch.remote.SshCommand;
import io.picluster.setup.cluster.Node;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs a POSIX shell script on nodes over the system ssh (BatchMode, a bounded connect,
 * accept-new; see {@link SshCommand}), each under a deadline, all nodes at once: what status,
 * install, doctor and shutdown are made of. A node that does not answer costs its deadline, never
 * the others'.
 */
public final class NodeShell {
  /** What one node answered. */
  public record Result(Node node, int exitCode, String stdout, String stderr, boolean timedOut) {
    public boolean ok() {
      return !timedOut && exitCode == 0;
    }

    /** ssh's own failure (exit 255), e.g. connection refused, no route, permission denied. */
    public boolean unreachable() {
      return timedOut || exitCode == 255;
    }

    /** The last line ssh or the script wrote to stderr, for one-line messages. */
    public String lastError() {
      String[] lines = stderr.strip().split("\n");
      String last = lines[lines.length - 1].strip();
      return timedOut ? "no answer in time" : last.isEmpty() ? "exit code " + exitCode : last;
    }
  }

  private NodeShell() {}

  /** Runs {@code script} with {@code args} ($1...) on {@code node}, as the node's login user. */
  public static Result run(Node node, String script, List<String> args, Duration timeout) {
    String remote = SshCommand.shell(script, "picluster", args);
    return runCommand(node, SshCommand.single(node.sshTarget(), remote), timeout);
  }

  /**
   * Runs {@code script} on {@code node} with INPUT as its standard input: for what must not show on
   * a command line (which ps shows to every user there), such as a key.
   */
  public static Result run(Node node, String script, List<String> args, byte[] input,
      Duration timeout) {
    String remote = SshCommand.shell(script, "picluster", args);
    return runCommand(node, SshCommand.single(node.sshTarget(), remote), input, timeout);
  }

  /** Runs the same script on every node in parallel; results in the nodes' order. */
  public static Map<Node, Result> runAll(List<Node> nodes, String script, List<String> args,
      Duration timeout) {
    List<Result> answers = inParallel(nodes, Node::name, n -> run(n, script, args, timeout));
    Map<Node, Result> results = new LinkedHashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      results.put(nodes.get(i), answers.get(i));
    }
    return results;
  }

  /**
   * Applies {@code task} to every item at once, one thread each (named "node-shell-" + the item's
   * name), and returns the answers in the items' order. If this thread is interrupted while
   * waiting, it stops waiting: unfinished answers are null and the interrupt flag stays set.
   */
  public static <T, R> List<R> inParallel(List<T> items, Function<T, String> name,
      Function<T, R> task) {
    List<Thread> threads = new ArrayList<>();
    List<R> answers = new ArrayList<>(Collections.nCopies(items.size(), null));
    for (int i = 0; i < items.size(); i++) {
      int k = i;
      Thread t = new Thread(() -> {
        R answer = task.apply(items.get(k));
        synchronized (answers) {
          answers.set(k, answer);
        }
      }, "node-shell-" + name.apply(items.get(i)));
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    synchronized (answers) {
      return new ArrayList<>(answers);
    }
  }

  /** Runs a local command line the same way (for the launcher's own node, or tools like ssh-copy-id). */
  public static Result runCommand(Node node, List<String> command, Duration timeout) {
    return runCommand(node, command, null, timeout);
  }

  private static Result runCommand(Node node, List<String> command, byte[] input, Duration timeout) {
    Path in = null;
    Path out = null;
    Path err = null;
    try {
      if (input != null) {
        in = Files.createTempFile("picluster-node", ".in");
        Files.write(in, input); // createTempFile makes it 600: the user's alone
      }
      out = Files.createTempFile("picluster-node", ".out");
      err = Files.createTempFile("picluster-node", ".err");
      List<String> argv = new ArrayList<>();
      argv.add("setsid"); // its own session: a Ctrl-C or our timeout ends the whole tree
      argv.addAll(command);
      Process p = new ProcessBuilder(argv)
          .redirectInput(Redirect.from(in != null ? in.toFile() : new File("/dev/null")))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .start();
      boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(2, TimeUnit.SECONDS);
      }
      return new Result(node, done ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8), !done);
    } catch (IOException e) {
      return new Result(node, -1, "", "cannot run " + command.get(0) + ": " + e.getMessage(), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(node, -1, "", "interrupted", false);
    } finally {
      delete(in);
      delete(out);
      delete(err);
    }
  }

  private static void delete(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // a temp file left in /tmp is harmless
      }
    }
  }
}
