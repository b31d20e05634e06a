package io.picluster.it.ranks;

import io.picluster.comm.Comm;

/**
 * Counts its own loads: every rank increments one static counter once. With each rank's classes of
 * its own (processes, or threads mode's class loaders) every rank sees 1; the ranks also agree on
 * the sum through the job, which needs a world of their own each. It also says whether its
 * library's engine came from its own loader (a process) or is shared with the JVM's other ranks
 * (threads mode: the classes that hold nothing of a rank are defined once).
 */
public final class Statics {
  private static int counter;

  public static void main(String[] args) {
    counter++;
    Comm world = Comm.world();
    int total = world.allreduce(counter, io.picluster.comm.Op.SUM);
    boolean ownEngine = io.picluster.comm.internal.Engine.class.getClassLoader() == Statics.class.getClassLoader();
    System.out.println("rank " + world.rank() + " of " + world.size() + " counter " + counter + " total " + total
        + " engine " + (ownEngine ? "own" : "shared"));
  }
}
