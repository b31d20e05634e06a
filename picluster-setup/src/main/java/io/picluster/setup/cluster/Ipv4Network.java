package io.picluster.setup.cluster;

/**
 * An IPv4 network such as 10.0.0.0/24: the backbone. Addresses are handled as 32-bit ints so that
 * membership, the network and broadcast addresses are plain arithmetic.
 */
public record Ipv4Network(int base, int bits) {

  /** Parses {@code a.b.c.d/n} (host bits must be zero); null if it is not that. */
  public static Ipv4Network parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      return null;
    }
    Integer address = parseAddress(text.substring(0, slash));
    String n = text.substring(slash + 1);
    if (address == null || !n.matches("[0-9]{1,2}")) {
      return null;
    }
    int bits = Integer.parseInt(n);
    if (bits < 8 || bits > 30) {
      return null;
    }
    Ipv4Network net = new Ipv4Network(address & mask(bits), bits);
    return net.base == address ? net : null;
  }

  /** Parses a dotted-quad address; null if it is not one. */
  public static Integer parseAddress(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    int a = 0;
    for (String p : parts) {
      if (!p.matches("[0-9]{1,3}") || (p.length() > 1 && p.startsWith("0"))) {
        return null;
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        return null;
      }
      a = (a << 8) | v;
    }
    return a;
  }

  public static String format(int address) {
    return (address >>> 24) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "."
        + (address & 255);
  }

  public boolean contains(int address) {
    return (address & mask(bits)) == base;
  }

  public boolean overlaps(Ipv4Network other) {
    int shorter = Math.min(bits, other.bits);
    return (base & mask(shorter)) == (other.base & mask(shorter));
  }

  public int broadcast() {
    return base | ~mask(bits);
  }

  /** Whether {@code address} may be a machine's here: inside, and neither network nor broadcast. */
  public boolean isHostAddress(int address) {
    return contains(address) && address != base && address != broadcast();
  }

  /** The {@code index}-th host address (1 is the first), e.g. 10.0.0.3 for 3 in 10.0.0.0/24. */
  public int host(int index) {
    return base + index;
  }

  @Override
  public String toString() {
    return format(base) + "/" + bits;
  }

  private static int mask(int bits) {
    return bits == 0 ? 0 : -1 << (32 - bits);
  }
}
