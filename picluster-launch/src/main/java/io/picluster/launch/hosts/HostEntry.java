package io.picluster.launch.hosts;

/**
 * One MPICH-style host entry, {@code host[:slots]}, as in {@code --hosts} and MPICH hostfiles.
 *
 * <p>The rule for IPv6, which also uses ':': an entry in brackets is IPv6, with optional slots after
 * the bracket ({@code [fe80::1]:2}); an entry without brackets that has two or more ':' is a bare
 * IPv6 literal and has one slot ({@code ::1}, and {@code fe80::1:2} is the address fe80::1:2, never
 * fe80::1 with 2 slots); exactly one ':' separates a name or IPv4 address from its slots.
 */
final class HostEntry {
  private HostEntry() {}

  /** The text of the entry without its slots, and its slots (null when not given). */
  record Parts(String host, String slots) {}

  /**
   * Splits {@code entry}.
   *
   * @throws IllegalArgumentException with a reason and a fix, without location
   */
  static Parts split(String entry) {
    if (entry.startsWith("[")) {
      int close = entry.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException(
            "'" + entry + "' has no closing ']' (write e.g. '[fe80::1]:2')");
      }
      String inside = entry.substring(1, close);
      String rest = entry.substring(close + 1);
      if (inside.indexOf(':') < 0) {
        throw new IllegalArgumentException(
            "brackets are only for IPv6 addresses, got '" + entry + "' (write '" + inside
                + rest + "')");
      }
      if (rest.isEmpty()) {
        return new Parts(inside, null);
      }
      if (!rest.startsWith(":")) {
        throw new IllegalArgumentException(
            "only ':slots' may follow ']', got '" + entry + "' (write e.g. '[" + inside + "]:2')");
      }
      return new Parts(inside, rest.substring(1));
    }
    int first = entry.indexOf(':');
    if (first < 0 || entry.indexOf(':', first + 1) >= 0) {
      return new Parts(entry, null); // a name, IPv4, or a bare IPv6 literal
    }
    String host = entry.substring(0, first);
    if (host.isEmpty()) {
      throw new IllegalArgumentException(
          "no host name before '" + entry + "' (write e.g. 'node1" + entry + "')");
    }
    return new Parts(host, entry.substring(first + 1));
  }

  /** How to write {@code host} with {@code n} slots in this form. */
  static String example(String host, int n) {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + n;
  }
}
