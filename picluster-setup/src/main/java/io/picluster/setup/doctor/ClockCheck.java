package io.picluster.setup.doctor;

import io.picluster.setup.status.NodeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Check 7: every node's clock is within a second of this machine's, as the status probe measured
 * it (the node's reading against the midpoint of a round trip inside one ssh session). Skewed
 * clocks make job timings, logs and anything with time stamps (make, TLS) disagree between nodes.
 * An offset over the limit counts only when it stays over after taking off the measurement's
 * uncertainty; otherwise it is a warning.
 */
public final class ClockCheck {
  public static final String NAME = "clock";

  /** The most a node's clock may be off: 1 s. */
  public static final double LIMIT_MS = 1000;

  private ClockCheck() {}

  /** One line per node whose status probe answered (except those in {@code skip}). */
  public static List<Check> check(List<NodeStatus> statuses, Set<String> skip) {
    List<Check> checks = new ArrayList<>();
    for (NodeStatus s : statuses) {
      String n = s.node().name();
      if (!s.up() || skip.contains(n)) {
        continue;
      }
      Double off = s.clockOffsetMs();
      double unc = s.clockUncertaintyMs() == null ? 0 : s.clockUncertaintyMs();
      if (off == null) {
        checks.add(Check.warn(NAME, n, "cannot read its clock (no date there?)",
            "check that 'date +%s' works there"));
        continue;
      }
      // "+/-" in ASCII: doctor's lines read the same in any locale (and in a pasted report).
      String how = format(off) + " from this machine's (+/-" + format(unc).substring(1) + ")";
      if (Math.abs(off) > LIMIT_MS && Math.abs(off) - unc > LIMIT_MS) {
        checks.add(Check.fail(NAME, n, "its clock is " + how + ", more than 1 s off", fix()));
      } else if (Math.abs(off) > LIMIT_MS) {
        checks.add(Check.warn(NAME, n, "its clock may be more than 1 s off: " + how, fix()));
      } else {
        checks.add(Check.ok(NAME, n, "clock " + how));
      }
    }
    return checks;
  }

  static String fix() {
    return "turn on time sync on every node: sudo timedatectl set-ntp true (systemd-timesyncd),"
        + " or sudo apt install chrony; without internet, let the others take the time from the"
        + " master (chrony: 'allow' the backbone on the master, 'server MASTER iburst' on the"
        + " others)";
  }

  /** "+3 ms", "-250 ms", "+1.5 s", "-2 min". */
  static String format(double ms) {
    double a = Math.abs(ms);
    String sign = ms < 0 && Math.round(a) != 0 ? "-" : "+";
    if (a < 1000) {
      return sign + Math.round(a) + " ms";
    }
    if (a < 60_000) {
      return sign + String.format(Locale.ROOT, "%.1f s", a / 1000);
    }
    if (a < 3_600_000) {
      return sign + Math.round(a / 60_000) + " min";
    }
    return sign + String.format(Locale.ROOT, "%.1f h", a / 3_600_000);
  }
}
