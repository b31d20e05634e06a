package io.picluster.it.ranks;

import io.picluster.comm.Comm;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rank programs that fail in the ways real jobs do. Every rank first prints {@code pid RANK PID};
 * then rank 1 fails as {@code args[0]} says while the others wait for a message from it
 * ({@code exit0}: rank 1 leaves with {@code System.exit(0)} and the others finish).
 */
public final class Failing {
  public static void main(String[] args) throws Exception {
    Comm world = Comm.world();
    System.out.println("pid " + world.rank() + " " + ProcessHandle.current().pid());
    System.out.flush();
    world.barrier();
    String mode = args[0];
    if (world.rank() == 1) {
      if (!mode.equals("wait")) {
        System.out.println("failing at " + System.currentTimeMillis()); // the test times the stop from here
        System.out.flush();
      }
      switch (mode) {
        case "throw":
          throw new IllegalStateException("rank 1 failed on purpose");
        case "exit3":
          System.exit(3);
          break;
        case "abort7":
          world.abort(7);
          break;
        case "exit0":
          System.exit(0); // a clean end: the others finish
          break;
        case "wait":
          break; // the test kills some rank from outside
        default:
          throw new IllegalArgumentException(mode);
      }
    }
    if (mode.equals("wait")) {
      Path never = Path.of(args[1]);
      while (!Files.exists(never)) {
        Thread.sleep(50);
      }
    }
    if (mode.equals("exit0")) {
      System.out.println("rank " + world.rank() + " done");
      return;
    }
    world.recv((world.rank() + 1) % world.size(), 99); // never sent
  }
}
