package io.picluster.comm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A peer's send and receive buffers start small (every pair of ranks has them at both ends, and
 * each is resident) and grow to full size when a message fills one, its bytes kept: over TCP, and
 * beside shared memory. Through shared memory they stay small: a large message goes between the
 * arrays and the ring's records, never through them. Ranks that are threads of one JVM, linked by
 * the rings alone, have none at all for these messages: their buffers come only when first needed.
 */
class BufferGrowthTest {
  private static final int CONTEXT = 3;
  private static final int LONGS = (1 << 20) / 8;
  private static final int[] SMALL = {Connection.FIRST_BUFFER_BYTES, Connection.FIRST_BUFFER_BYTES};
  private static final int[] NONE = {0, 0};

  @ParameterizedTest
  @EnumSource(LoopbackMesh.Placement.class)
  void smallMessagesKeepTheSmallBuffersAndAMebibyteOverTcpGrowsOnlyItsPairsOnes(
      LoopbackMesh.Placement placement) {
    Engine[] engines = LoopbackMesh.open(4, placement);
    int[] small = placement == LoopbackMesh.Placement.ONE_JVM ? NONE : SMALL;
    LoopbackMesh.runRanks(engines, placement, e -> {
      int me = e.rank();
      // everyone sends everyone else a small message: each pair's buffers are in use
      for (int peer = 0; peer < 4; peer++) {
        if (peer != me) {
          e.sendArray(CONTEXT, peer, 1, ElementType.INT, new int[] {me}, 0, 1, false);
        }
      }
      for (int peer = 0; peer < 4; peer++) {
        if (peer != me) {
          int[] got = new int[1];
          e.receive(CONTEXT, peer, 1, RecvTarget.array(ElementType.INT, got, 0, 1)).await();
          assertThat(got[0]).isEqualTo(peer);
          assertThat(e.bufferBytes(peer)).as("rank %d's buffers with rank %d", me, peer)
              .containsExactly(small);
        }
      }
      // ranks 0 and 3 share a host only when all do (TWO_HOSTS puts 0, 1 on one and 2, 3 on the other)
      boolean oneHost = placement == LoopbackMesh.Placement.ONE_HOST || placement == LoopbackMesh.Placement.ONE_JVM;
      int grown = oneHost ? small[0] : Connection.BUFFER_BYTES;
      if (me == 0) {
        e.sendArray(CONTEXT, 3, 2, ElementType.LONG, pattern(), 0, LONGS, false).await();
        assertThat(e.bufferBytes(3)[0]).as("rank 0's send buffer to rank 3").isEqualTo(grown);
        assertThat(e.bufferBytes(2)).as("rank 0's buffers with rank 2").containsExactly(small);
      } else if (me == 3) {
        long[] in = new long[LONGS];
        e.receive(CONTEXT, 0, 2, RecvTarget.array(ElementType.LONG, in, 0, LONGS)).await();
        assertThat(in).isEqualTo(pattern());
        assertThat(e.bufferBytes(0)[1]).as("rank 3's receive buffer from rank 0").isEqualTo(grown);
        assertThat(e.bufferBytes(2)).as("rank 3's buffers with rank 2").containsExactly(small);
      }
      // nobody leaves before the large message is in: a final round of small ones
      for (int peer = 0; peer < 4; peer++) {
        if (peer != me) {
          e.sendArray(CONTEXT, peer, 3, ElementType.INT, new int[] {me}, 0, 1, false);
        }
      }
      for (int peer = 0; peer < 4; peer++) {
        if (peer != me) {
          e.receive(CONTEXT, peer, 3, RecvTarget.array(ElementType.INT, new int[1], 0, 1)).await();
        }
      }
    });
  }

  private static long[] pattern() {
    long[] a = new long[LONGS];
    for (int k = 0; k < LONGS; k++) {
      a[k] = k * 7_919L + 1;
    }
    return a;
  }
}
