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
      share(engines, IntStream.range(0, size).toArray());
    } else if (placement == Placement.TWO_HOSTS) {
      share(engines, IntStream.range(0, size / 2).toArray());
      share(engines, IntStream.range(size / 2, size).toArray());
    }
    byte[] secret = JobSecret.generate();
    for (Engine engine : engines) {
      engine.connect(secret, addresses);
    }
    return engines;
  }

  /** Gives {@code local} (world ranks) one segment, as their host's local rank 0 would. */
  private static void share(Engine[] engines, int[] local) {
    if (local.length < 2) {
      return;
    }
    Path dir = Path.of("/dev/shm");
    String name = ShmSegment.fileName("test" + Arrays.toString(local), 0, ProcessHandle.current().pid());
    int capacity = 256 * 1024;
    ShmSegment created = ShmSegment.create(dir, name, local.length, capacity);
    boolean oversubscribed = local.length > Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < local.length; i++) {
      ShmSegment segment = i == 0 ? created : ShmSegment.attach(dir.resolve(name), local.length, capacity);
      engines[local[i]].useSharedMemory(segment, local, oversubscribed, -1);
    }
    created.unlink();
  }
}
