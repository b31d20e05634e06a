package io.picluster.setup.keys;

import io.picluster.launch.remote.SshCommand;
import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Puts a public key into a node's {@code ~/.ssh/authorized_keys} by logging in with the user's
 * password once, as {@code ssh-copy-id} does: the system ssh, password (or keyboard-interactive)
 * only, one try, the password handed over by an {@link Askpass} helper, no terminal.
 */
final class KeyInstall {
  static final Duration TIMEOUT = Duration.ofSeconds(40);

  private KeyInstall() {}

  /** The ssh command line that logs in with a password and runs the remote command. */
  static List<String> command(Node node, String remoteCommand) {
    List<String> c = new ArrayList<>(List.of("ssh", "-T", "-x"));
    for (String o : List.of(
        "BatchMode=no", // the one login that may ask, and the askpass helper answers
        "ConnectTimeout=" + SshCommand.CONNECT_TIMEOUT_SECONDS,
        "StrictHostKeyChecking=accept-new", // recorded just before; a changed key is refused
        "PubkeyAuthentication=no",
        "PreferredAuthentications=keyboard-interactive,password",
        "NumberOfPasswordPrompts=1",
        "ControlMaster=no",
        "ControlPath=none",
        "ServerAliveInterval=3",
        "ServerAliveCountMax=3")) {
      c.add("-o");
      c.add(o);
    }
    c.add("--");
    c.add(node.sshTarget());
    c.add(remoteCommand);
    return c;
  }

  /** Logs in to NODE with PASSWORD and adds KEY to its authorized_keys. */
  static NodeShell.Result install(Node node, PublicKeyLine key, char[] password, Askpass askpass) {
    String remote = SshCommand.shell(KeyScripts.AUTHORIZE, "picluster", List.of(key.line(), key.key()));
    return run(node, command(node, remote), askpass.environment(password), TIMEOUT);
  }

  /**
   * Runs COMMAND here with ENV added, in its own session (no terminal to prompt on), input from
   * /dev/null, output in files, killed with its children after TIMEOUT.
   */
  static NodeShell.Result run(Node node, List<String> command, Map<String, String> env,
      Duration timeout) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("picluster-keys", ".out");
      err = Files.createTempFile("picluster-keys", ".err");
      List<String> argv = new ArrayList<>();
      argv.add("setsid");
      argv.addAll(command);
      ProcessBuilder b = new ProcessBuilder(argv)
          .redirectInput(Redirect.from(new File("/dev/null")))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile());
      b.environment().putAll(env);
      Process p = b.start();
      boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(2, TimeUnit.SECONDS);
      }
      return new NodeShell.Result(node, done ? p.exitValue() : -1,
          Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
          !done);
    } catch (IOException e) {
      return new NodeShell.Result(node, -1, "", "cannot run " + command.get(0) + ": "
          + e.getMessage(), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new NodeShell.Result(node, -1, "", "interrupted", false);
    } finally {
      for (Path p : new Path[] {out, err}) {
        if (p != null) {
          try {
            Files.deleteIfExists(p);
          } catch (IOException ignored) {
            // a temporary file without secrets
          }
        }
      }
    }
  }
}
