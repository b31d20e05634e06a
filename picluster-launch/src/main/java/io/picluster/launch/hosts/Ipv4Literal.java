package io.picluster.launch.hosts;

/** Dotted-quad IPv4 literals, strictly: four decimal numbers 0-255. */
final class Ipv4Literal {
  private Ipv4Literal() {}

  /**
   * The four address bytes of {@code text}.
   *
   * @throws IllegalArgumentException saying what is wrong and what to write instead
   */
  static byte[] parse(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw bad(text, "it needs four numbers separated by dots");
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw bad(text, "'" + p + "' is not a number from 0 to 255");
      }
      // inet_aton (and so ssh) reads 010 as octal 8: refuse rather than guess which was meant.
      if (p.length() > 1 && p.charAt(0) == '0') {
        throw bad(text, "'" + p + "' has a leading zero, which some tools read as octal");
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        throw bad(text, p + " is above 255");
      }
      bytes[i] = (byte) v;
    }
    return bytes;
  }

  private static IllegalArgumentException bad(String text, String why) {
    return new IllegalArgumentException(
        "'" + text + "' is not a valid IPv4 address: " + why + " (write e.g. '10.0.0.1')");
  }
}
