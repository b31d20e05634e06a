package io.picluster.launch.hosts;

/**
 * IPv6 literals (RFC 4291 text form, with an optional {@code %zone}), parsed by hand so that
 * checking a host list never depends on this machine's interfaces or on name resolution.
 */
final class Ipv6Literal {
  private Ipv6Literal() {}

  /** The zone (interface) after {@code %}, or null. */
  static String zone(String text) {
    int pct = text.indexOf('%');
    return pct < 0 ? null : text.substring(pct + 1);
  }

  /**
   * The 16 address bytes of {@code text} (a zone, if any, is checked and left out).
   *
   * @throws IllegalArgumentException saying what is wrong and what to write instead
   */
  static byte[] parse(String text) {
    String address = text;
    int pct = text.indexOf('%');
    if (pct >= 0) {
      String zone = text.substring(pct + 1);
      if (zone.isEmpty() || !zone.chars().allMatch(Ipv6Literal::isZoneChar)) {
        throw bad(text, "the zone after '%' must be an interface name such as 'eth0'");
      }
      address = text.substring(0, pct);
    }
    if (address.contains(":::")) {
      throw bad(text, "':::' is not allowed, '::' alone stands for a run of zeros");
    }
    int gap = address.indexOf("::");
    if (gap >= 0 && address.indexOf("::", gap + 1) >= 0) {
      throw bad(text, "'::' may appear only once");
    }
    String head = gap >= 0 ? address.substring(0, gap) : address;
    String tail = gap >= 0 ? address.substring(gap + 2) : "";
    byte[] front = groups(text, head, gap < 0);
    byte[] back = gap >= 0 ? groups(text, tail, true) : new byte[0];
    if (gap < 0 && front.length != 16) {
      throw bad(text, "it needs eight groups of hex digits, or '::' for a run of zeros");
    }
    if (gap >= 0 && front.length + back.length > 14) {
      throw bad(text, "too many groups for an address with '::'");
    }
    byte[] bytes = new byte[16];
    System.arraycopy(front, 0, bytes, 0, front.length);
    System.arraycopy(back, 0, bytes, 16 - back.length, back.length);
    return bytes;
  }

  /** Colon-separated hex groups; the last may be a dotted IPv4 tail when {@code mayEndInV4}. */
  private static byte[] groups(String text, String part, boolean mayEndInV4) {
    if (part.isEmpty()) {
      return new byte[0];
    }
    String[] groups = part.split(":", -1);
    byte[] out = new byte[groups.length * 2 + 2];
    int n = 0;
    for (int i = 0; i < groups.length; i++) {
      String g = groups[i];
      if (mayEndInV4 && i == groups.length - 1 && g.indexOf('.') >= 0) {
        byte[] v4 = Ipv4Literal.parse(g);
        System.arraycopy(v4, 0, out, n, 4);
        n += 4;
        continue;
      }
      if (g.isEmpty()) {
        throw bad(text, "a group between colons is empty (only '::' may stand for zeros)");
      }
      if (g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        throw bad(text, "'" + g + "' is not a group of one to four hex digits");
      }
      int v = Integer.parseInt(g, 16);
      out[n++] = (byte) (v >>> 8);
      out[n++] = (byte) v;
    }
    if (n > 16) {
      throw bad(text, "more than eight groups");
    }
    byte[] exact = new byte[n];
    System.arraycopy(out, 0, exact, 0, n);
    return exact;
  }

  private static boolean isZoneChar(int c) {
    return Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-' || c == '.';
  }

  private static IllegalArgumentException bad(String text, String why) {
    return new IllegalArgumentException(
        "'" + text + "' is not a valid IPv6 address: " + why + " (write e.g. 'fe80::1')");
  }
}
