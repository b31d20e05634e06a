package io.picluster.launch.remote;

import io.picluster.launch.LaunchException;
import io.picluster.launch.bootstrap.Bootstrap;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts processes on other hosts with the system's ssh client ({@link SshCommand}): the first one
 * on a host opens the host's master connection, the later ones (file copies) ride on it. Each ssh
 * client runs in its own session (setsid): a Ctrl-C at the terminal goes to the launcher, which stops
 * the job in order, not to ssh, which would drop the connection under it.
 */
public final class SshBootstrap implements Bootstrap {
  private final Path controlDir;
  private final SshCommand ssh;
  private final Set<String> connected = new HashSet<>();

  /** Makes a private folder for the master connections' sockets. */
  public SshBootstrap() throws IOException {
    controlDir = ControlDir.create();
    ssh = new SshCommand(controlDir);
  }

  @Override
  public String name() {
    return "ssh";
  }

  @Override
  public boolean sharesFiles() {
    return false;
  }

  /** COMMAND runs in HOST's login shell, quoted word by word; HOST may be user@host. */
  @Override
  public Process launch(String host, List<String> command, Map<String, String> env, Path workDir,
      Redirect stdin) throws LaunchException {
    if (!env.isEmpty() || workDir != null) {
      throw new IllegalArgumentException("ssh sets no environment or folder: the command does");
    }
    boolean first;
    synchronized (connected) {
      first = connected.add(host);
    }
    String remote = SshCommand.line(command);
    List<String> argv = new ArrayList<>();
    argv.add("setsid");
    argv.addAll(first ? ssh.master(host, remote) : ssh.viaMaster(host, remote));
    try {
      return new ProcessBuilder(argv).redirectInput(stdin).start();
    } catch (IOException e) {
      throw new LaunchException("cannot run ssh to reach " + host + ": " + e.getMessage()
          + "; install the OpenSSH client (apt install openssh-client)");
    }
  }

  /** Removes the sockets' folder; a master that has not exited yet removes its socket itself. */
  @Override
  public boolean startsSessionsEarly() {
    return true;
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(controlDir);
    } catch (IOException leftSocket) {
      // the last master is still exiting
    }
  }
}
