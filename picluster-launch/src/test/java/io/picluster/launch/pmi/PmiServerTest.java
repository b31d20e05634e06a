package io.picluster.launch.pmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The PMI server over real loopback sockets, driven line by line as MPICH's client would. */
@Timeout(60)
class PmiServerTest {
  private final List<String> rejected = new CopyOnWriteArrayList<>();
  private final List<int[]> aborts = new CopyOnWriteArrayList<>();
  private PmiServer server;

  @BeforeEach
  void start() throws IOException {
    PmiListener listener =
        new PmiListener() {
          @Override
          public void aborted(int rank, int exitCode) {
            aborts.add(new int[] {rank, exitCode});
          }

          @Override
          public void rejected(String line) {
            rejected.add(line);
          }
        };
    server =
        new PmiServer(
            InetAddress.getLoopbackAddress(), 2, "(vector,(0,1,2))", listener, Duration.ofMillis(500));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A raw client connection. */
  private final class Client implements AutoCloseable {
    final Socket socket;
    final BufferedReader in;
    final OutputStream out;

    Client() throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
      socket.setSoTimeout(20_000);
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      out = socket.getOutputStream();
    }

    void send(String line) throws IOException {
      out.write((line + "\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }

    String call(String line) throws IOException {
      send(line);
      return in.readLine();
    }

    /** Handshake as rank {@code rank}, with its PMI id; returns the four reply lines. */
    List<String> initack(int rank) throws IOException {
      send("cmd=initack pmiid=" + server.pmiId(rank));
      return List.of(in.readLine(), in.readLine(), in.readLine(), in.readLine());
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void handshakeAndRequestsGetMpichsReplies() throws IOException {
    try (Client c = new Client()) {
      assertThat(c.initack(1))
          .containsExactly("cmd=initack", "cmd=set size=2", "cmd=set rank=1", "cmd=set debug=0");
      assertThat(server.connected(1)).isTrue();
      assertThat(server.connected(0)).isFalse();
      assertThat(c.call("cmd=init pmi_version=1 pmi_subversion=1"))
          .isEqualTo("cmd=response_to_init pmi_version=1 pmi_subversion=1 rc=0");
      assertThat(c.call("cmd=get_maxes"))
          .isEqualTo("cmd=maxes kvsname_max=256 keylen_max=64 vallen_max=1024");
      assertThat(c.call("cmd=get_appnum")).isEqualTo("cmd=appnum appnum=0");
      assertThat(c.call("cmd=get_universe_size")).isEqualTo("cmd=universe_size size=2");
      assertThat(c.call("cmd=get_my_kvsname")).matches("cmd=my_kvsname kvsname=kvs_[0-9]+_0");
      assertThat(c.call("cmd=get kvsname=k key=PMI_process_mapping"))
          .isEqualTo("cmd=get_result rc=0 msg=success value=(vector,(0,1,2))");
      assertThat(c.call("cmd=get kvsname=k key=absent"))
          .isEqualTo("cmd=get_result rc=-1 msg=key_absent_not_found value=unknown");
      String big = "b64 padded  " + "Z".repeat(5000) + "  -";
      assertThat(c.call("cmd=put kvsname=k key=big value=" + big))
          .isEqualTo("cmd=put_result rc=0 msg=success");
      assertThat(c.call("cmd=get kvsname=k key=big"))
          .isEqualTo("cmd=get_result rc=0 msg=success value=" + big);
      assertThat(c.call("cmd=publish_name service=s port=p")).contains("rc=1");
      assertThat(c.call("cmd=unpublish_name service=s")).startsWith("cmd=unpublish_result rc=1");
      assertThat(c.call("cmd=lookup_name service=s"))
          .isEqualTo("cmd=lookup_result rc=1 msg=service_not_found");
      c.send("mcmd=spawn");
      c.send("nprocs=1");
      c.send("execname=/bin/true");
      assertThat(c.call("endcmd")).isEqualTo("cmd=spawn_result rc=-1");
      assertThat(c.call("cmd=frobnicate x=1")).contains("rc=-1").startsWith("cmd=frobnicate_result");
      assertThat(c.call("cmd=finalize")).isEqualTo("cmd=finalize_ack");
      assertThat(server.finalized(1)).isTrue();
    }
    assertThat(rejected).isEmpty();
  }

  @Test
  void pmiVersionTwoIsDeclined() throws IOException {
    try (Client c = new Client()) {
      c.initack(0);
      assertThat(c.call("cmd=init pmi_version=2 pmi_subversion=0")).endsWith("rc=-1");
    }
  }

  @Test
  void barrierReleasesBothRanksOnlyWhenBothEnteredAndRepeats() throws Exception {
    try (Client a = new Client();
        Client b = new Client()) {
      a.initack(0);
      b.initack(1);
      for (int epoch = 0; epoch < 3; epoch++) {
        a.send("cmd=barrier_in");
        a.socket.setSoTimeout(300);
        boolean releasedEarly;
        try {
          releasedEarly = a.in.readLine() != null;
        } catch (java.net.SocketTimeoutException stillWaiting) {
          releasedEarly = false;
        }
        assertThat(releasedEarly).as("released before rank 1 entered").isFalse();
        a.socket.setSoTimeout(20_000);
        b.send("cmd=barrier_in");
        assertThat(a.in.readLine()).isEqualTo("cmd=barrier_out");
        assertThat(b.in.readLine()).isEqualTo("cmd=barrier_out");
      }
    }
  }

  @Test
  void abortIsReportedWithItsCode() throws IOException {
    try (Client c = new Client()) {
      c.initack(1);
      c.send("cmd=abort exitcode=7");
      await().atMost(Duration.ofSeconds(10)).until(() -> !aborts.isEmpty());
      assertThat(aborts.get(0)).containsExactly(1, 7);
    }
  }

  @Test
  void garbageIsRefusedAndARealRankStillConnects() throws IOException {
    try (Client binary = new Client();
        Client text = new Client();
        Client silent = new Client();
        Client outOfRange = new Client()) {
      binary.out.write(new byte[] {0, (byte) 0xff, 3, '\n'});
      binary.out.flush();
      text.send("GET / HTTP/1.0");
      outOfRange.send("cmd=initack pmiid=0"); // rank 0's number, but no id is 0
      // Each is closed without a reply; the silent one after the handshake timeout.
      assertThat(binary.in.read()).isEqualTo(-1);
      assertThat(text.in.read()).isEqualTo(-1);
      assertThat(outOfRange.in.read()).isEqualTo(-1);
      assertThat(silent.in.read()).isEqualTo(-1);
    }
    try (Client real = new Client();
        Client duplicate = new Client()) {
      assertThat(real.initack(0)).startsWith("cmd=initack");
      duplicate.send("cmd=initack pmiid=" + server.pmiId(0));
      assertThat(duplicate.in.read()).isEqualTo(-1);
      assertThat(real.call("cmd=get_appnum")).isEqualTo("cmd=appnum appnum=0");
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> rejected.size() == 5);
    assertThat(rejected)
        .allMatch(l -> l.startsWith("picluster: refused a PMI connection from 127.0.0.1:"))
        .anyMatch(l -> l.endsWith("sent binary data instead of cmd=initack"))
        .anyMatch(l -> l.endsWith("sent 'GET / HTTP/1.0' instead of cmd=initack pmiid=<id>"))
        .anyMatch(l -> l.endsWith("pmiid 0 is no rank's id"))
        .anyMatch(l -> l.endsWith("sent no initack within 500 ms"))
        .anyMatch(l -> l.endsWith("the pmiid of rank 0 is already connected"));
  }

  @Test
  void anOverlongFirstLineIsRefused() throws IOException {
    try (Client c = new Client()) {
      byte[] chunk = new byte[64 * 1024];
      java.util.Arrays.fill(chunk, (byte) 'x');
      try {
        for (int i = 0; i < 40; i++) {
          c.out.write(chunk);
        }
      } catch (IOException closedOnUs) {
        // expected once the server gives up on the line
      }
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> rejected.size() == 1);
    assertThat(rejected.get(0)).endsWith("sent a line longer than 1048576 bytes before initack");
  }

  // ---- the list, item by item, beyond the whole conversation above

  @Test
  void aValueOfMegabytesComesBackWholeWithItsSpaces() throws IOException {
    try (Client c = new Client()) {
      c.initack(0);
      // Three times the 1 MiB that a line may have before initack, and far beyond vallen_max.
      String value = "x".repeat(3 << 20) + "  tail with spaces ";
      assertThat(c.call("cmd=put kvsname=k key=huge value=" + value))
          .isEqualTo("cmd=put_result rc=0 msg=success");
      assertThat(c.call("cmd=get kvsname=k key=huge"))
          .isEqualTo("cmd=get_result rc=0 msg=success value=" + value);
      assertThat(c.call("cmd=put kvsname=k key=empty value="))
          .isEqualTo("cmd=put_result rc=0 msg=success");
      assertThat(c.call("cmd=get kvsname=k key=empty"))
          .isEqualTo("cmd=get_result rc=0 msg=success value=");
    }
    assertThat(rejected).isEmpty();
  }

  @Test
  void aKeyIsWriteOnceAndAPutWithoutKeyOrValueIsRefused() throws IOException {
    try (Client c = new Client()) {
      c.initack(0);
      assertThat(c.call("cmd=put kvsname=k key=once value=first")).endsWith("rc=0 msg=success");
      assertThat(c.call("cmd=put kvsname=k key=once value=second")).endsWith("rc=0 msg=success");
      assertThat(c.call("cmd=get kvsname=k key=once"))
          .as("the first put wins, as Hydra's get returns the first match")
          .isEqualTo("cmd=get_result rc=0 msg=success value=first");
      assertThat(c.call("cmd=put kvsname=k value=v")).startsWith("cmd=put_result rc=-1");
      assertThat(c.call("cmd=put kvsname=k key=novalue")).startsWith("cmd=put_result rc=-1");
      assertThat(c.call("cmd=get kvsname=k")).startsWith("cmd=get_result rc=-1");
      assertThat(c.call("cmd=get kvsname=k key=PMI_dead_processes"))
          .isEqualTo("cmd=get_result rc=0 msg=success value=");
    }
  }

  @Test
  void anyNumberOfBarriersWithPutsBeforeAndGetsAfterAsMpichDoes() throws Exception {
    int size = 3;
    int epochs = 25;
    try (PmiServer three = new PmiServer(InetAddress.getLoopbackAddress(), size,
        "(vector,(0,3,1))", quietListener(), Duration.ofSeconds(5))) {
      List<Thread> threads = new java.util.ArrayList<>();
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      for (int rank = 0; rank < size; rank++) {
        int me = rank;
        Thread t = new Thread(() -> {
          try (Socket s = new Socket(InetAddress.getLoopbackAddress(), three.port())) {
            s.setSoTimeout(20_000);
            BufferedReader in = new BufferedReader(
                new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            java.util.function.Function<String, String> call = line -> {
              try {
                out.write((line + "\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return in.readLine();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            };
            out.write(("cmd=initack pmiid=" + three.pmiId(me) + "\n").getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 4; i++) {
              in.readLine();
            }
            assertThat(call.apply("cmd=get kvsname=k key=PMI_process_mapping"))
                .endsWith("value=(vector,(0,3,1))");
            for (int e = 0; e < epochs; e++) {
              assertThat(call.apply("cmd=put kvsname=k key=card-" + e + "-" + me + " value=" + (e * 10 + me)))
                  .endsWith("rc=0 msg=success");
              assertThat(call.apply("cmd=barrier_in")).isEqualTo("cmd=barrier_out");
              for (int peer = 0; peer < size; peer++) {
                assertThat(call.apply("cmd=get kvsname=k key=card-" + e + "-" + peer))
                    .as("rank %d after barrier %d sees rank %d's put", me, e, peer)
                    .isEqualTo("cmd=get_result rc=0 msg=success value=" + (e * 10 + peer));
              }
            }
            assertThat(call.apply("cmd=finalize")).isEqualTo("cmd=finalize_ack");
          } catch (Throwable e) {
            failures.add(e);
          }
        }, "rank-" + rank);
        t.start();
        threads.add(t);
      }
      for (Thread t : threads) {
        t.join(40_000);
      }
      assertThat(failures).isEmpty();
      for (int rank = 0; rank < size; rank++) {
        assertThat(three.finalized(rank)).isTrue();
      }
    }
  }

  @Test
  void anUnknownMappingIsNotFoundSoMpichComparesHostNames() throws IOException {
    try (PmiServer unknown = new PmiServer(InetAddress.getLoopbackAddress(), 1, "",
            quietListener(), Duration.ofSeconds(5));
        Socket s = new Socket(InetAddress.getLoopbackAddress(), unknown.port())) {
      s.setSoTimeout(20_000);
      BufferedReader in = new BufferedReader(
          new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
      s.getOutputStream().write(("cmd=initack pmiid=" + unknown.pmiId(0) + "\ncmd=get kvsname=k key=PMI_process_mapping\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      for (int i = 0; i < 4; i++) {
        in.readLine();
      }
      assertThat(in.readLine()).startsWith("cmd=get_result rc=-1 ");
    }
  }

  @Test
  void abortGetsNoReplyAndWithoutACodeCountsAsOne() throws IOException {
    try (Client c = new Client()) {
      c.initack(0);
      c.send("cmd=abort");
      await().atMost(Duration.ofSeconds(10)).until(() -> !aborts.isEmpty());
      assertThat(aborts.get(0)).containsExactly(0, 1);
      c.socket.setSoTimeout(300);
      boolean replied;
      try {
        replied = c.in.readLine() != null;
      } catch (java.net.SocketTimeoutException none) {
        replied = false;
      }
      assertThat(replied).as("abort is answered by ending the job, never by a line").isFalse();
    }
  }

  @Test
  void spawnIsRefusedWithItsWholeMultiLineCommandReadAndTheRankGoesOn() throws IOException {
    try (Client c = new Client()) {
      c.initack(0);
      c.send("mcmd=spawn");
      for (String l : List.of("nprocs=2", "execname=./child", "totspawns=1", "spawnssofar=1",
          "argcnt=1", "arg1=x y", "preput_num=1", "preput_key_0=PARENT_ROOT_PORT_NAME",
          "preput_val_0=tag#0$description#node1$port#4000$ifname#10.0.0.1$", "info_num=0")) {
        c.send(l);
      }
      assertThat(c.call("endcmd")).isEqualTo("cmd=spawn_result rc=-1");
      assertThat(c.call("cmd=publish_name service=s port=p"))
          .startsWith("cmd=publish_result rc=1");
      assertThat(c.call("cmd=get_universe_size")).isEqualTo("cmd=universe_size size=2");
    }
    assertThat(rejected).isEmpty();
    assertThat(aborts).isEmpty();
  }

  /** The attack of issue 13: a stranger claims rank 1 by number and aborts the job. */
  @Test
  void aStrangerWhoClaimsARankByNumberIsRefusedAndCannotAbortOrReadTheKvs() throws IOException {
    try (Client stranger = new Client()) {
      stranger.send("cmd=initack pmiid=1");
      stranger.send("cmd=init pmi_version=1 pmi_subversion=1");
      stranger.send("cmd=get kvsname=k key=picluster-addr-0");
      stranger.send("cmd=abort exitcode=9");
      assertThat(stranger.in.read()).as("closed without a reply").isEqualTo(-1);
    }
    try (Client rank0 = new Client();
        Client rank1 = new Client()) {
      assertThat(rank1.initack(1)).contains("cmd=set rank=1");
      assertThat(rank0.initack(0)).contains("cmd=set rank=0");
      assertThat(rank0.call("cmd=finalize")).isEqualTo("cmd=finalize_ack");
      assertThat(rank1.call("cmd=finalize")).isEqualTo("cmd=finalize_ack");
    }
    assertThat(aborts).isEmpty();
    assertThat(server.finalized(0) && server.finalized(1)).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> rejected.size() == 1);
    assertThat(rejected.get(0)).endsWith(": pmiid 1 is no rank's id");
  }

  @Test
  void idsAreRandomPositive31BitIntsAndTheLargestWorks() throws IOException {
    PmiIds ids = PmiIds.random(1000);
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int r = 0; r < ids.size(); r++) {
      assertThat(ids.idOf(r)).isPositive();
      assertThat(ids.rankOf(ids.idOf(r))).isEqualTo(r);
      seen.add(ids.idOf(r));
    }
    assertThat(seen).hasSize(1000);
    try (PmiServer largest = new PmiServer(InetAddress.getLoopbackAddress(), "", quietListener(),
            Duration.ofSeconds(5), PmiIds.of(Integer.MAX_VALUE), peer -> true);
        Socket s = new Socket(InetAddress.getLoopbackAddress(), largest.port())) {
      s.setSoTimeout(20_000);
      s.getOutputStream().write("cmd=initack pmiid=2147483647\n".getBytes(StandardCharsets.US_ASCII));
      BufferedReader in = new BufferedReader(
          new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
      assertThat(in.readLine()).isEqualTo("cmd=initack");
      assertThat(largest.connected(0)).isTrue();
    }
    assertThat(ids.rankOf(2147483648L)).isEqualTo(-1);
    assertThat(ids.rankOf(-ids.idOf(0))).isEqualTo(-1);
  }

  /** Loopback has many addresses: the stranger uses 127.0.0.2, the job's ranks 127.0.0.1. */
  @Test
  void anAddressThatFailsTooOftenGetsNoMoreTriesWhileTheJobFinishes() throws IOException {
    InetAddress strangerAddress = InetAddress.getByName("127.0.0.2");
    for (int i = 0; i < HandshakeFailures.LIMIT; i++) {
      try (Socket s = from(strangerAddress)) {
        s.getOutputStream().write(("cmd=initack pmiid=" + (i + 1) + "\n")
            .getBytes(StandardCharsets.US_ASCII));
        assertThat(s.getInputStream().read()).isEqualTo(-1);
      }
    }
    await().atMost(Duration.ofSeconds(10))
        .until(() -> rejected.stream().anyMatch(l -> l.contains("no further connections")));
    try (Socket s = from(strangerAddress)) {
      // Even the right id is not read any more: the connection is closed at once.
      s.getOutputStream().write(("cmd=initack pmiid=" + server.pmiId(0) + "\n")
          .getBytes(StandardCharsets.US_ASCII));
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
    try (Client rank0 = new Client();
        Client rank1 = new Client()) {
      assertThat(rank0.initack(0)).contains("cmd=set rank=0");
      assertThat(rank1.initack(1)).contains("cmd=set rank=1");
      assertThat(rank0.call("cmd=finalize")).isEqualTo("cmd=finalize_ack");
      assertThat(rank1.call("cmd=finalize")).isEqualTo("cmd=finalize_ack");
    }
    assertThat(rejected)
        .filteredOn(l -> l.contains("no further connections"))
        .containsExactly("picluster: " + HandshakeFailures.LIMIT
            + " failed PMI handshakes from 127.0.0.2: no further connections are taken from it");
    assertThat(rejected).hasSize(HandshakeFailures.LIMIT + 1);
  }

  @Test
  void anAddressOfNoJobHostIsRefusedUnreadWhileTheJobFinishes() throws IOException {
    InetAddress stranger = InetAddress.getByName("127.0.0.2");
    try (PmiServer guarded = new PmiServer(InetAddress.getLoopbackAddress(), "", listener(),
            Duration.ofSeconds(5), PmiIds.random(1), peer -> !peer.equals(stranger))) {
      for (int i = 0; i < 2; i++) {
        try (Socket s = new Socket()) {
          s.bind(new java.net.InetSocketAddress(stranger, 0));
          s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), guarded.port()));
          s.setSoTimeout(20_000);
          s.getOutputStream().write(("cmd=initack pmiid=" + guarded.pmiId(0) + "\n")
              .getBytes(StandardCharsets.US_ASCII));
          assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
      }
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), guarded.port())) {
        s.setSoTimeout(20_000);
        s.getOutputStream().write(("cmd=initack pmiid=" + guarded.pmiId(0) + "\ncmd=finalize\n")
            .getBytes(StandardCharsets.US_ASCII));
        BufferedReader in = new BufferedReader(
            new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        assertThat(in.readLine()).isEqualTo("cmd=initack");
        for (int i = 0; i < 3; i++) {
          in.readLine();
        }
        assertThat(in.readLine()).isEqualTo("cmd=finalize_ack");
      }
      assertThat(guarded.finalized(0)).isTrue();
    }
    assertThat(rejected).containsExactly("picluster: refused a PMI connection from 127.0.0.2: "
        + "not one of the job's hosts (further ones from it are refused silently)");
  }

  private Socket from(InetAddress source) throws IOException {
    Socket s = new Socket();
    s.bind(new java.net.InetSocketAddress(source, 0));
    s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
    s.setSoTimeout(20_000);
    return s;
  }

  private PmiListener listener() {
    return new PmiListener() {
      @Override
      public void aborted(int rank, int exitCode) {
        aborts.add(new int[] {rank, exitCode});
      }

      @Override
      public void rejected(String line) {
        rejected.add(line);
      }
    };
  }

  private static PmiListener quietListener() {
    return new PmiListener() {
      @Override
      public void aborted(int rank, int exitCode) {}

      @Override
      public void rejected(String line) {}
    };
  }
}
