package io.picluster.setup.install;

import io.picluster.launch.remote.SshCommand;
import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import io.picluster.setup.status.LiveProcesses;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link NodeShell#run} with a file as the script's standard input: how install sends the jar, in
 * the same ssh session that checks and places it. Same ssh options (BatchMode, bounded connect,
 * accept-new), its own session (setsid), a deadline after which the whole tree is killed, and
 * ended with picluster (see {@link LiveProcesses}): a Ctrl-C stops the copy, and the node's script
 * then removes the partial file.
 */
final class NodeUpload {
  private NodeUpload() {}

  /** Runs {@code script} with {@code args} on {@code node}, {@code stdin} (or nothing) as input. */
  static NodeShell.Result run(Node node, String script, List<String> args, Path stdin,
      Duration timeout) {
    String remote = SshCommand.shell(script, "picluster-install", args);
    List<String> argv = new ArrayList<>();
    argv.add("setsid");
    argv.addAll(SshCommand.single(node.sshTarget(), remote));
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("picluster-install", ".out");
      err = Files.createTempFile("picluster-install", ".err");
      Process p = new ProcessBuilder(argv)
          .redirectInput(stdin != null ? Redirect.from(stdin.toFile())
              : Redirect.from(new File("/dev/null")))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .start();
      LiveProcesses.add(p);
      boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(2, TimeUnit.SECONDS);
      }
      LiveProcesses.remove(p);
      return new NodeShell.Result(node, done ? p.exitValue() : -1,
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8), !done);
    } catch (IOException e) {
      return new NodeShell.Result(node, -1, "", "cannot run ssh: " + e.getMessage(), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new NodeShell.Result(node, -1, "", "interrupted", false);
    } finally {
      for (Path f : new Path[] {out, err}) {
        if (f != null) {
          try {
            Files.deleteIfExists(f);
          } catch (IOException ignored) {
            // a temporary file left in /tmp is harmless
          }
        }
      }
    }
  }
}
