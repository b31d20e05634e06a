package io.picluster.comm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Generic arrays, synchronous sends, probe, cancel and awaitAny on ranks in one JVM. */
class PointToPointTest {
  private static int next(Comm c) {
    return (c.rank() + 1) % c.size();
  }

  private static int previous(Comm c) {
    return (c.rank() - 1 + c.size()) % c.size();
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3, 4})
  void everyPrimitiveArrayTypeTravelsWithItsTypeInTheStatus(int ranks) {
    InProcessRanks.run(ranks, c -> {
      int r = c.rank();
      int p = previous(c);
      List<Object> sent = List.of(new byte[] {-1, (byte) r, 127}, new char[] {'x', (char) ('a' + r), '✓'},
          new short[] {Short.MIN_VALUE, (short) r, Short.MAX_VALUE}, new boolean[] {true, r % 2 == 0, false},
          new int[] {-1, r, 7}, new long[] {Long.MIN_VALUE, r, 9}, new float[] {1.5f, r, Float.NaN},
          new double[] {Math.PI, r, -0.0});
      List<Object> expected = List.of(new byte[] {-1, (byte) p, 127}, new char[] {'x', (char) ('a' + p), '✓'},
          new short[] {Short.MIN_VALUE, (short) p, Short.MAX_VALUE}, new boolean[] {true, p % 2 == 0, false},
          new int[] {-1, p, 7}, new long[] {Long.MIN_VALUE, p, 9}, new float[] {1.5f, p, Float.NaN},
          new double[] {Math.PI, p, -0.0});
      List<Class<?>> classes = List.of(byte.class, char.class, short.class, boolean.class, int.class, long.class,
          float.class, double.class);
      List<Request<Void>> sends = new ArrayList<>();
      for (int i = 0; i < sent.size(); i++) {
        sends.add(c.isendArray(sent.get(i), 1, 2, next(c), 100 + i, i % 2 == 0 ? SendMode.STANDARD : SendMode.SYNCHRONOUS));
      }
      for (int i = 0; i < sent.size(); i++) {
        Object in = java.lang.reflect.Array.newInstance(classes.get(i), 4);
        Status s = c.recvArray(in, 1, 3, p, 100 + i);
        assertThat(s.count()).as("count of " + classes.get(i)).isEqualTo(2);
        assertThat(s.elementType()).isEqualTo(classes.get(i));
        assertThat(s.source()).isEqualTo(p);
        assertThat(s.tag()).isEqualTo(100 + i);
        assertThat(s.cancelled()).isFalse();
        assertThat(s.bytes()).isEqualTo(2L * java.lang.reflect.Array.getLength(in) / 4
            * (classes.get(i) == byte.class || classes.get(i) == boolean.class ? 1
            : classes.get(i) == char.class || classes.get(i) == short.class ? 2
            : classes.get(i) == int.class || classes.get(i) == float.class ? 4 : 8));
        for (int k = 1; k < 3; k++) {
          assertThat(java.lang.reflect.Array.get(in, k)).isEqualTo(java.lang.reflect.Array.get(expected.get(i), k));
        }
      }
      Request.awaitAll(sends);
      // an array message taken by the object layer comes as a new array, its status in elements
      c.sendArray(new float[] {r, 2}, 0, 2, next(c), 120, SendMode.STANDARD);
      Received<float[]> got = c.recvWithStatus(p, 120);
      assertThat(got.value()).containsExactly(p, 2);
      assertThat(got.status().elementType()).isEqualTo(float.class);
      assertThat(got.status().count()).isEqualTo(2);
      Request<Void> sync = c.isendObject("s" + r, next(c), 121, SendMode.SYNCHRONOUS);
      Received<String> text = c.recvWithStatus(p, 121);
      sync.await();
      assertThat(text.value()).isEqualTo("s" + p);
      assertThat(text.status().elementType()).isEqualTo(Object.class);
    });
  }

  @Test
  void aBufferThatIsNotAPrimitiveArrayIsRefusedClearly() {
    InProcessRanks.run(1, c -> {
      assertThatThrownBy(() -> c.sendArray("text", 0, 1, 0, 0, SendMode.STANDARD))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the buffer is a String; give an array");
      assertThatThrownBy(() -> c.isendArray(new Integer[1], 0, 1, 0, 0, SendMode.STANDARD))
          .hasMessageContaining("Integer[]");
      assertThatThrownBy(() -> c.isendArray(new int[1], 0, 1, 0, 0, null)).hasMessageContaining("send mode is null");
      assertThatThrownBy(() -> c.recvArray(new short[1], 0, 2, 0, 0)).isInstanceOf(IndexOutOfBoundsException.class);
      c.sendArray(new short[] {1, 2}, 0, 2, 0, 3, SendMode.STANDARD);
      assertThatThrownBy(() -> c.recvArray(new char[2], 0, 2, 0, 3)).isInstanceOf(CommException.class)
          .hasMessageContaining("sent short[]").hasMessageContaining("expects char[]");
    });
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {2, 3})
  void aSynchronousSendCompletesOnlyOnceTheReceiverHasMatchedIt(int ranks) {
    InProcessRanks.run(ranks, c -> {
      int last = c.size() - 1;
      if (c.rank() == 0) {
        Request<Void> sync = c.isendArray(new int[] {42}, 0, 1, last, 1, SendMode.SYNCHRONOUS);
        Request<Void> eager = c.isendArray(new int[] {43}, 0, 1, last, 2, SendMode.STANDARD);
        eager.await(); // eager: done although no receive is posted
        for (int i = 0; i < 200; i++) {
          assertThat(sync.test()).as("synchronous send done before its receive was posted").isFalse();
        }
        c.send("go", last, 3); // only now does the last rank post its receives
        sync.await();
        // the object layer too, with the receive posted before the message arrives
        c.recv(last, 4);
        c.sendObject(List.of(1, 2), last, 5, SendMode.SYNCHRONOUS);
      } else if (c.rank() == last) {
        assertThat((String) c.recv(0, 3)).isEqualTo("go");
        int[] in = new int[1];
        c.recvArray(in, 0, 1, 0, 1);
        assertThat(in[0]).isEqualTo(42);
        c.recvArray(in, 0, 1, 0, 2);
        assertThat(in[0]).isEqualTo(43);
        Request<List<Integer>> posted = c.irecv(0, 5);
        c.send("posted", 0, 4);
        assertThat(posted.await()).containsExactly(1, 2);
      }
    });
  }

  @Test
  void aSynchronousSendToItselfCompletesWhenItsReceiveIsPosted() {
    InProcessRanks.run(1, c -> {
      Request<Void> sync = c.isendArray(new long[] {7}, 0, 1, 0, 1, SendMode.SYNCHRONOUS);
      assertThat(sync.test()).isFalse();
      long[] in = new long[1];
      Request<Status> receive = c.irecvArray(in, 0, 1, 0, 1);
      assertThat(sync.test()).isTrue();
      assertThat(receive.await().count()).isEqualTo(1);
      assertThat(in[0]).isEqualTo(7);
      // and with the receive posted first
      Request<String> early = c.irecv(0, 2);
      c.sendObject("x", 0, 2, SendMode.SYNCHRONOUS);
      assertThat(early.await()).isEqualTo("x");
    });
  }

  @Test
  void aLargeSynchronousSendKeepsItsArrayUntilEveryByteIsOut() {
    InProcessRanks.run(2, c -> {
      int n = 3_000_000; // 24 MB: the acknowledgement comes while the payload is still being copied
      if (c.rank() == 0) {
        long[] data = new long[n];
        Arrays.setAll(data, i -> i);
        c.recv(1, 1); // the receive is posted
        c.sendArray(data, 0, n, 1, 2, SendMode.SYNCHRONOUS);
        Arrays.fill(data, -1); // reusing the array now must not change what arrives
        c.send("done", 1, 3);
      } else {
        long[] in = new long[n];
        Request<Status> r = c.irecvArray(in, 0, n, 0, 2);
        c.send("posted", 0, 1);
        assertThat(r.await().count()).isEqualTo(n);
        assertThat((String) c.recv(0, 3)).isEqualTo("done");
        for (int i = 0; i < n; i += 9973) {
          assertThat(in[i]).isEqualTo(i);
        }
        assertThat(in[n - 1]).isEqualTo(n - 1);
      }
    });
  }

  @Test
  void aSynchronousSendToARankThatFinishesWithoutReceivingFails() {
    InProcessRanks.run(2, c -> {
      if (c.rank() == 0) {
        Request<Void> sync = c.isendArray(new int[] {1}, 0, 1, 1, 9, SendMode.SYNCHRONOUS);
        assertThatThrownBy(sync::await).isInstanceOf(PeerEndedException.class)
            .hasMessageContaining("finished without receiving a synchronous send");
      }
    });
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 4})
  void probeSeesAMessageWithoutReceivingIt(int ranks) {
    InProcessRanks.run(ranks, c -> {
      int p = previous(c);
      c.sendArray(new short[] {1, 2, 3}, 0, 3, next(c), 5, SendMode.STANDARD);
      c.send("hello", next(c), 6);
      Status text = c.probe(Comm.ANY_SOURCE, 6);
      assertThat(text.source()).isEqualTo(p);
      assertThat(text.tag()).isEqualTo(6);
      assertThat(text.elementType()).isEqualTo(Object.class);
      assertThat(text.count()).isEqualTo((int) text.bytes()).isPositive();
      Status shorts = c.probe(p, Comm.ANY_TAG); // the first that fits: tag 5
      assertThat(shorts.tag()).isEqualTo(5);
      assertThat(shorts.elementType()).isEqualTo(short.class);
      assertThat(shorts.count()).isEqualTo(3);
      assertThat(c.iprobe(p, 7)).isNull();
      assertThat(c.iprobe(p, 5)).isEqualTo(shorts); // still there
      short[] in = new short[shorts.count()];
      c.recvArray(in, 0, in.length, shorts.source(), shorts.tag());
      assertThat(in).containsExactly(1, 2, 3);
      assertThat((String) c.recv(p, 6)).isEqualTo("hello");
      assertThat(c.iprobe(Comm.ANY_SOURCE, Comm.ANY_TAG)).isNull();
      assertThatThrownBy(() -> c.probe(c.size(), 0)).hasMessageContaining("is not a rank of this communicator");
    });
  }

  @Test
  void probeWaitsForAMessageSentLaterAndIprobeFindsItEventually() {
    InProcessRanks.run(2, c -> {
      if (c.rank() == 0) {
        c.send("go", 1, 1);
        Status s = c.probe(1, 2);
        assertThat(s.count()).isEqualTo(4);
        c.recvArray(new double[4], 0, 4, 1, 2);
        c.send("go", 1, 1);
        long deadline = System.nanoTime() + 60_000_000_000L;
        Status polled = null;
        while (polled == null && System.nanoTime() < deadline) {
          polled = c.iprobe(Comm.ANY_SOURCE, Comm.ANY_TAG);
        }
        assertThat(polled).isNotNull();
        assertThat(polled.tag()).isEqualTo(3);
        assertThat((Integer) c.recv(1, 3)).isEqualTo(11);
      } else {
        c.recv(0, 1);
        c.sendArray(new double[4], 0, 4, 0, 2, SendMode.STANDARD);
        c.recv(0, 1);
        c.send(11, 0, 3);
      }
    });
  }

  @Test
  void probeForARankThatHasFinishedFails() {
    InProcessRanks.run(2, c -> {
      if (c.rank() == 0) {
        assertThatThrownBy(() -> c.probe(1, 4)).isInstanceOf(PeerEndedException.class)
            .hasMessageContaining("has finished without sending the message (tag 4) this probe waits for");
      }
    });
  }

  @Test
  void aProbeInAWorldOfOneThatCanNeverBeMetSaysSo() {
    InProcessRanks.run(1, c ->
        assertThatThrownBy(() -> c.probe(0, 1)).hasMessageContaining("can never complete"));
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2})
  void aCancelledReceiveTakesNoMessage(int ranks) {
    InProcessRanks.run(ranks, c -> {
      Request<Object> object = c.irecv(previous(c), 77);
      int[] buffer = new int[2];
      Request<Status> array = c.irecvArray(buffer, 0, 2, Comm.ANY_SOURCE, 78);
      assertThat(object.cancel()).isTrue();
      assertThat(array.cancel()).isTrue();
      assertThat(object.isCancelled()).isTrue();
      assertThat(object.test()).isTrue();
      assertThat(object.await()).isNull();
      assertThat(object.status().cancelled()).isTrue();
      Status cancelled = array.await();
      assertThat(cancelled.cancelled()).isTrue();
      assertThat(cancelled.count()).isZero();
      assertThat(cancelled.source()).isEqualTo(Comm.ANY_SOURCE);
      assertThat(cancelled.elementType()).isEqualTo(int.class);
      assertThat(object.cancel()).as("cancelling twice").isFalse();
      // the messages go to the receives posted after
      c.send("after", next(c), 77);
      c.sendArray(new int[] {5, 6}, 0, 2, next(c), 78, SendMode.STANDARD);
      assertThat((String) c.recv(previous(c), 77)).isEqualTo("after");
      Request<Status> again = c.irecvArray(buffer, 0, 2, previous(c), 78);
      assertThat(again.await().cancelled()).isFalse();
      assertThat(buffer).containsExactly(5, 6);
      assertThat(again.cancel()).as("cancelling a done receive").isFalse();
      Request<Void> send = c.isend("x", c.rank(), 79);
      assertThat(send.cancel()).as("cancelling a send").isFalse();
      send.await();
      assertThat((String) c.recv(c.rank(), 79)).isEqualTo("x");
    });
  }

  @ParameterizedTest(name = "{0} ranks")
  @ValueSource(ints = {1, 2, 3})
  void awaitAnyReturnsARequestThatIsDone(int ranks) {
    InProcessRanks.run(ranks, c -> {
      List<Request<?>> requests = new ArrayList<>();
      requests.add(c.irecv(previous(c), 1));
      requests.add(null);
      requests.add(c.irecv(previous(c), 2));
      assertThat(Request.testAny(requests)).isEqualTo(-1);
      c.barrier(); // nobody sends tag 2 before every rank has looked
      c.send("two", next(c), 2);
      assertThat(Request.awaitAny(requests)).isEqualTo(2);
      assertThat(requests.get(2).await()).isEqualTo("two");
      c.barrier(); // nobody has sent tag 1 before this
      c.send("one", next(c), 1);
      assertThat(Request.awaitAny(requests.subList(0, 2))).isEqualTo(0);
      assertThat(Request.testAny(requests)).isEqualTo(0);
      assertThat(Request.awaitAny(List.of())).isEqualTo(-1);
      assertThat(Request.awaitAny(Arrays.asList(null, null))).isEqualTo(-1);
    });
  }
}
