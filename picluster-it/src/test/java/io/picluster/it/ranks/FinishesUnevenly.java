package io.picluster.it.ranks;

import io.picluster.comm.Comm;

/**
 * A clean job whose ranks end at different times: all meet at a barrier, then every rank but 0
 * ends at once and rank 0 two seconds later, printing its last line just before it ends. With
 * {@code args[0]} "return" main returns; with "exit0" every rank calls {@code System.exit(0)}.
 * A launcher that mistook the early ranks for failures (no PMI "finalize") would kill rank 0
 * before that line.
 */
public final class FinishesUnevenly {
  public static void main(String[] args) throws Exception {
    Comm world = Comm.world();
    world.barrier();
    if (world.rank() == 0) {
      Thread.sleep(2000);
      System.out.println("rank 0 of " + world.size() + " finished last");
    } else {
      System.out.println("rank " + world.rank() + " finished");
    }
    System.out.flush();
    if (args[0].equals("exit0")) {
      System.exit(0);
    }
  }
}
