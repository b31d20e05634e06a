package io.picluster.launch.hosts;

import io.picluster.comm.internal.HostName;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a host is this machine, whose ranks the launcher starts itself, without SSH.
 *
 * <p>Yes, without any look-up, for {@code localhost} (and {@code *.localhost}, RFC 6761), loopback
 * literals (127.0.0.0/8, ::1), this machine's host name as the kernel has it, and addresses
 * configured on a local interface. Any other name is resolved with {@link
 * InetAddress#getAllByName} (which reads /etc/hosts first and may ask DNS), and is local when every
 * address it resolves to is loopback or local; a name that does not resolve is not local (SSH will
 * then say why).
 *
 * <p>Caveat: resolution trusts /etc/hosts. Debian and Raspberry Pi OS map the machine's own name to
 * 127.0.1.1, so that name counts as local, which is right; but a cloned SD card image that still
 * maps another node's name (or the image's old name) to 127.0.1.1 makes that node "local" too, and
 * its ranks would run here. Addresses in host lists avoid the question. "Every address" (not "any")
 * keeps a name that also resolves elsewhere on SSH, which works either way.
 */
public final class LocalHostCheck {
  /** Name resolution, replaceable in tests so they send nothing to DNS. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String name) throws UnknownHostException;
  }

  private final String ownName;
  private final List<InetAddress> localAddresses;
  private final Resolver resolver;
  private final Map<String, Boolean> resolved = new ConcurrentHashMap<>();

  LocalHostCheck(String ownName, Collection<InetAddress> localAddresses, Resolver resolver) {
    this.ownName = ownName;
    this.localAddresses = List.copyOf(localAddresses);
    this.resolver = resolver;
  }

  /** This machine: its kernel host name and the addresses on its interfaces, read now. */
  public static LocalHostCheck forThisMachine() {
    return new LocalHostCheck(HostName.fromKernel(), interfaceAddresses(), InetAddress::getAllByName);
  }

  /** Every address on every interface, up or down (a down interface is still this machine). */
  static List<InetAddress> interfaceAddresses() {
    List<InetAddress> all = new ArrayList<>();
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        all.addAll(Collections.list(nif.getInetAddresses()));
      }
    } catch (SocketException | NullPointerException none) {
      // no interfaces visible: only the loopback and name rules apply
    }
    return all;
  }

  /** The host name this check treats as this machine's. */
  public String ownName() {
    return ownName;
  }

  public boolean isLocal(Host host) {
    if (host.isLiteral()) {
      return isLocalAddress(host.literalAddress().orElseThrow());
    }
    String name = host.name().toLowerCase(Locale.ROOT);
    if (name.equals("localhost") || name.endsWith(".localhost")
        || name.equals(ownName.toLowerCase(Locale.ROOT))) {
      return true;
    }
    // Not computeIfAbsent: a slow look-up must not block checks of other names in parallel.
    Boolean known = resolved.get(name);
    if (known == null) {
      known = resolvesLocally(name);
      resolved.putIfAbsent(name, known);
    }
    return known;
  }

  /** {@link #isLocal(Host)} for a host written as in a host list, without slots. */
  public boolean isLocal(String host) {
    return isLocal(Host.of(host, 1));
  }

  private boolean resolvesLocally(String name) {
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(name);
    } catch (UnknownHostException | SecurityException e) {
      return false;
    }
    if (addresses.length == 0) {
      return false;
    }
    for (InetAddress a : addresses) {
      if (!isLocalAddress(a)) {
        return false;
      }
    }
    return true;
  }

  private boolean isLocalAddress(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return true;
    }
    // InetAddress.equals compares the address bytes only, so an IPv6 zone does not matter here.
    for (InetAddress a : localAddresses) {
      if (a.equals(address)) {
        return true;
      }
    }
    return false;
  }
}
