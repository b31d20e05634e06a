package io.picluster.comm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picluster.comm.CommException;
import io.picluster.comm.PeerEndedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ranks that are threads of one JVM are linked by their shared-memory rings alone, with no TCP
 * connection: their goodbye ends the stream and a closed engine counts as a closed connection, so
 * a rank that finishes, or is stopped, ends its peers' waits for it as quickly as over TCP.
 */
class InJvmLinkTest {
  private static final int CONTEXT = 5;
  private static final int RANKS = 4;
  /** Far more than a wake-up takes, far less than the job's 2 s failure bound. */
  private static final Duration NOTICED_WITHIN = Duration.ofMillis(1500);

  @ParameterizedTest
  @EnumSource(LoopbackMesh.Placement.class)
  void onlyRanksOfOneJvmHaveNoTcpConnectionBetweenThem(LoopbackMesh.Placement placement) {
    Engine[] engines = LoopbackMesh.open(RANKS, placement);
    Set<Integer> listeners = new HashSet<>();
    for (Engine e : engines) {
      listeners.add(e.listenAddress().getPort());
    }
    int[] accepted = new int[1];
    LoopbackMesh.runRanks(engines, placement, e -> {
      allToAll(e, 1); // every link carries a message
      if (e.rank() == 0) {
        accepted[0] = establishedTo(listeners);
      }
      allToAll(e, 2); // nobody closes before rank 0 has counted
    });
    int pairs = RANKS * (RANKS - 1) / 2;
    assertThat(accepted[0]).as("connections accepted by the ranks' listeners")
        .isEqualTo(placement == LoopbackMesh.Placement.ONE_JVM ? 0 : pairs);
  }

  @Test
  void aRankOfOneJvmThatFinishesEndsTheReceivesThatWaitForIt() {
    Engine[] engines = LoopbackMesh.open(3, LoopbackMesh.Placement.ONE_JVM);
    AtomicLong finished = new AtomicLong();
    LoopbackMesh.runRanks(engines, "finishing", e -> {
      allToAll(e, 1);
      if (e.rank() == 1) {
        finished.set(System.nanoTime());
        return; // runRanks closes its engine: a goodbye to each peer
      }
      Pending fromOne = e.receive(CONTEXT, 1, 2, RecvTarget.array(ElementType.INT, new int[1], 0, 1));
      assertThatThrownBy(fromOne::await).isInstanceOf(PeerEndedException.class)
          .hasMessageMatching("rank 1 .*has finished without sending the message.*");
      assertThat(Duration.ofNanos(System.nanoTime() - finished.get())).isLessThan(NOTICED_WITHIN);
      assertThatThrownBy(() -> e.send(CONTEXT, 1, 3, Frame.OBJECT, BodySource.bytes(new byte[1]), false).await())
          .isInstanceOf(PeerEndedException.class).hasMessageContaining("it has finished");
      allToAllExcept(e, 1, 4); // the others still talk
    });
  }

  /** As threads mode stops a rank: its engine closed from another thread while it waits. */
  @Test
  void aRankOfOneJvmStoppedWhileItWaitsEndsItsPeersWaitsForIt() throws Exception {
    Engine[] engines = LoopbackMesh.open(3, LoopbackMesh.Placement.ONE_JVM);
    CountDownLatch waiting = new CountDownLatch(1);
    AtomicLong stopped = new AtomicLong();
    Thread stopper = new Thread(() -> {
      try {
        if (waiting.await(60, TimeUnit.SECONDS)) {
          Thread.sleep(100); // rank 2 is blocked in its receive by now
          stopped.set(System.nanoTime());
          engines[2].close();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "stopper");
    stopper.start();
    LoopbackMesh.runRanks(engines, "stopped", e -> {
      allToAll(e, 1);
      Pending neverSent = e.receive(CONTEXT, (e.rank() + 1) % 3, 2, RecvTarget.array(ElementType.INT, new int[1], 0, 1));
      if (e.rank() == 2) {
        waiting.countDown();
        // the stop's goodbyes meet rank 0's, who finishes meanwhile: either may end the wait
        assertThatThrownBy(neverSent::await).isInstanceOf(CommException.class);
        return;
      }
      if (e.rank() == 1) {
        assertThatThrownBy(neverSent::await).isInstanceOf(PeerEndedException.class)
            .hasMessageMatching("rank 2 .*has finished.*");
        assertThat(Duration.ofNanos(System.nanoTime() - stopped.get())).isLessThan(NOTICED_WITHIN);
      }
      allToAllExcept(e, 2, 3); // rank 0's receive from rank 1 fails once rank 1 has finished
    });
    stopper.join();
  }

  private static void allToAll(Engine e, int tag) {
    allToAllExcept(e, -1, tag);
  }

  /** Every rank but {@code absent} sends its rank to every other and checks theirs. */
  private static void allToAllExcept(Engine e, int absent, int tag) {
    int size = e.size();
    for (int peer = 0; peer < size; peer++) {
      if (peer != e.rank() && peer != absent) {
        e.sendArray(CONTEXT, peer, tag, ElementType.INT, new int[] {e.rank()}, 0, 1, false).await();
      }
    }
    for (int peer = 0; peer < size; peer++) {
      if (peer != e.rank() && peer != absent) {
        int[] got = new int[1];
        e.receive(CONTEXT, peer, tag, RecvTarget.array(ElementType.INT, got, 0, 1)).await();
        assertThat(got[0]).isEqualTo(peer);
      }
    }
  }

  /** Established TCP connections whose local end is one of {@code ports}: those the listeners accepted. */
  private static int establishedTo(Set<Integer> ports) throws IOException {
    int count = 0;
    for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
      Path file = Path.of(table);
      if (!Files.exists(file)) {
        continue;
      }
      for (String line : Files.readAllLines(file)) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 3 && f[3].equals("01") && f[1].contains(":")) {
          int port = Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16);
          count += ports.contains(port) ? 1 : 0;
        }
      }
    }
    return count;
  }
}
