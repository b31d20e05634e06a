package io.picluster.comm;

import io.picluster.comm.internal.Group;
import io.picluster.comm.internal.GroupIds;
import io.picluster.comm.internal.LoopbackMesh;

/**
 * Runs a job body on N ranks that are threads of this JVM, each with its own engine and real
 * loopback sockets: multi-rank behaviour without starting processes. A rank that fails closes its
 * engine, so its peers fail too instead of waiting; the first real failure is rethrown.
 */
final class InProcessRanks {
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
      run(size, placement, body);
      if (size == 1) {
        return; // one rank has nothing to place
      }
    }
  }

  static void run(int size, LoopbackMesh.Placement placement, Body body) {
    LoopbackMesh.runRanks(LoopbackMesh.open(size, placement), "placement " + placement,
        engine -> body.run(new Comm(null, new GroupIds(), Group.world(engine))));
  }
}
