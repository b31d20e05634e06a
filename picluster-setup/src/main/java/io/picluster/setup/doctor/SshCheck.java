package io.picluster.setup.doctor;

import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Check 3: a BatchMode login from this machine (the master) to every node works, as every launch
 * needs: no password, no host-key question, nothing that would make a launch hang or fail. When it
 * does not, ssh's own messages say why, and each cause has its fix.
 */
public final class SshCheck {
  public static final String NAME = "ssh";

  /** Why a login failed, as doctor sorts ssh's messages. */
  public enum Cause {
    /** The node's host key differs from the one on record: re-installed, or someone else. */
    HOST_KEY_CHANGED,
    /** The key is not accepted; the node would ask for a password. */
    KEY_REFUSED,
    /** Nothing listens on port 22: sshd is off, or the node is still booting. */
    REFUSED,
    /** No answer: the node is off, unplugged, or not at that address. */
    NO_ANSWER,
    /** The name does not resolve here. */
    UNKNOWN_NAME,
    /** Logged in, but the probe script failed there. */
    SCRIPT,
    /** Anything else. */
    OTHER
  }

  private SshCheck() {}

  /** One line per node. */
  public static List<Check> check(List<NodeFacts> facts) {
    List<Check> checks = new ArrayList<>();
    for (NodeFacts f : facts) {
      checks.add(check(f));
    }
    return checks;
  }

  static Check check(NodeFacts f) {
    Node n = f.node();
    if (f.answered()) {
      return Check.ok(NAME, n.name(), "BatchMode login as " + n.sshTarget() + " works");
    }
    NodeShell.Result r = f.ssh();
    Cause cause = classify(r);
    String reason = reasonLine(r);
    String target = n.sshTarget();
    String finding = "cannot log in as " + target + " without a prompt: " + reason;
    String fix;
    switch (cause) {
      case HOST_KEY_CHANGED -> {
        finding = n.name() + "'s host key is not the one on record here (REMOTE HOST"
            + " IDENTIFICATION HAS CHANGED): " + reason;
        fix = "if " + n.name() + " was re-installed, forget its old key with 'ssh-keygen -R "
            + n.address() + "'" + (n.name().equals(n.address()) ? ""
                : " and 'ssh-keygen -R " + n.name() + "'")
            + ", then run picluster keys (it records the new key and shows its fingerprint);"
            + " if it was not, find out who answers at " + n.address() + " first";
      }
      case KEY_REFUSED -> {
        finding = "key login as " + target + " is refused" + (offersPassword(r.stderr())
            ? " and the node asks for a password (a launch would stop there)" : "") + ": "
            + reason;
        fix = "run picluster keys: it installs this machine's key on every node (asking for"
            + " each node's password once); if the key is in ~/.ssh/authorized_keys there"
            + " already, make the home folder and ~/.ssh not writable by others (chmod go-w)";
      }
      case REFUSED -> {
        finding = "nothing answers ssh at " + n.address() + ":22 (connection refused): the SSH"
            + " server is not running there";
        fix = "start the SSH server on " + n.name() + ": sudo systemctl enable --now ssh"
            + " (on a fresh Raspberry Pi OS, enable SSH in Raspberry Pi Imager); if it is"
            + " booting, wait a moment";
      }
      case NO_ANSWER -> {
        finding = n.name() + " does not answer at " + n.address() + " (" + reason + ")";
        fix = "check that " + n.name() + " is on and cabled, and has its backbone address"
            + " (picluster net); ping " + n.address();
      }
      case UNKNOWN_NAME -> {
        finding = n.name() + " does not resolve here: " + reason;
        fix = "name it by its address, or add it to /etc/hosts (picluster net)";
      }
      case SCRIPT -> {
        finding = "logged in as " + target + ", but a plain shell script failed there: " + reason;
        fix = "check " + n.user() + "'s login files on " + n.name() + " (~/.profile,"
            + " ~/.bashrc) for commands that fail or print without a terminal";
      }
      default -> fix = "run 'ssh -v " + target + " true' to see why";
    }
    return Check.fail(NAME, n.name(), finding, fix);
  }

  /** Sorts a failed call by ssh's messages. */
  public static Cause classify(NodeShell.Result r) {
    String m = r.stderr().toLowerCase(Locale.ROOT);
    if (r.timedOut()) {
      return Cause.NO_ANSWER;
    }
    if (m.contains("remote host identification has changed")
        || m.contains("host key verification failed")
        || m.contains("host key for") && m.contains("has changed")) {
      return Cause.HOST_KEY_CHANGED;
    }
    if (m.contains("permission denied") || m.contains("too many authentication failures")) {
      return Cause.KEY_REFUSED;
    }
    if (m.contains("connection refused")) {
      return Cause.REFUSED;
    }
    if (m.contains("timed out") || m.contains("no route to host")
        || m.contains("network is unreachable") || m.contains("host is down")) {
      return Cause.NO_ANSWER;
    }
    if (m.contains("could not resolve") || m.contains("name or service not known")) {
      return Cause.UNKNOWN_NAME;
    }
    if (r.exitCode() != 255 && r.exitCode() >= 0) {
      return Cause.SCRIPT;
    }
    return Cause.OTHER;
  }

  /** Whether the server offers passwords: its "Permission denied (publickey,password)" line. */
  static boolean offersPassword(String stderr) {
    int at = stderr.indexOf("Permission denied (");
    if (at < 0) {
      return false;
    }
    int end = stderr.indexOf(')', at);
    String methods = stderr.substring(at, end < 0 ? stderr.length() : end);
    return methods.contains("password") || methods.contains("keyboard-interactive");
  }

  /** The line of ssh's messages that says why: one naming a known cause, else the last one. */
  static String reasonLine(NodeShell.Result r) {
    if (r.timedOut()) {
      return "no answer in time";
    }
    String known = null;
    String last = null;
    for (String line : r.stderr().split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("@@@") || l.startsWith("Warning: Permanently added")) {
        continue;
      }
      String lower = l.toLowerCase(Locale.ROOT);
      if (lower.contains("host key verification failed") || lower.contains("permission denied")
          || lower.contains("connection refused") || lower.contains("timed out")
          || lower.contains("no route to host") || lower.contains("unreachable")
          || lower.contains("could not resolve")) {
        known = l;
      }
      last = l;
    }
    return known != null ? known : last != null ? last : "exit code " + r.exitCode();
  }
}
