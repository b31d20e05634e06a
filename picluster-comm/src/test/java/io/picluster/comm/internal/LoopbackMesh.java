package io.picluster.comm.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The engines of a job whose ranks are threads of this JVM, connected over loopback TCP, and, as
 * the placement says, through shared-memory rings between ranks that count as one host's.
 */
public final class LoopbackMesh {
  /** Where the ranks count as running. */
  public enum Placement {
    /** Every rank on its own host: TCP only (also what PICLUSTER_SHM=0 gives). */
    TCP,
    /** All ranks on one host: shared memory only. */
    ONE_HOST,
    /** The first half on one host, the rest on another: shared memory and TCP side by side. */
    TWO_HOSTS
  }

  private LoopbackMesh() {}

  /** Over TCP only. */
  public static Engine[] open(int size) {
    return open(size, Placement.TCP);
  }

  /** One engine per rank, connecting; a world of one rank has no sockets, as in a real job. */
  public static Engine[] open(int size, Placement placement) {
    if (size == 1) {
      return new Engine[] {Engine.single()};
    }
    Engine[] engines = new Engine[size];
    InetSocketAddress[] addresses = new InetSocketAddress[size];
    for (int r = 0; r < size; r++) {
      engines[r] = Engine.listen(r, size, InetAddress.getLoopbackAddress(), 20_000);
      addresses[r] = engines[r].listenAddress();
    }
    if (placement == Placement.ONE_HOST) {
      share(engines, IntStream.range(0, size).toArray(), true);
    } else if (placement == Placement.TWO_HOSTS) {
      // Without Unix-domain doorbells: the TCP connections ring, as where those cannot be made.
      share(engines, IntStream.range(0, size / 2).toArray(), false);
      share(engines, IntStream.range(size / 2, size).toArray(), false);
    }
    byte[] secret = JobSecret.generate();
    for (Engine engine : engines) {
      engine.connect(secret, addresses);
    }
    return engines;
  }

  /**
   * Gives {@code local} (world ranks) one segment, as their host's local rank 0 would, and with
   * {@code bells} Unix-domain doorbells, set up in SharedMemory's order.
   */
  private static void share(Engine[] engines, int[] local, boolean bells) {
    if (local.length < 2) {
      return;
    }
    Path dir = Path.of("/dev/shm");
    String name = ShmSegment.fileName("test" + Arrays.toString(local), 0, ProcessHandle.current().pid());
    int capacity = 256 * 1024;
    ShmSegment created = ShmSegment.create(dir, name, local.length, capacity);
    boolean oversubscribed = local.length > Runtime.getRuntime().availableProcessors();
    ShmDoorbells[] doorbells = new ShmDoorbells[local.length];
    String[] addresses = new String[local.length];
    for (int i = 0; i < local.length && bells; i++) {
      doorbells[i] = ShmDoorbells.open(dir, name, local[i], 0, local.length);
      if (doorbells[i] == null) {
        throw new IllegalStateException("cannot bind a Unix-domain doorbell in " + dir);
      }
      addresses[i] = doorbells[i].address();
    }
    for (int i = 0; i < local.length && bells; i++) {
      doorbells[i].connectLower(addresses, i);
    }
    for (int i = 0; i < local.length; i++) {
      ShmSegment segment = i == 0 ? created : ShmSegment.attach(dir.resolve(name), local.length, capacity);
      java.nio.channels.SocketChannel[] sockets =
          bells ? doorbells[i].acceptHigher(i) : new java.nio.channels.SocketChannel[local.length];
      engines[local[i]].useSharedMemory(segment, local, sockets, oversubscribed, -1);
    }
    created.unlink();
  }
}
