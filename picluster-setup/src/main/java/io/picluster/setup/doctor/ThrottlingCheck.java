package io.picluster.setup.doctor;

import io.picluster.setup.status.NodeStatus;
import io.picluster.setup.status.Throttling;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Check 8: no node is throttled, frequency-capped, at its soft temperature limit or under-volted
 * (the Raspberry Pi firmware's flags, from {@code vcgencmd get_throttled} or its sysfs file, as
 * the status probe read them). A condition now is a fault: that node runs slower than the others
 * and holds every collective up, or corrupts its SD card. One since boot only is a warning. A CPU
 * at 80 °C or more is a warning too: throttling starts soon after.
 */
public final class ThrottlingCheck {
  public static final String NAME = "throttling";

  /** The temperature from which a node is called hot. */
  public static final double HOT_C = 80;

  private static final int UNDER_VOLTAGE = 1 | 1 << 16;
  private static final int HEAT = 0xe | 0xe << 16;

  private ThrottlingCheck() {}

  /** One line per node whose status probe answered (except those in {@code skip}). */
  public static List<Check> check(List<NodeStatus> statuses, Set<String> skip) {
    List<Check> checks = new ArrayList<>();
    for (NodeStatus s : statuses) {
      String n = s.node().name();
      if (!s.up() || skip.contains(n)) {
        continue;
      }
      Integer bits = s.throttled();
      Double temp = s.temperatureC();
      String t = temp == null ? "" : String.format(Locale.ROOT, ", CPU %.1f C", temp);
      if (bits == null) {
        if (temp != null && temp >= HOT_C) {
          checks.add(Check.warn(NAME, n, "CPU at " + String.format(Locale.ROOT, "%.1f C", temp),
              coolFix()));
        } else {
          checks.add(Check.ok(NAME, n, "no throttle flags to read (no vcgencmd or firmware file:"
              + " not a Raspberry Pi?)" + t));
        }
        continue;
      }
      String source = s.throttleSource() == null ? "" : " (" + s.throttleSource() + " "
          + Throttling.hex(bits) + ")";
      String words = String.join(", ", Throttling.describe(bits));
      if (Throttling.anyNow(bits)) {
        checks.add(Check.fail(NAME, n, words + source + t, fix(bits, false)));
      } else if (Throttling.anySinceBoot(bits)) {
        checks.add(Check.warn(NAME, n, words + source + t, fix(bits, true)));
      } else if (temp != null && temp >= HOT_C) {
        checks.add(Check.warn(NAME, n, "CPU at " + String.format(Locale.ROOT, "%.1f C", temp)
            + ", not throttled yet" + source, coolFix()));
      } else {
        checks.add(Check.ok(NAME, n, "no throttling or under-voltage" + source + t));
      }
    }
    return checks;
  }

  static String fix(int bits, boolean sinceBoot) {
    List<String> fixes = new ArrayList<>();
    if ((bits & UNDER_VOLTAGE) != 0) {
      fixes.add("give it a supply that holds 5.1 V at the Pi's current (the official one: 3 A for"
          + " a Pi 4, 5 A for a Pi 5) with a short, thick cable; a shared hub or PoE supply that"
          + " gives too little causes it too");
    }
    if ((bits & HEAT) != 0) {
      fixes.add(coolFix());
    }
    if (fixes.isEmpty()) {
      fixes.add("see vcgencmd get_throttled");
    }
    return String.join("; ", fixes) + (sinceBoot ? " (the since-boot flags clear at the next"
        + " reboot)" : "");
  }

  static String coolFix() {
    return "cool it: a heatsink and fan, or a ventilated case, and room between the boards"
        + " (vcgencmd measure_temp shows the temperature)";
  }
}
