package io.picluster.comm;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.comm.internal.LoopbackMesh;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A message far larger than the shared-memory ring, to a receiver that takes its time: the sender
 * waits for its clearance (a rendezvous message) and then for room without spinning (it sleeps
 * until the reader's wake-up), and every byte arrives.
 */
class FullRingTest {
  private static final int BYTES = 4 << 20; // 16 rings' worth
  private static final long RECEIVER_DELAY_MILLIS = 3000;

  @Test
  void aSenderWaitingForRoomInTheRingSleeps() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] senderCpuNanos = new long[1];
    InProcessRanks.run(2, LoopbackMesh.Placement.ONE_HOST, c -> {
      byte[] data = new byte[BYTES];
      c.barrier(); // the ranks are connected: what follows waits for room in the ring, nothing else
      if (c.rank() == 0) {
        Arrays.fill(data, (byte) 7);
        long before = threads.getCurrentThreadCpuTime();
        c.send(data, 0, BYTES, 1, 1);
        senderCpuNanos[0] = threads.getCurrentThreadCpuTime() - before;
      } else {
        Thread.sleep(RECEIVER_DELAY_MILLIS);
        Status s = c.recv(data, 0, BYTES, 0, 1);
        assertThat(s.count()).isEqualTo(BYTES);
        for (byte b : data) {
          assertThat(b).isEqualTo((byte) 7);
        }
      }
    });
    System.out.println("the sender used " + senderCpuNanos[0] / 1_000_000 + " ms of CPU while waiting "
        + RECEIVER_DELAY_MILLIS + " ms for room");
    // Spinning would take most of the wait even on a busy machine; sleeping takes a few ms.
    assertThat(senderCpuNanos[0]).isLessThan(RECEIVER_DELAY_MILLIS * 1_000_000 / 10);
  }
}
