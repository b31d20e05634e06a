package io.picluster.launch.remote;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Command lines for the system's OpenSSH client, so users' ~/.ssh/config, agents and known_hosts
 * apply as they expect. Never a prompt (BatchMode: a launch must not hang on a password or a
 * host-key question), a bounded connect, a new host's key recorded on first contact but a changed
 * key refused (accept-new, never "no"), a dead peer noticed within about ten seconds, and one TCP
 * connection per host: the first session is the control master, later ones ride on it.
 */
public final class SshCommand {
  /** Seconds to wait for a host to accept the connection (a node that is off or unplugged). */
  public static final int CONNECT_TIMEOUT_SECONDS = 5;

  private final Path controlDir;
  private final Map<String, Integer> socketNumbers = new HashMap<>();

  /** {@code controlDir} holds the master connections' sockets; keep its path short (108 bytes). */
  public SshCommand(Path controlDir) {
    this.controlDir = controlDir;
  }

  /** The first session to {@code host}; it opens the connection that later sessions share. */
  public List<String> master(String host, String remoteCommand) {
    return command(host, "yes", remoteCommand);
  }

  /** Another session over {@code host}'s master connection. */
  public List<String> viaMaster(String host, String remoteCommand) {
    return command(host, "no", remoteCommand);
  }

  /** A session of its own, sharing no connection: for one-off commands (status probes). */
  public static List<String> single(String host, String remoteCommand) {
    List<String> c = common();
    option(c, "ControlMaster=no");
    option(c, "ControlPath=none");
    c.add("--");
    c.add(host);
    c.add(remoteCommand);
    return c;
  }

  private List<String> command(String host, String controlMaster, String remoteCommand) {
    List<String> c = common();
    option(c, "ControlMaster=" + controlMaster);
    option(c, "ControlPath=" + controlPath(host));
    option(c, "ControlPersist=no");
    c.add("--");
    c.add(host);
    c.add(remoteCommand);
    return c;
  }

  private static List<String> common() {
    List<String> c = new ArrayList<>();
    c.add("ssh");
    c.add("-T"); // no terminal: ranks' output is a byte stream
    c.add("-x");
    option(c, "BatchMode=yes");
    option(c, "ConnectTimeout=" + CONNECT_TIMEOUT_SECONDS);
    option(c, "StrictHostKeyChecking=accept-new");
    option(c, "ServerAliveInterval=3");
    option(c, "ServerAliveCountMax=3");
    return c;
  }

  /** One socket per host, numbered: any host text is safe and the path stays short. */
  private synchronized String controlPath(String host) {
    Integer n = socketNumbers.computeIfAbsent(host, h -> socketNumbers.size());
    return controlDir.resolve("c" + n).toString();
  }

  private static void option(List<String> c, String option) {
    c.add("-o");
    c.add(option);
  }

  /**
   * {@code sh -c SCRIPT NAME ARGS...} as one string for the remote login shell, every part in
   * single quotes.
   */
  public static String shell(String script, String name, List<String> args) {
    StringBuilder b = new StringBuilder("sh -c ").append(quote(script)).append(' ').append(quote(name));
    for (String a : args) {
      b.append(' ').append(quote(a));
    }
    return b.toString();
  }

  /**
   * ARGV as one string for the remote login shell: words a shell reads as they are stay bare, the
   * others in single quotes.
   */
  public static String line(List<String> argv) {
    StringBuilder b = new StringBuilder();
    for (String w : argv) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(w.matches("[A-Za-z0-9_./=+-]+") ? w : quote(w));
    }
    return b.toString();
  }

  /** POSIX single quoting: 'it'\''s'. */
  public static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
