package io.picluster.cli;

/** The one line every usage error prints (kept free of picocli so the fast path stays light). */
final class UsageLine {
  private UsageLine() {}

  /** {@code picluster: what is wrong (see 'COMMAND --help')}. */
  static String format(String message, String command) {
    // What the user typed may hold line breaks or other control characters: show them escaped.
    message = escapeControls(message);
    // "Missing option" reads "missing option" after the colon; a name such as "N must..." stays
    if (message.length() > 1 && Character.isUpperCase(message.charAt(0))
        && Character.isLowerCase(message.charAt(1))) {
      message = Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }
    return "picluster: " + message + " (see '" + command + " --help')";
  }

  static String escapeControls(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t"
            : String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
