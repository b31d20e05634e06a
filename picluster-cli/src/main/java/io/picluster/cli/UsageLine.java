package io.picluster.cli;

/** The one line every usage error prints (kept free of picocli so the fast path stays light). */
final class UsageLine {
  private UsageLine() {}

  /** {@code picluster: what is wrong (see 'COMMAND --help')}. */
  static String format(String message, String command) {
    // "Missing option" reads "missing option" after the colon; a name such as "N must..." stays
    if (message.length() > 1 && Character.isUpperCase(message.charAt(0))
        && Character.isLowerCase(message.charAt(1))) {
      message = Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }
    return "picluster: " + message + " (see '" + command + " --help')";
  }
}
