package io.picluster.comm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * A blocking receive of an array reuses the engine's last one (its completion state and target),
 * so these check what reuse could break: receives running at once in two threads of one rank, a
 * non-blocking receive waiting among blocking ones, a receive that failed, and large messages that
 * arrive in parts, on every placement.
 */
class BlockingReceiveReuseTest {
  private static final int MESSAGES = 2_000;

  @Test
  void twoThreadsOfOneRankReceivingAtOnceEachGetTheirOwnMessages() {
    InProcessRanks.run(2, c -> {
      if (c.rank() == 0) {
        long[] value = new long[2];
        for (int i = 0; i < MESSAGES; i++) {
          for (int tag = 1; tag <= 2; tag++) {
            value[0] = tag;
            value[1] = i;
            c.send(value, 0, 2, 1, tag);
          }
        }
        return;
      }
      ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
      List<Thread> receivers = new ArrayList<>();
      for (int tag = 1; tag <= 2; tag++) {
        int myTag = tag;
        Thread t = new Thread(() -> {
          long[] got = new long[3];
          for (int i = 0; i < MESSAGES; i++) {
            Status s = c.recv(got, 0, 3, 0, myTag);
            if (s.tag() != myTag || s.source() != 0 || s.count() != 2 || got[0] != myTag || got[1] != i) {
              wrong.add("tag " + myTag + " message " + i + ": status tag " + s.tag() + " source " + s.source()
                  + " count " + s.count() + ", values " + got[0] + "," + got[1]);
            }
          }
        }, "receiver-" + tag);
        receivers.add(t);
        t.start();
      }
      for (Thread t : receivers) {
        t.join();
      }
      assertThat(wrong).isEmpty();
    });
  }

  @Test
  void aNonBlockingReceivePostedEarlierTakesTheFirstMessageAndKeepsItsStatus() {
    InProcessRanks.run(2, c -> {
      if (c.rank() == 0) {
        for (int i = 1; i <= 4; i++) {
          c.send(new int[] {i, i, i, i}, 0, i, 1, 9); // 1, 2, 3, 4 elements, in that order
        }
        return;
      }
      int[] early = new int[4];
      Request<Status> first = c.irecv(early, 0, 4, 0, 9);
      int[] later = new int[4];
      for (int i = 2; i <= 4; i++) {
        Status s = c.recv(later, 0, 4, 0, 9);
        assertThat(s.count()).isEqualTo(i);
        assertThat(later[0]).isEqualTo(i);
      }
      Status s = first.await();
      assertThat(s.count()).isEqualTo(1);
      assertThat(s.tag()).isEqualTo(9);
      assertThat(early[0]).isEqualTo(1);
    });
  }

  @Test
  void aReceiveThatFailedLeavesTheNextOneIntact() {
    InProcessRanks.run(2, c -> {
      if (c.rank() == 0) {
        c.send(new long[] {1, 2, 3}, 0, 3, 1, 5); // too long for the first receive
        c.send(new long[] {4}, 0, 1, 1, 6);
        return;
      }
      long[] room = new long[2];
      assertThatThrownBy(() -> c.recv(room, 0, 2, 0, 5)).isInstanceOf(CommException.class)
          .hasMessageContaining("room for 2");
      Status s = c.recv(room, 0, 2, 0, 6);
      assertThat(s.tag()).isEqualTo(6);
      assertThat(s.count()).isEqualTo(1);
      assertThat(room[0]).isEqualTo(4);
    });
  }

  @Test
  void largeMessagesInPartsAlternateWithSmallOnes() {
    int large = 300_000; // 2.4 MB: more than a ring holds, and announced before it is sent
    InProcessRanks.run(2, c -> {
      double[] big = new double[large];
      double[] small = new double[1];
      for (int round = 0; round < 5; round++) {
        if (c.rank() == 0) {
          for (int i = 0; i < large; i++) {
            big[i] = round * 1e6 + i;
          }
          c.send(big, 0, large, 1, 1);
          small[0] = -round;
          c.send(small, 0, 1, 1, 2);
        } else {
          Status b = c.recv(big, 0, large, 0, 1);
          Status s = c.recv(small, 0, 1, 0, 2);
          assertThat(b.count()).isEqualTo(large);
          assertThat(s.count()).isEqualTo(1);
          assertThat(small[0]).isEqualTo(-round);
          for (int i = 0; i < large; i += 9973) {
            assertThat(big[i]).isEqualTo(round * 1e6 + i);
          }
          assertThat(big[large - 1]).isEqualTo(round * 1e6 + large - 1);
        }
      }
    });
  }
}
