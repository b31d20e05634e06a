package io.picluster.launch.hosts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * One machine of a host list: a host name or an IPv4/IPv6 literal, and how many ranks it takes per
 * round of placement (its slots). Immutable.
 *
 * <p>Two entries are the same host when their {@link #identity()} is equal: names ignoring case (DNS
 * is case-insensitive), literals by address (so {@code fe80::1} and {@code fe80:0::1} match). There
 * is no name resolution here, so a name and an address of one machine stay two hosts.
 */
public final class Host {
  /** Slots per host; far above any machine, and far from int overflow when hosts are summed. */
  public static final int MAX_SLOTS = 1_000_000;

  /** What {@link #name()} is. */
  public enum Kind {
    NAME,
    IPV4,
    IPV6
  }

  private final String name;
  private final Kind kind;
  private final int slots;
  private final String identity;

  private Host(String name, Kind kind, int slots, String identity) {
    this.name = name;
    this.kind = kind;
    this.slots = slots;
    this.identity = identity;
  }

  /**
   * A host from its name or literal as written, without brackets or slots ({@code node1},
   * {@code 10.0.0.1}, {@code fe80::1%eth0}).
   *
   * @throws IllegalArgumentException with a one-line reason and fix (no file or line: callers add
   *     that)
   */
  public static Host of(String text, int slots) {
    if (slots < 1 || slots > MAX_SLOTS) {
      throw new IllegalArgumentException(
          "slots must be from 1 to " + MAX_SLOTS + ", got " + slots + " (give each host 1 or more)");
    }
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty host name (write a name such as 'node1')");
    }
    if (text.indexOf(':') >= 0) {
      byte[] bytes = Ipv6Literal.parse(text);
      requireUnicast(text, bytes);
      String zone = Ipv6Literal.zone(text);
      return new Host(text, Kind.IPV6, slots, "v6:" + hex(bytes) + (zone == null ? "" : "%" + zone));
    }
    if (HostName.looksNumeric(text)) {
      byte[] bytes = Ipv4Literal.parse(text);
      requireUnicast(text, bytes);
      return new Host(text, Kind.IPV4, slots, "v4:" + text);
    }
    HostName.check(text);
    return new Host(text, Kind.NAME, slots, "name:" + text.toLowerCase(Locale.ROOT));
  }

  // 0.0.0.0, :: and multicast groups parse as addresses but cannot be logged into.
  private static void requireUnicast(String text, byte[] bytes) {
    InetAddress a = toAddress(bytes);
    if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not the address of one machine (write the machine's own address)");
    }
  }

  private static InetAddress toAddress(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes); // no look-up: the bytes are the address
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder(32);
    for (byte b : bytes) {
      s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return s.toString();
  }

  /** The name or literal as first written (no brackets); what ssh is given. */
  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  public int slots() {
    return slots;
  }

  public boolean isLiteral() {
    return kind != Kind.NAME;
  }

  /** The address of a literal, built from its bytes (no resolution); empty for names. */
  public Optional<InetAddress> literalAddress() {
    return switch (kind) {
      case NAME -> Optional.empty();
      case IPV4 -> Optional.of(toAddress(Ipv4Literal.parse(name)));
      case IPV6 -> Optional.of(toAddress(Ipv6Literal.parse(name)));
    };
  }

  /** What makes two entries the same host (see the class comment). */
  public String identity() {
    return identity;
  }

  /** This host with {@code more} slots added, for an entry that repeats it. */
  Host plusSlots(int more) {
    long total = (long) slots + more;
    if (total > MAX_SLOTS) {
      throw new IllegalArgumentException(
          "'" + name + "' has " + total + " slots in all, more than " + MAX_SLOTS
              + " (check the repeated entries for it)");
    }
    return new Host(name, kind, (int) total, identity);
  }

  /** The name as an MPICH host entry takes it: IPv6 in brackets, so a ':slots' could follow. */
  public String entryName() {
    return kind == Kind.IPV6 ? "[" + name + "]" : name;
  }

  /** MPICH's {@code host:slots} form, e.g. {@code node1:4} or {@code [fe80::1]:2}. */
  @Override
  public String toString() {
    return entryName() + ":" + slots;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Host h && h.identity.equals(identity) && h.slots == slots
        && h.name.equals(name);
  }

  @Override
  public int hashCode() {
    return identity.hashCode() * 31 + slots;
  }
}
