package io.picluster.it.ranks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A process's TCP sockets, read from /proc: its socket inodes (its descriptors) against the rows of
 * {@code net/tcp} and {@code net/tcp6}. Public: rank programs use it as well as the tests.
 */
public final class TcpSockets {
  /** A socket's state in those tables: listening, or connected. */
  public static final String LISTEN = "0A";
  public static final String ESTABLISHED = "01";

  private TcpSockets() {}

  /**
   * The process's sockets, each its row's fields: [1] local address:port and [2] remote one (hex),
   * [3] state, [9] inode.
   *
   * @param process a pid, or "self"
   */
  public static List<String[]> of(String process) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (var fds = Files.list(Path.of("/proc", process, "fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // the descriptor went away
        }
      }
    }
    List<String[]> sockets = new ArrayList<>();
    for (String table : List.of("tcp", "tcp6")) {
      Path file = Path.of("/proc", process, "net", table);
      if (!Files.exists(file)) {
        continue;
      }
      for (String line : Files.readAllLines(file)) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 9 && inodes.contains(f[9])) {
          sockets.add(f);
        }
      }
    }
    return sockets;
  }

  /** The port of a row's "address:port" field. */
  public static int port(String addressAndPort) {
    return Integer.parseInt(addressAndPort.substring(addressAndPort.indexOf(':') + 1), 16);
  }
}
