package io.picluster.setup.status;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code picluster status --json}: one JSON object on one line (so {@code --watch --json} gives one
 * object per line), written by hand. Strings are escaped as RFC 8259 asks, and everything outside
 * printable ASCII is written as {@code \}{@code uXXXX}, so the output is ASCII whatever the
 * terminal's character set. Unknown values are {@code null}.
 *
 * <pre>
 * {"time":"2024-05-01T10:00:00Z","nodes":[{"name":"node1","address":"10.0.0.1","user":"pi",
 *  "up":true,"error":null,"hostname":"node1","model":"Raspberry Pi 4 Model B Rev 1.4",
 *  "arch":"aarch64","os":"Debian GNU/Linux 12 (bookworm)","java":"17.0.15","java_major":17,
 *  "java_path":"/usr/bin/java","picluster":"0.1.0","picluster_sha256":"...","load1":0.52,"cpus":4,
 *  "mem_used_mib":812,"mem_total_mib":7812,"disk_free_gib":21.3,"disk_total_gib":29.1,
 *  "temp_c":48.2,"throttled":"0x50005","throttle_flags":["under-voltage now",...],
 *  "throttle_source":"vcgencmd","clock_offset_ms":0.4,"clock_uncertainty_ms":35.1,
 *  "uptime_s":12345.6}]}
 * </pre>
 */
public final class StatusJson {
  private StatusJson() {}

  public static String render(List<NodeStatus> statuses, Instant time) {
    StringBuilder b = new StringBuilder("{\"time\":").append(string(time.toString()))
        .append(",\"nodes\":[");
    for (int i = 0; i < statuses.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      node(b, statuses.get(i));
    }
    return b.append("]}").toString();
  }

  private static void node(StringBuilder b, NodeStatus s) {
    Fields f = new Fields(b);
    f.put("name", string(s.node().name()));
    f.put("address", string(s.node().address()));
    f.put("user", string(s.node().user()));
    f.put("up", Boolean.toString(s.up()));
    f.put("error", string(s.error()));
    f.put("hostname", string(s.hostname()));
    f.put("model", string(s.model()));
    f.put("arch", string(s.arch()));
    f.put("os", string(s.os()));
    f.put("java", string(s.javaVersion()));
    f.put("java_major", s.javaVersion() == null ? "null" : Integer.toString(s.javaMajor()));
    f.put("java_path", string(s.javaPath()));
    f.put("picluster", string(s.piclusterVersion()));
    f.put("picluster_sha256", string(s.piclusterSha256()));
    f.put("load1", number(s.load1()));
    f.put("cpus", s.cpus() == null ? "null" : s.cpus().toString());
    f.put("mem_used_mib", s.memUsedMib() == null ? "null" : s.memUsedMib().toString());
    f.put("mem_total_mib", s.memTotalMib() == null ? "null" : s.memTotalMib().toString());
    f.put("disk_free_gib", number(s.rootFreeGib()));
    f.put("disk_total_gib",
        number(s.rootTotalKib() == null ? null : s.rootTotalKib() / (1024.0 * 1024.0)));
    f.put("temp_c", number(s.temperatureC()));
    f.put("throttled", string(s.throttled() == null ? null : Throttling.hex(s.throttled())));
    StringBuilder flags = new StringBuilder();
    if (s.throttled() == null) {
      flags.append("null");
    } else {
      flags.append('[');
      List<String> words = Throttling.describe(s.throttled());
      for (int i = 0; i < words.size(); i++) {
        flags.append(i > 0 ? "," : "").append(string(words.get(i)));
      }
      flags.append(']');
    }
    f.put("throttle_flags", flags.toString());
    f.put("throttle_source", string(s.throttleSource()));
    f.put("clock_offset_ms", number(s.clockOffsetMs()));
    f.put("clock_uncertainty_ms", number(s.clockUncertaintyMs()));
    f.put("uptime_s", number(s.uptimeSeconds()));
    b.append('}');
  }

  /** Writes {@code "key":value} pairs after an opening brace. */
  private static final class Fields {
    private final StringBuilder b;
    private boolean first = true;

    Fields(StringBuilder b) {
      this.b = b.append('{');
    }

    void put(String key, String json) {
      b.append(first ? "" : ",").append(string(key)).append(':').append(json);
      first = false;
    }
  }

  /** A JSON number with up to 3 decimals (null for unknown or not finite). */
  static String number(Double d) {
    if (d == null || d.isNaN() || d.isInfinite()) {
      return "null";
    }
    String s = String.format(Locale.ROOT, "%.3f", d);
    s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    return s.equals("-0") ? "0" : s;
  }

  /** A JSON string, or null. */
  public static String string(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
