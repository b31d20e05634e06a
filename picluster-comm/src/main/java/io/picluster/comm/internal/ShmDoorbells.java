package io.picluster.comm.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Unix-domain sockets between the ranks on one host, one per pair, that only wake a rank blocked
 * waiting for its shared-memory rings: a byte through one costs the waker a few hundred nanoseconds
 * and wakes the sleeper directly, where a byte over loopback TCP goes through the whole TCP stack
 * (and its softirq, which a loaded machine defers). Research note shm-transport.md §3.3.
 *
 * <p>Each rank binds a listener named after its pid (so the next job removes it if this one
 * crashes before the unlink, like the segment), connects to the lower local ranks between the two
 * setup barriers and accepts the higher ones after the second, when their connections wait in the
 * backlog already; then the name is unlinked. Optional: whatever fails leaves that pair on the TCP
 * doorbell, which also stays the sign that a peer ended (EOF).
 */
final class ShmDoorbells {
  /** Linux's sun_path holds 108 bytes with the terminating zero; leave margin. */
  private static final int MAX_PATH = 100;
  private final Path path;
  private final ServerSocketChannel listener;
  private final SocketChannel[] byLocal;

  private ShmDoorbells(Path path, ServerSocketChannel listener, int localRanks) {
    this.path = path;
    this.listener = listener;
    this.byLocal = new SocketChannel[localRanks];
  }

  /**
   * Binds this rank's listener in {@code dir}; null if Unix-domain sockets cannot be used there. The
   * name has the job and the rank (ranks as threads share a pid) and ends in the pid, as
   * {@link ShmSegment#removeStale} expects.
   */
  static ShmDoorbells open(Path dir, String job, int rank, long uid, int localRanks) {
    Path path = dir.resolve(ShmSegment.PREFIX + "bell" + Integer.toHexString(job.hashCode()) + "r" + rank + "-"
        + uid + "-" + ThisProcess.pid());
    String name = path.toString();
    if (name.length() > MAX_PATH || !SharedMemory.fitsKvs(name, ";=")) {
      return null; // too long for a socket address, or not for the key-value space
    }
    ServerSocketChannel listener = null;
    try {
      Files.deleteIfExists(path); // a crashed earlier process with this pid
      listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      listener.bind(UnixDomainSocketAddress.of(path), localRanks);
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
      listener.configureBlocking(false);
      return new ShmDoorbells(path, listener, localRanks);
    } catch (IOException | RuntimeException e) {
      if (listener != null) {
        closeQuietly(listener);
      }
      deleteQuietly(path);
      return null;
    }
  }

  /** What peers connect to (published in the key-value space). */
  String address() {
    return path.toString();
  }

  /**
   * Connects to every lower local rank whose listener is known and says which local rank this is.
   * A connect to a bound listener completes from its backlog, without the peer's accept.
   *
   * @param addresses each local rank's listener, or null
   */
  void connectLower(String[] addresses, int myLocal) {
    for (int i = 0; i < myLocal; i++) {
      if (addresses[i] == null) {
        continue;
      }
      SocketChannel channel = null;
      try {
        channel = SocketChannel.open(UnixDomainSocketAddress.of(addresses[i]));
        ByteBuffer hello = ByteBuffer.allocate(4).putInt(0, myLocal);
        while (hello.hasRemaining()) {
          channel.write(hello);
        }
        channel.configureBlocking(false);
        byLocal[i] = channel;
      } catch (IOException | RuntimeException e) {
        if (channel != null) {
          closeQuietly(channel);
        }
      }
    }
  }

  /**
   * After the barrier that follows every {@link #connectLower}: takes the higher local ranks'
   * connections from the backlog, each identified by its greeting (already written), then unlinks
   * the name. Returns the sockets by local rank (null where there is none).
   */
  SocketChannel[] acceptHigher(int myLocal) {
    try {
      for (SocketChannel channel; (channel = listener.accept()) != null; ) {
        channel.configureBlocking(false);
        ByteBuffer hello = ByteBuffer.allocate(4);
        int local = channel.read(hello) == 4 ? hello.getInt(0) : -1;
        if (local > myLocal && local < byLocal.length && byLocal[local] == null) {
          byLocal[local] = channel;
        } else {
          closeQuietly(channel); // not one of our peers, or it said nothing in time: TCP rings it
        }
      }
    } catch (IOException | RuntimeException e) {
      // the pairs not yet accepted stay on the TCP doorbell
    } finally {
      closeQuietly(listener);
      deleteQuietly(path);
    }
    return byLocal;
  }

  /** Gives up on Unix-domain doorbells (the setup failed elsewhere). */
  void close() {
    for (SocketChannel c : byLocal) {
      if (c != null) {
        closeQuietly(c);
      }
    }
    closeQuietly(listener);
    deleteQuietly(path);
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // best effort
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort; a stale name is removed by the next job (it carries our pid)
    }
  }
}
