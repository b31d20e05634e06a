package io.picluster.comm.internal;

import io.picluster.comm.CommException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block such as 10.0.0.0/24 or fd00::/64: the backbone network ranks live in. */
public record Cidr(byte[] prefix, int bits) {
  /** Parses {@code address/bits}; the address must be a literal, never a name to look up. */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    String address = slash < 0 ? "" : text.substring(0, slash);
    boolean literal = address.matches("[0-9.]+") || address.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    try {
      if (!literal) {
        throw new IllegalArgumentException(text);
      }
      byte[] prefix = InetAddress.getByName(address).getAddress();
      int bits = Integer.parseInt(text.substring(slash + 1));
      if (bits < 0 || bits > prefix.length * 8) {
        throw new IllegalArgumentException(text);
      }
      return new Cidr(prefix, bits);
    } catch (UnknownHostException | IllegalArgumentException e) {
      throw new CommException("--network " + text + ": not a network in CIDR form; write it like 10.0.0.0/24");
    }
  }

  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length != prefix.length) {
      return false;
    }
    for (int bit = 0; bit < bits; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((a[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }
}
