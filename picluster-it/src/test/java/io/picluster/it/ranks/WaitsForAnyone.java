package io.picluster.it.ranks;

import io.picluster.comm.Comm;
import io.picluster.comm.PeerEndedException;

/**
 * Rank 0 finishes at once; every other rank waits for a message from any rank. With two ranks the
 * wait can never end, so it must fail instead of hanging: rank 1 prints why and exits 4.
 */
public final class WaitsForAnyone {
  public static void main(String[] args) {
    Comm world = Comm.world();
    if (world.rank() == 0) {
      return;
    }
    try {
      world.recv(Comm.ANY_SOURCE, 5);
      System.out.println("rank " + world.rank() + " received a message nobody sent");
    } catch (PeerEndedException e) {
      System.out.println("rank " + world.rank() + ": " + e.getMessage());
      System.out.flush();
      System.exit(4);
    }
  }
}
