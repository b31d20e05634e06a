package io.picluster.setup.power;

import io.picluster.setup.cluster.Node;
import io.picluster.setup.remote.NodeShell;
import java.util.Locale;

/**
 * How one node took its power command: going down, or not, with ssh's or sudo's reason and the
 * fix, for one line of output.
 *
 * @param why empty when ok; else the reason and the fix, e.g. {@code sudo needs a password: allow
 *     passwordless sudo for systemctl poweroff, or run it there}
 */
public record PowerOutcome(Node node, boolean ok, String why) {
  /** Reads what NODE answered to the power script of ACTION. */
  public static PowerOutcome of(NodeShell.Result r, PowerAction action) {
    Node n = r.node();
    boolean started = r.stdout().contains(PowerPlan.STARTED);
    if (r.ok()) {
      return new PowerOutcome(n, true, "");
    }
    if (started && r.unreachable()) {
      // The command ran and the node went away under the connection: that is success.
      return new PowerOutcome(n, true, "");
    }
    String err = r.stderr().toLowerCase(Locale.ROOT);
    // dash says "NAME: LINE: sudo: not found", NAME being the script's; keep what matters.
    String last = r.lastError().replaceFirst("^[^\\s:]+: [0-9]+: ", "");
    String cmd = "systemctl " + action.verb();
    if (!started && r.unreachable()) {
      return new PowerOutcome(n, false, "cannot reach it (" + last + "); if it is off already,"
          + " add --force, else check that it is on and on the network");
    }
    if (!started) {
      return new PowerOutcome(n, false, "its shell did not start the command (" + last + ")");
    }
    if (err.contains("a password is required") || err.contains("a terminal is required")
        || err.contains("askpass")) {
      return new PowerOutcome(n, false, "sudo needs a password (" + last + "): allow"
          + " passwordless sudo for " + cmd + " (with visudo, a line '" + n.user()
          + " ALL=(root) NOPASSWD: /usr/bin/systemctl poweroff, /usr/bin/systemctl reboot' in"
          + " /etc/sudoers.d/picluster), or run it there");
    }
    if (err.contains("not in the sudoers") || err.contains("is not allowed to")
        || err.contains("may not run sudo")) {
      return new PowerOutcome(n, false, n.user() + " may not run " + cmd + " with sudo there ("
          + last + "): allow it in /etc/sudoers.d (with visudo), or run it there as root");
    }
    if (r.exitCode() == 127 || err.contains("not found")) {
      return new PowerOutcome(n, false, "a command is missing there (" + last + "): install sudo"
          + " (apt-get install sudo) and allow " + cmd + ", or run it there as root");
    }
    if (err.contains("interactive authentication required") || err.contains("access denied")) {
      return new PowerOutcome(n, false, "systemctl refused (" + last + "): allow passwordless sudo"
          + " for " + cmd + ", or run it there as root");
    }
    return new PowerOutcome(n, false, last);
  }
}
