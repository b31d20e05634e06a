package io.picluster.it;

import io.picluster.it.ranks.TcpSockets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The TCP ports a process listens on. */
final class ListeningPorts {
  private ListeningPorts() {}

  static List<Integer> of(long pid) throws IOException {
    List<Integer> ports = new ArrayList<>();
    for (String[] socket : TcpSockets.of(Long.toString(pid))) {
      if (socket[3].equals(TcpSockets.LISTEN)) {
        ports.add(TcpSockets.port(socket[1]));
      }
    }
    return ports;
  }
}
