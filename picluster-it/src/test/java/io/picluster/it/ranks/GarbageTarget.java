package io.picluster.it.ranks;

import io.picluster.comm.Comm;
import io.picluster.comm.Op;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints {@code pid RANK PID}, waits until the file {@code args[0]} exists (the test meanwhile
 * throws junk at every rank's port), then checks that the job still works.
 */
public final class GarbageTarget {
  public static void main(String[] args) throws Exception {
    Comm world = Comm.world();
    System.out.println("pid " + world.rank() + " " + ProcessHandle.current().pid());
    System.out.flush();
    Path go = Path.of(args[0]);
    for (int i = 0; i < 2400 && !Files.exists(go); i++) {
      Thread.sleep(50);
    }
    long sum = world.allreduce((long) world.rank(), Op.SUM);
    String word = world.bcast(world.rank() == 0 ? "still-working" : null, 0);
    world.barrier();
    if (world.rank() == 0) {
      System.out.println("sum=" + sum + " " + word);
    }
  }
}
