package io.picluster.setup.keys;

import io.picluster.setup.cluster.Node;
import java.util.Locale;

/**
 * Why a BatchMode login from one node to another failed, in ssh's own words, and what to do about
 * it.
 *
 * @param reason the line of ssh's messages that says why, e.g. {@code pi@10.0.0.3: Permission
 *     denied (publickey).}
 * @param fix one sentence: the command or step that repairs it
 */
public record SshFailure(String reason, String fix) {
  /** Reads ssh's messages for a login from FROM (the user running it) to TO that failed. */
  public static SshFailure explain(String sshMessages, Node from, Node to) {
    String reason = reasonLine(sshMessages);
    String m = sshMessages.toLowerCase(Locale.ROOT);
    String target = to.user() + "@" + to.name();
    String fix;
    if (m.contains("identification has changed") || m.contains("host key verification failed")
        || m.contains("host key for") && m.contains("has changed")) {
      fix = from.name() + " has another host key on record for " + to.name() + ": if " + to.name()
          + " was re-installed, run 'ssh-keygen -R " + to.address() + "' and 'ssh-keygen -R "
          + to.name() + "' as " + from.user() + " on " + from.name()
          + ", then picluster keys again; if not, find out who answers at " + to.address();
    } else if (m.contains("permission denied")) {
      fix = from.name() + "'s key (" + from.user() + "'s ~/.ssh/id_ed25519.pub) is not accepted by "
          + target + ": run picluster keys again on the master, which installs it (asking for "
          + to.name() + "'s password where needed); if it is already in " + to.name()
          + "'s ~/.ssh/authorized_keys, make " + to.user()
          + "'s home and ~/.ssh not writable by others there (chmod go-w), which sshd insists on";
    } else if (m.contains("connection refused")) {
      fix = "nothing answers SSH at " + to.address() + ":22: enable the SSH server on " + to.name()
          + " (sudo systemctl enable --now ssh; or Raspberry Pi Imager's 'Enable SSH')";
    } else if (m.contains("timed out") || m.contains("no route to host")
        || m.contains("network is unreachable") || m.contains("no answer in time")) {
      fix = to.name() + " does not answer at " + to.address() + " from " + from.name()
          + ": check that it is on and cabled, and that both have their backbone addresses"
          + " (picluster net)";
    } else if (m.contains("could not resolve")) {
      fix = from.name() + " cannot resolve " + to.name() + ": use its address " + to.address()
          + ", or add it to /etc/hosts (picluster net)";
    } else if (m.contains("ssh: not found") || m.contains("ssh: command not found")) {
      fix = "there is no ssh client on " + from.name() + ": sudo apt-get install openssh-client";
    } else {
      fix = "run 'ssh -v " + to.user() + "@" + to.address() + " true' as " + from.user() + " on "
          + from.name() + " to see why";
    }
    return new SshFailure(reason, fix);
  }

  /** Whether the server offers password logins, from its "Permission denied (METHODS)" line. */
  public static boolean offersPassword(String sshMessages) {
    int at = sshMessages.indexOf("Permission denied (");
    if (at < 0) {
      return false;
    }
    int end = sshMessages.indexOf(')', at);
    String methods = sshMessages.substring(at, end < 0 ? sshMessages.length() : end);
    return methods.contains("password") || methods.contains("keyboard-interactive");
  }

  /** The line that says why: one naming a known cause, else the last that is not a warning. */
  static String reasonLine(String sshMessages) {
    String known = null;
    String last = null;
    for (String line : sshMessages.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("Warning: Permanently added") || l.startsWith("@@@")) {
        continue;
      }
      String lower = l.toLowerCase(Locale.ROOT);
      if (lower.contains("permission denied") || lower.contains("connection refused")
          || lower.contains("timed out") || lower.contains("no route") || lower.contains("unreachable")
          || lower.contains("verification failed") || lower.contains("could not resolve")
          || lower.contains("not found") || lower.contains("no answer in time")) {
        known = l;
      }
      last = l;
    }
    return known != null ? known : last != null ? last : "ssh said nothing";
  }
}
