package io.picluster.cli;

/** The one line every usage error prints (kept free of picocli so the fast path stays light). */
final class UsageLine {
  private UsageLine() {}

  /** {@code picluster: what is wrong (see 'COMMAND --help')}. */
  static String format(String message, String command) {
    if (!message.isEmpty()) {
      message = Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }
    return "picluster: " + message + " (see '" + command + " --help')";
  }
}
