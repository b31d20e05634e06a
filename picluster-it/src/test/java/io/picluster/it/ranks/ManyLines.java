package io.picluster.it.ranks;

import io.picluster.comm.Comm;
import java.util.ArrayList;
import java.util.List;

/**
 * Every rank prints from its main thread and from {@code args[0]} threads it starts,
 * {@code args[1]} lines each, all at once. With {@code args[2]} = {@code pieces} each line is written
 * in three pieces, which tear in a process (one stream for all its threads) and stay whole in threads
 * mode (a pending line per thread); with {@code whole}, one println per line.
 */
public final class ManyLines {
  public static void main(String[] args) throws InterruptedException {
    Comm world = Comm.world();
    int rank = world.rank();
    int threads = Integer.parseInt(args[0]);
    int lines = Integer.parseInt(args[1]);
    boolean pieces = args[2].equals("pieces");
    System.out.println("rank " + rank + " main");
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread thread = new Thread(() -> {
        for (int i = 0; i < lines; i++) {
          if (!pieces) {
            System.out.println("rank " + rank + " thread " + id + " line " + i + " xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
            continue;
          }
          System.out.print("rank " + rank);
          System.out.print(" thread " + id + " line " + i);
          System.out.println(" xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        }
      });
      thread.start();
      started.add(thread);
    }
    for (Thread t : started) {
      t.join();
    }
    System.err.print("rank " + rank + " ends without a newline");
  }
}
