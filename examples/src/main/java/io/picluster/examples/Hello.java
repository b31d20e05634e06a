package io.picluster.examples;

import io.picluster.comm.Comm;
import java.util.List;

/**
 * Every rank says hello; rank 0 then gathers every rank's host name and prints them in rank order.
 * On 4 ranks across 2 hosts it prints, e.g. (the hello lines in any order, as ranks run at once):
 *
 * <pre>
 * hello from rank 0 of 4 on node1
 * hello from rank 2 of 4 on node2
 * hello from rank 1 of 4 on node1
 * hello from rank 3 of 4 on node2
 * hosts by rank: node1 node1 node2 node2
 * </pre>
 *
 * <p>Run: {@code picluster exec -n 4 java -cp picluster-examples.jar io.picluster.examples.Hello}.
 */
public final class Hello {
  public static void main(String[] args) {
    Comm world = Comm.world(); // joins the job: every rank runs this same main
    String host = Comm.processorName();
    System.out.println("hello from rank " + world.rank() + " of " + world.size() + " on " + host);

    // Every rank must call gather; only the root (rank 0) gets the list, the others get null.
    List<String> hosts = world.gather(host, 0);
    if (world.rank() == 0) {
      System.out.println("hosts by rank: " + String.join(" ", hosts));
    }
  }
}
