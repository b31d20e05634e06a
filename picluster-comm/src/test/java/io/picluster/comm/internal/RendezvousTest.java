package io.picluster.comm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picluster.comm.PeerEndedException;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Large messages go by rendezvous: a receiver that posts late holds their requests to send, not
 * their payloads (past its store budget), and matching order, probe sizes and synchronous sends stay
 * as for small messages. Over TCP, one host's shared memory and two hosts.
 */
class RendezvousTest {
  private static final int CONTEXT = 7;
  private static final int MIB = 1 << 20;

  @ParameterizedTest
  @EnumSource(LoopbackMesh.Placement.class)
  void aLateReceiverHoldsOnlyRequestsToSendPastItsBudget(LoopbackMesh.Placement placement) {
    int messages = 16;
    int longs = 4 * MIB / 8;
    long budget = 8L * MIB;
    run(2, placement, budget, e -> {
      if (e.rank() == 0) {
        List<Pending> sends = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
          sends.add(e.sendArray(CONTEXT, 1, i, ElementType.LONG, pattern(i, longs), 0, longs, false));
        }
        assertThat(sends.get(messages - 1).isDone()).as("a 4 MiB isend before any receive").isFalse();
        e.sendArray(CONTEXT, 1, 100, ElementType.INT, new int[] {1}, 0, 1, false).await(); // small: eager
        e.receive(CONTEXT, 1, 101, RecvTarget.array(ElementType.INT, new int[1], 0, 1)).await();
        long done = sends.stream().filter(Pending::isDone).count();
        assertThat(done).as("sends completed before their receives were posted").isLessThanOrEqualTo(2);
        // only now may rank 1 post its receives (a receive posted earlier lets one more send finish)
        e.sendArray(CONTEXT, 1, 102, ElementType.INT, new int[] {1}, 0, 1, false).await();
        for (Pending s : sends) {
          s.await();
        }
      } else {
        // the small message came after all 16 requests on the same connection: they are all here
        e.receive(CONTEXT, 0, 100, RecvTarget.array(ElementType.INT, new int[1], 0, 1)).await();
        assertThat(e.storedBytes()).as("bytes stored for 16 unreceived 4 MiB messages").isLessThanOrEqualTo(budget);
        Envelope last = e.probe(CONTEXT, 0, messages - 1);
        assertThat(last.length()).as("probed size of a request to send").isEqualTo(4L * MIB);
        assertThat(last.count()).isEqualTo(longs);
        assertThat(last.elementType()).isEqualTo(long.class);
        Envelope any = e.probeNow(CONTEXT, Matcher.ANY, Matcher.ANY);
        assertThat(any).isNotNull();
        assertThat(any.tag()).as("the first message sent is the one any-tag probes see").isEqualTo(0);
        assertThat(any.length()).isEqualTo(4L * MIB);
        e.sendArray(CONTEXT, 0, 101, ElementType.INT, new int[] {1}, 0, 1, false).await();
        e.receive(CONTEXT, 0, 102, RecvTarget.array(ElementType.INT, new int[1], 0, 1)).await();
        for (int i = messages - 1; i >= 0; i--) { // other tags: any order is fine
          long[] in = new long[longs];
          Pending r = e.receive(CONTEXT, 0, i, RecvTarget.array(ElementType.LONG, in, 0, longs));
          r.await();
          assertThat(r.bytes()).isEqualTo(4L * MIB);
          assertThat(in).as("message " + i).isEqualTo(pattern(i, longs));
        }
        assertThat(e.storedBytes()).isZero();
      }
    });
  }

  @ParameterizedTest
  @EnumSource(LoopbackMesh.Placement.class)
  void anySourceAnyTagReceivesKeepEachSendersOrderAcrossSmallAndLargeMessages(LoopbackMesh.Placement placement) {
    long seed = System.nanoTime();
    System.out.println("RendezvousTest seed " + seed);
    int perSender = 40;
    int maxLongs = 40_000; // up to 320 KiB: most of these go by rendezvous
    for (long budget : new long[] {0, 256L * 1024}) {
      run(3, placement, budget, e -> {
        if (e.rank() != 0) {
          Random random = new Random(seed + e.rank());
          List<Pending> sends = new ArrayList<>();
          for (int seq = 0; seq < perSender; seq++) {
            int longs = random.nextBoolean() ? 2 + random.nextInt(100) : 2 + random.nextInt(maxLongs);
            long[] m = new long[longs];
            m[0] = e.rank();
            m[1] = seq;
            for (int k = 2; k < longs; k++) {
              m[k] = seq * 1_000_003L + k;
            }
            sends.add(e.sendArray(CONTEXT, 0, random.nextInt(3), ElementType.LONG, m, 0, longs, random.nextBoolean()));
          }
          for (Pending s : sends) {
            s.await();
          }
        } else {
          int[] next = new int[3];
          long[] in = new long[maxLongs + 2];
          for (int i = 0; i < 2 * perSender; i++) {
            Pending r = e.receive(CONTEXT, Matcher.ANY, Matcher.ANY, RecvTarget.array(ElementType.LONG, in, 0, in.length));
            r.await();
            int from = (int) in[0];
            assertThat(r.source()).isEqualTo(from);
            assertThat(in[1]).as("sequence from rank " + from + " (seed " + seed + ")").isEqualTo(next[from]);
            int longs = r.count();
            assertThat(r.bytes()).isEqualTo(8L * longs);
            for (int k = 2; k < longs; k++) {
              if (in[k] != in[1] * 1_000_003L + k) {
                throw new AssertionError("element " + k + " of message " + in[1] + " from rank " + from);
              }
            }
            next[from]++;
          }
          assertThat(next[1]).isEqualTo(perSender);
          assertThat(next[2]).isEqualTo(perSender);
          assertThat(e.storedBytes()).isZero();
        }
      });
    }
  }

  @ParameterizedTest
  @EnumSource(LoopbackMesh.Placement.class)
  void aLargeSynchronousSendCompletesOnlyOnceMatchedEvenWhenTheReceiverStoresIt(LoopbackMesh.Placement placement) {
    int longs = MIB / 8;
    run(2, placement, Engine.STORE_BUDGET_BYTES, e -> {
      if (e.rank() == 0) {
        Pending sync = e.sendArray(CONTEXT, 1, 5, ElementType.LONG, pattern(5, longs), 0, longs, true);
        e.sendArray(CONTEXT, 1, 6, ElementType.INT, new int[] {1}, 0, 1, false).await();
        e.receive(CONTEXT, 1, 7, RecvTarget.array(ElementType.INT, new int[1], 0, 1)).await();
        assertThat(sync.isDone()).as("a synchronous send whose receive is not posted").isFalse();
        e.sendArray(CONTEXT, 1, 8, ElementType.INT, new int[] {1}, 0, 1, false).await();
        sync.await();
      } else {
        e.receive(CONTEXT, 0, 6, RecvTarget.array(ElementType.INT, new int[1], 0, 1)).await();
        e.sendArray(CONTEXT, 0, 7, ElementType.INT, new int[] {1}, 0, 1, false).await();
        e.receive(CONTEXT, 0, 8, RecvTarget.array(ElementType.INT, new int[1], 0, 1)).await();
        long[] in = new long[longs];
        e.receive(CONTEXT, 0, 5, RecvTarget.array(ElementType.LONG, in, 0, longs)).await();
        assertThat(in).isEqualTo(pattern(5, longs));
      }
    });
  }

  @ParameterizedTest
  @EnumSource(LoopbackMesh.Placement.class)
  void aReceiveOfALargeMessageWhoseSenderFinishedWithoutSendingItFailsClearly(LoopbackMesh.Placement placement) {
    int longs = MIB / 8;
    run(2, placement, 0, e -> {
      if (e.rank() == 0) {
        e.sendArray(CONTEXT, 1, 3, ElementType.LONG, new long[longs], 0, longs, false); // never waited for
        e.sendArray(CONTEXT, 1, 4, ElementType.INT, new int[] {1}, 0, 1, false).await();
      } else {
        e.receive(CONTEXT, 0, 4, RecvTarget.array(ElementType.INT, new int[1], 0, 1)).await();
        Pending large = e.receive(CONTEXT, 0, 3, RecvTarget.array(ElementType.LONG, new long[longs], 0, longs));
        assertThatThrownBy(large::await).isInstanceOf(PeerEndedException.class)
            .hasMessageContaining("rank 0").hasMessageContaining("sending").hasMessageNotContaining("\n");
      }
    });
  }

  private static long[] pattern(int message, int longs) {
    long[] a = new long[longs];
    for (int k = 0; k < longs; k++) {
      a[k] = message * 7_919L + k;
    }
    return a;
  }

  /** Runs {@code body} on {@code size} ranks (threads, each its engine); rank 0's store budget is {@code budget}. */
  private static void run(int size, LoopbackMesh.Placement placement, long budget,
      LoopbackMesh.RankBody body) {
    Engine[] engines = LoopbackMesh.open(size, placement);
    for (Engine engine : engines) {
      engine.storeBudget(budget);
    }
    LoopbackMesh.runRanks(engines, placement, body);
  }
}
