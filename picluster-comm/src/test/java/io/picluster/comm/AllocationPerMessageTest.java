package io.picluster.comm;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.comm.internal.LoopbackMesh;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * What the hot path allocates per small message through shared memory: garbage there costs more
 * than the ring itself (about 0.2 µs), and GC pauses stall every rank.
 */
class AllocationPerMessageTest {
  private static final int WARMUP = 20_000;
  private static final int MEASURED = 20_000;

  @Test
  void an8ByteSendAndReceiveAllocateLittle() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long[] perRoundTrip = new long[1];
    InProcessRanks.run(2, LoopbackMesh.Placement.ONE_HOST, c -> {
      long[] buffer = new long[1];
      int other = 1 - c.rank();
      long before = 0;
      for (int i = -WARMUP; i < MEASURED; i++) {
        if (i == 0) {
          before = threads.getCurrentThreadAllocatedBytes();
        }
        if (c.rank() == 0) {
          c.send(buffer, 0, 1, other, 1);
          c.recv(buffer, 0, 1, other, 1);
        } else {
          c.recv(buffer, 0, 1, other, 1);
          c.send(buffer, 0, 1, other, 1);
        }
      }
      if (c.rank() == 0) {
        perRoundTrip[0] = (threads.getCurrentThreadAllocatedBytes() - before) / MEASURED;
      }
    });
    long perMessage = perRoundTrip[0] / 2; // one send and one receive per message
    System.out.println("allocated per 8 B message (one send + one receive): " + perMessage + " B");
    // About 150 B now: the receive's Pending, target, posted entry and Status (it was about 200 with
    // a Request per receive and ElementType.values() copied 3 times per message, 250 before the
    // direct send path).
    assertThat(perMessage).isLessThanOrEqualTo(192);
  }
}
