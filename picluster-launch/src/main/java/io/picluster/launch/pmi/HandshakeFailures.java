package io.picluster.launch.pmi;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Failed PMI handshakes counted per peer address. After {@link #LIMIT} failures an address gets no
 * more tries: its new connections are closed unread. Sixteen tries at 31-bit ids leave a stranger
 * odds below ranks/2^27 of ever guessing one; a rank of the job never fails a handshake, so it
 * never spends any. The price is that a local stranger who spends an address's budget also shuts
 * out the job's ranks that have not connected yet from that address: the job fails, it is not
 * taken over.
 */
final class HandshakeFailures {
  /** Failed handshakes one address may make; documented in the README. */
  static final int LIMIT = 16;

  private final Map<InetAddress, Integer> failures = new HashMap<>();

  /** Counts one failure; true exactly when this one used up the address's budget. */
  synchronized boolean count(InetAddress peer) {
    int n = failures.merge(peer, 1, Integer::sum);
    return n == LIMIT;
  }

  synchronized boolean blocked(InetAddress peer) {
    return failures.getOrDefault(peer, 0) >= LIMIT;
  }
}
