package io.picluster.launch;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which addresses may connect to the job's PMI port: this machine's own (loopback and every
 * interface) and those the other hosts' names resolve to. A host name only ssh knows (a
 * {@code Host} alias in ~/.ssh/config) does not resolve here: then any address may try, and the
 * unguessable PMI ids alone keep strangers out.
 */
final class JobHostAddresses {
  private JobHostAddresses() {}

  static Predicate<InetAddress> allowed(Collection<String> otherHosts) {
    Set<InetAddress> known = new HashSet<>();
    try {
      for (NetworkInterface nif : NetworkInterface.networkInterfaces().toList()) {
        known.addAll(nif.inetAddresses().toList());
      }
    } catch (SocketException e) {
      return new Known(null);
    }
    for (String host : otherHosts) {
      try {
        for (InetAddress a : InetAddress.getAllByName(host)) {
          known.add(a);
        }
      } catch (UnknownHostException | SecurityException onlySshKnowsIt) {
        return new Known(null);
      }
    }
    return new Known(known);
  }

  /** Loopback and {@code known}, or any address if null (a class: no lambda on the launch path). */
  private static final class Known implements Predicate<InetAddress> {
    private final Set<InetAddress> known;

    Known(Set<InetAddress> known) {
      this.known = known;
    }

    @Override
    public boolean test(InetAddress peer) {
      return known == null || peer.isLoopbackAddress() || known.contains(peer);
    }
  }
}
