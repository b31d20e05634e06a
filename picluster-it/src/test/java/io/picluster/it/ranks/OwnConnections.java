package io.picluster.it.ranks;

import io.picluster.comm.Comm;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Every rank sends a message to every other and receives theirs (so every link between two ranks is
 * in use); then rank 0 prints {@code own-connections N}: how many TCP connections this process has
 * with itself (both ends' sockets are its own), read from {@code /proc}, and {@code listening N}:
 * how many listening TCP sockets it has. Ranks that are threads of one JVM and talk through shared
 * memory should have no connection between them, and no listener for one.
 */
public final class OwnConnections {
  public static void main(String[] args) throws Exception {
    Comm world = Comm.world();
    int rank = world.rank();
    for (int peer = 0; peer < world.size(); peer++) {
      if (peer != rank) {
        world.send(rank, peer, 1);
      }
    }
    for (int peer = 0; peer < world.size(); peer++) {
      if (peer != rank && (int) world.<Integer>recv(peer, 1) != peer) {
        throw new IllegalStateException("rank " + rank + " got a wrong message from rank " + peer);
      }
    }
    world.barrier(); // every link has carried a message; nobody has finished yet
    if (rank == 0) {
      System.out.println("own-connections " + ownConnections() + " listening " + listening());
      System.out.flush();
    }
    world.barrier();
  }

  /** This process's listening TCP sockets. */
  public static int listening() throws IOException {
    int n = 0;
    for (String[] socket : TcpSockets.of("self")) {
      if (socket[3].equals(TcpSockets.LISTEN)) {
        n++;
      }
    }
    return n;
  }

  /** Connections whose two ends are both sockets of this process. */
  private static int ownConnections() throws IOException {
    Set<String> ends = new HashSet<>(); // "local remote" of each connected socket of ours
    for (String[] socket : TcpSockets.of("self")) {
      if (socket[3].equals(TcpSockets.ESTABLISHED)) {
        ends.add(socket[1] + " " + socket[2]);
      }
    }
    int halves = 0;
    for (String end : ends) {
      String[] localRemote = end.split(" ");
      if (ends.contains(localRemote[1] + " " + localRemote[0])) {
        halves++;
      }
    }
    return halves / 2;
  }
}
