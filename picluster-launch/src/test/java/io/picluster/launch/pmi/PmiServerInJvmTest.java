package io.picluster.launch.pmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picluster.comm.CommException;
import io.picluster.comm.pmi.PmiClient;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ranks that are threads of the launcher's JVM reach its PMI server without a socket
 * ({@link PmiServer#connectInJvm}), beside ranks that connect over TCP, with the same handshake,
 * key-value space and barriers.
 */
@Timeout(60)
class PmiServerInJvmTest {
  private final List<String> rejected = new CopyOnWriteArrayList<>();
  private final PmiListener listener = new PmiListener() {
    @Override
    public void aborted(int rank, int exitCode) {}

    @Override
    public void rejected(String line) {
      rejected.add(line);
    }
  };
  private PmiServer server;

  @BeforeEach
  void start() throws IOException {
    server = new PmiServer(InetAddress.getLoopbackAddress(), 2, "", listener, Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aRankInThisJvmAndARankOverTcpShareTheKeysAndTheBarriers() throws Exception {
    String port = server.portValue();
    PmiClient here = PmiClient.inJvm(server::connectInJvm, port, "" + server.pmiId(0), null, null);
    assertThat(here).isNotNull();
    assertThat(here.rank()).isZero();
    assertThat(here.size()).isEqualTo(2);
    assertThat(here.localAddress()).isEqualTo(InetAddress.getLoopbackAddress());
    assertThat(server.connected(0)).isTrue();
    here.put("from-0", "zero");
    // The barrier holds the in-JVM rank until the TCP rank enters it too.
    CompletableFuture<Void> barrier = CompletableFuture.runAsync(here::barrier);
    PmiClient tcp = PmiClient.connect(port, "" + server.pmiId(1), null, null, null);
    tcp.put("from-1", "one");
    assertThat(barrier).isNotDone();
    tcp.barrier();
    barrier.get(30, TimeUnit.SECONDS);
    assertThat(here.get("from-1")).isEqualTo("one");
    assertThat(tcp.get("from-0")).isEqualTo("zero");
    here.finalizeJob();
    tcp.finalizeJob();
    assertThat(server.finalized(0)).isTrue();
    server.awaitDrained(0, Duration.ofSeconds(10)); // returns once closed; bounded, so it checks nothing itself
    assertThat(rejected).isEmpty();
  }

  /** A job whose ranks are all threads of the launcher: no port, the same keys and barriers. */
  @Test
  void aServerForThreadsAloneOpensNoPortAndItsRanksMeetInTheJvm() throws Exception {
    PmiServer threads = PmiServer.inJvmOnly(InetAddress.getLoopbackAddress(), "", listener, Duration.ofSeconds(10),
        PmiIds.random(2));
    try {
      assertThat(threads.port()).isZero();
      assertThat(threads.portValue()).isEqualTo(InetAddress.getLoopbackAddress().getHostAddress() + ":0");
      PmiClient zero = PmiClient.inJvm(threads::connectInJvm, threads.portValue(), "" + threads.pmiId(0), null, null);
      PmiClient one = PmiClient.inJvm(threads::connectInJvm, threads.portValue(), "" + threads.pmiId(1), null, null);
      assertThat(zero.localAddress()).isEqualTo(InetAddress.getLoopbackAddress());
      zero.put("from-0", "zero");
      CompletableFuture<Void> barrier = CompletableFuture.runAsync(zero::barrier);
      one.barrier();
      barrier.get(30, TimeUnit.SECONDS);
      assertThat(one.get("from-0")).isEqualTo("zero");
      zero.finalizeJob();
      one.finalizeJob();
      assertThat(threads.finalized(0)).isTrue();
      assertThat(threads.finalized(1)).isTrue();
      assertThat(rejected).isEmpty();
    } finally {
      threads.close();
    }
  }

  @Test
  void aWrongPmiIdIsRefusedAsOverTcpAndTheRankIsToldItsConnectionEnded() {
    int wrong = server.pmiId(0) + server.pmiId(1) + 1;
    assertThatThrownBy(() -> PmiClient.inJvm(server::connectInJvm, server.portValue(), "" + wrong, null, null))
        .isInstanceOf(CommException.class).hasMessageContaining("PMI handshake with the launcher failed");
    assertThat(rejected).singleElement().asString()
        .contains("refused a PMI connection from a rank in this JVM").contains("is no rank's id");
    assertThat(server.connected(0)).isFalse();
    assertThat(server.connected(1)).isFalse();
  }

  @Test
  void closingTheServerEndsTheConnectionOfARankInThisJvm() throws Exception {
    BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    Consumer<String> requests = server.connectInJvm(line -> replies.add(line == null ? "<closed>" : line));
    requests.accept("cmd=initack pmiid=" + server.pmiId(1));
    assertThat(List.of(replies.take(), replies.take(), replies.take(), replies.take()))
        .containsExactly("cmd=initack", "cmd=set size=2", "cmd=set rank=1", "cmd=set debug=0");
    requests.accept("cmd=barrier_in"); // rank 0 never comes: no reply yet
    assertThat(replies.poll(200, TimeUnit.MILLISECONDS)).isNull();
    server.close();
    assertThat(replies.poll(10, TimeUnit.SECONDS)).isEqualTo("<closed>");
    requests.accept("cmd=get key=x"); // after the end: ignored, as bytes to a closed socket
    assertThat(replies.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aPmiPortGivenAsANameIsNotLookedUpAndLeavesTheRankToItsSocket() {
    assertThat(PmiClient.inJvm(server::connectInJvm, "localhost:" + server.port(), "" + server.pmiId(0),
        null, null)).isNull();
    assertThat(server.connected(0)).isFalse();
  }
}
