package io.picluster.launch.pmi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One PMI-1 request line, {@code cmd=NAME key=value ...}. Tokens split on spaces and at their first
 * {@code =} (as Hydra does), except {@code value=}, which runs to the end of the line verbatim:
 * Open MPI pads its values with spaces.
 */
record PmiCommand(String name, Map<String, String> args) {

  /** Parses a line that starts with {@code cmd=}; returns null when it does not. */
  static PmiCommand parse(String line) {
    if (!line.startsWith("cmd=")) {
      return null;
    }
    int i = 4;
    int nameEnd = line.indexOf(' ', i);
    if (nameEnd < 0) {
      nameEnd = line.length();
    }
    String name = line.substring(i, nameEnd);
    Map<String, String> args = new LinkedHashMap<>();
    i = nameEnd;
    while (i < line.length()) {
      if (line.charAt(i) == ' ') {
        i++;
        continue;
      }
      if (line.startsWith("value=", i)) {
        args.put("value", line.substring(i + 6));
        break;
      }
      int tokenEnd = line.indexOf(' ', i);
      if (tokenEnd < 0) {
        tokenEnd = line.length();
      }
      String token = line.substring(i, tokenEnd);
      int eq = token.indexOf('=');
      if (eq < 0) {
        args.put(token, "");
      } else {
        args.put(token.substring(0, eq), token.substring(eq + 1));
      }
      i = tokenEnd;
    }
    return new PmiCommand(name, args);
  }

  String arg(String key) {
    return args.get(key);
  }
}
