package io.picluster.comm.pmi;

import java.util.HashMap;
import java.util.Map;

/**
 * One line from a PMI-1 server, {@code cmd=NAME key=value ...}, split as MPICH's client splits it:
 * at spaces, each token at its first '='. {@code value=} runs to the end of the line, since a
 * value may hold spaces where the server stored them verbatim.
 */
public final class PmiReply {
  private final String line;
  private final Map<String, String> fields = new HashMap<>();

  PmiReply(String line) {
    this.line = line;
    String rest = line;
    int valueAt = line.startsWith("value=") ? 0 : line.indexOf(" value=");
    if (valueAt >= 0) {
      int start = valueAt == 0 ? 0 : valueAt + 1;
      fields.put("value", line.substring(start + "value=".length()));
      rest = line.substring(0, valueAt);
    }
    // By hand, not split(" +"): that compiles a regular expression for every reply, and a rank's
    // start reads about 20 of them.
    rest = rest.trim();
    int at = 0;
    while (at < rest.length()) {
      int end = rest.indexOf(' ', at);
      if (end < 0) {
        end = rest.length();
      }
      int eq = rest.indexOf('=', at);
      if (eq > at && eq < end) {
        fields.put(rest.substring(at, eq), rest.substring(eq + 1, end));
      }
      at = end + 1;
    }
  }

  /** Every field, for the fuzz test that checks the split against {@code split(" +")}. */
  Map<String, String> fields() {
    return java.util.Collections.unmodifiableMap(fields);
  }

  public String command() {
    return fields.getOrDefault("cmd", "");
  }

  public String get(String key) {
    return fields.get(key);
  }

  /** The {@code rc} field as a number; a missing rc counts as success, as MPICH's client does. */
  public int rc() {
    String rc = fields.get("rc");
    try {
      return rc == null ? 0 : Integer.parseInt(rc);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public String toString() {
    return line;
  }
}
