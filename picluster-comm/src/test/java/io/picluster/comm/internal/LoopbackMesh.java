package io.picluster.comm.internal;

import io.picluster.comm.PeerEndedException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The engines of a job whose ranks are threads of this JVM, connected over loopback TCP, and, as
 * the placement says, through shared-memory rings between ranks that count as one host's (and by
 * those alone between ranks that count as threads of one JVM).
 */
public final class LoopbackMesh {
  /** Where the ranks count as running. */
  public enum Placement {
    /** Every rank on its own host: TCP only (also what PICLUSTER_SHM=0 gives). */
    TCP,
    /** All ranks on one host: shared memory only, rank processes woken through Unix-domain doorbells. */
    ONE_HOST,
    /** All ranks as threads of one JVM: shared memory alone, woken through each other's selectors. */
    ONE_JVM,
    /** The first half on one host, the rest on another: shared memory and TCP side by side. */
    TWO_HOSTS
  }

  /** Liveness only: how long a test's ranks may take before they count as stuck. */
  private static final long LIVENESS_SECONDS = 120;

  /** One rank's part of a test, run on that rank's engine. */
  public interface RankBody {
    void run(Engine engine) throws Exception;
  }

  private LoopbackMesh() {}

  /**
   * Runs {@code body} on every engine, each rank a thread of its own that closes its engine when
   * done, so the peers of a rank that failed fail too instead of waiting. Rethrows the first rank
   * that failed on its own (before peers that failed because it ended), the rest suppressed, each
   * message starting with {@code label}; a rank still running after the liveness bound fails with
   * its stack.
   */
  public static void runRanks(Engine[] engines, Object label, RankBody body) {
    List<Throwable> failures = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (Engine engine : engines) {
      Thread t = new Thread(() -> {
        try {
          body.run(engine);
        } catch (Throwable e) {
          synchronized (failures) {
            failures.add(new AssertionError("rank " + engine.rank() + ": " + e, e));
          }
        } finally {
          engine.close();
        }
      }, "rank-" + engine.rank());
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIVENESS_SECONDS);
    for (Thread t : threads) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      if (t.isAlive()) {
        AssertionError stuck = new AssertionError(label + ": " + t.getName() + " did not finish within "
            + LIVENESS_SECONDS + " s (its stack is this error's); failures so far: " + failures);
        stuck.setStackTrace(t.getStackTrace());
        throw stuck;
      }
    }
    synchronized (failures) {
      if (!failures.isEmpty()) {
        Throwable first = failures.stream().filter(f -> !(f.getCause() instanceof PeerEndedException))
            .findFirst().orElse(failures.get(0));
        AssertionError error = new AssertionError(label + ": " + first.getMessage(), first.getCause());
        failures.stream().filter(f -> f != first).forEach(error::addSuppressed);
        throw error;
      }
    }
  }

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
      share(engines, IntStream.range(0, size).toArray(), Wake.DOORBELLS);
    } else if (placement == Placement.ONE_JVM) {
      share(engines, IntStream.range(0, size).toArray(), Wake.SELECTORS);
    } else if (placement == Placement.TWO_HOSTS) {
      // Without Unix-domain doorbells: the TCP connections ring, as where those cannot be made.
      share(engines, IntStream.range(0, size / 2).toArray(), Wake.TCP);
      share(engines, IntStream.range(size / 2, size).toArray(), Wake.TCP);
    }
    byte[] secret = JobSecret.generate();
    for (Engine engine : engines) {
      engine.connect(secret, addresses);
    }
    return engines;
  }

  /** How a sleeping rank is woken. */
  private enum Wake {
    DOORBELLS,
    SELECTORS,
    TCP
  }

  /**
   * Gives {@code local} (world ranks) one segment, as their host's local rank 0 would, woken as
   * {@code wake} says, set up in SharedMemory's order.
   */
  private static void share(Engine[] engines, int[] local, Wake wake) {
    boolean bells = wake == Wake.DOORBELLS;
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
      java.nio.channels.Selector[] selectors = new java.nio.channels.Selector[local.length];
      for (int j = 0; j < local.length && wake == Wake.SELECTORS; j++) {
        selectors[j] = j == i ? null : engines[local[j]].selector();
      }
      engines[local[i]].useSharedMemory(segment, local, sockets, selectors, oversubscribed, -1);
    }
    created.unlink();
  }
}
