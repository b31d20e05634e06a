package io.picluster.comm;

import io.picluster.comm.internal.Engine;
import io.picluster.comm.internal.Group;
import io.picluster.comm.internal.GroupIds;
import io.picluster.comm.internal.LoopbackMesh;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a job body on N ranks that are threads of this JVM, each with its own engine and real
 * loopback sockets: multi-rank behaviour without starting processes. A rank that fails closes its
 * engine, so its peers fail too instead of waiting; the first real failure is rethrown.
 */
final class InProcessRanks {
  private static final long LIVENESS_SECONDS = 120;

  interface Body {
    void run(Comm comm) throws Exception;
  }

  private InProcessRanks() {}

  /**
   * Runs {@code body} once per placement: all over TCP, all through one host's shared memory, and
   * split over two hosts (shared memory within each, TCP between), so every test checks all three.
   */
  static void run(int size, Body body) {
    for (LoopbackMesh.Placement placement : LoopbackMesh.Placement.values()) {
      try {
        run(size, placement, body);
      } catch (AssertionError e) {
        AssertionError named = new AssertionError("placement " + placement + ": " + e.getMessage(), e.getCause());
        named.setStackTrace(e.getStackTrace());
        throw named;
      }
      if (size == 1) {
        return; // one rank has nothing to place
      }
    }
  }

  static void run(int size, LoopbackMesh.Placement placement, Body body) {
    Engine[] engines = LoopbackMesh.open(size, placement);
    List<Throwable> failures = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int r = 0; r < size; r++) {
      Engine engine = engines[r];
      Thread t = new Thread(() -> {
        try {
          body.run(new Comm(null, new GroupIds(), Group.world(engine)));
        } catch (Throwable e) {
          synchronized (failures) {
            failures.add(new AssertionError("rank " + engine.rank() + ": " + e, e));
          }
        } finally {
          engine.close();
        }
      }, "rank-" + r);
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
        AssertionError stuck = new AssertionError(t.getName() + " did not finish within " + LIVENESS_SECONDS
            + " s (its stack is this error's); failures so far: " + failures);
        stuck.setStackTrace(t.getStackTrace());
        throw stuck;
      }
    }
    if (!failures.isEmpty()) {
      // a rank that failed on its own beats the peers that failed because it ended
      Throwable first = failures.stream().filter(f -> !(f.getCause() instanceof PeerEndedException))
          .findFirst().orElse(failures.get(0));
      AssertionError error = new AssertionError(first.getMessage(), first.getCause());
      failures.stream().filter(f -> f != first).forEach(error::addSuppressed);
      throw error;
    }
  }
}
