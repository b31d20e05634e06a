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
    for (String token : rest.trim().split(" +")) {
      int eq = token.indexOf('=');
      if (eq > 0) {
        fields.put(token.substring(0, eq), token.substring(eq + 1));
      }
    }
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
