package io.picluster.setup.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code picluster status} as a table: one row per node, columns aligned, then one line per node
 * that is down saying why.
 *
 * <pre>
 * NODE   STATE  HOSTNAME  ARCH     OS                              JAVA     PICLUSTER         LOAD        MEMORY  DISK FREE    TEMP  THROTTLING                        CLOCK  UPTIME
 * node1  up     node1     aarch64  Debian GNU/Linux 12 (bookworm)  17.0.15  0.1.0 (1a2b3c4d)  0.52  812/7812 MiB   21.3 GiB  48.2°C  ok                                +2 ms   3d 4h
 * node2  up     node2     aarch64  Debian GNU/Linux 12 (bookworm)  none     none              0.52  812/7812 MiB   21.3 GiB  81.0°C  under-voltage now, throttled now  +2 ms   3d 4h
 * node3  down   -         -        -                               -        -                    -             -          -       -  -                                     -       -
 * node3 (10.0.0.3) is down: no answer within 5 s
 * </pre>
 *
 * <p>JAVA is the version of the {@code java} on the login user's PATH ("none" without one);
 * PICLUSTER what {@code picluster install} put there, with the start of its jar's SHA-256;
 * MEMORY is used (total minus available) over total; DISK FREE is the space left on /; TEMP is
 * thermal_zone0 ("-" where there is none); CLOCK is the node's clock minus this machine's.
 */
public final class StatusTable {
  private StatusTable() {}

  /**
   * The table for {@code statuses}. {@code unicode}: whether the output can show "°" (else the
   * temperature reads "48.2 C").
   */
  public static String render(List<NodeStatus> statuses, boolean unicode) {
    TextTable t = new TextTable("NODE", "STATE", "HOSTNAME", "ARCH", "OS", "JAVA", "PICLUSTER",
        ">LOAD", ">MEMORY", ">DISK FREE", ">TEMP", "THROTTLING", ">CLOCK", ">UPTIME");
    List<String> downs = new ArrayList<>();
    for (NodeStatus s : statuses) {
      if (!s.up()) {
        List<String> cells = new ArrayList<>(List.of(s.node().name(), "down"));
        while (cells.size() < 14) {
          cells.add("-");
        }
        t.row(cells);
        downs.add(who(s) + " is down: " + s.error());
        continue;
      }
      t.row(List.of(
          s.node().name(),
          "up",
          orDash(s.hostname()),
          orDash(s.arch()),
          orDash(s.os()),
          s.javaPath() == null ? "none" : orDash(s.javaVersion()),
          s.piclusterVersion() == null ? "none" : s.piclusterLabel(),
          s.load1() == null ? "-" : String.format(Locale.ROOT, "%.2f", s.load1()),
          memory(s),
          s.rootFreeGib() == null ? "-" : String.format(Locale.ROOT, "%.1f GiB", s.rootFreeGib()),
          temperature(s.temperatureC(), unicode),
          Throttling.summary(s.throttled()),
          clock(s.clockOffsetMs()),
          uptime(s.uptimeSeconds())));
    }
    StringBuilder b = new StringBuilder(t.render());
    for (String d : downs) {
      b.append(d).append('\n');
    }
    return b.toString();
  }

  /** "node3 (10.0.0.3)", or just the name when it is the address. */
  public static String who(NodeStatus s) {
    return s.node().name().equals(s.node().address()) ? s.node().name()
        : s.node().name() + " (" + s.node().address() + ")";
  }

  static String memory(NodeStatus s) {
    Long used = s.memUsedMib();
    Long total = s.memTotalMib();
    return used == null || total == null ? "-" : used + "/" + total + " MiB";
  }

  static String temperature(Double c, boolean unicode) {
    if (c == null) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.1f", c) + (unicode ? "°C" : " C");
  }

  /** "+3 ms", "-250 ms", "+1.5 s", "-2 min". */
  static String clock(Double ms) {
    if (ms == null) {
      return "-";
    }
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

  /** "45s", "12m", "4h 12m", "3d 4h". */
  static String uptime(Double seconds) {
    if (seconds == null) {
      return "-";
    }
    long s = (long) Math.floor(seconds);
    long d = s / 86400;
    long h = s % 86400 / 3600;
    long m = s % 3600 / 60;
    if (d > 0) {
      return d + "d " + h + "h";
    }
    if (h > 0) {
      return h + "h " + m + "m";
    }
    if (m > 0) {
      return m + "m";
    }
    return s + "s";
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }
}
