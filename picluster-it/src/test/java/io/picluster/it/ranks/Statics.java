package io.picluster.it.ranks;

import io.picluster.comm.Comm;

/**
 * Counts its own loads: every rank increments one static counter once. With each rank's classes of
 * its own (processes, or threads mode's class loaders) every rank sees 1; the ranks also agree on
 * the sum through the job, which needs a world of their own each.
 */
public final class Statics {
  private static int counter;

  public static void main(String[] args) {
    counter++;
    Comm world = Comm.world();
    int total = world.allreduce(counter, io.picluster.comm.Op.SUM);
    System.out.println("rank " + world.rank() + " of " + world.size() + " counter " + counter + " total " + total);
  }
}
