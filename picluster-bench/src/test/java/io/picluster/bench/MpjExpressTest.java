package io.picluster.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MpjExpressTest {
  private static final String CONF = """
      #Server port number for the daemon.
      mpjexpress.mpjdaemon.port.1=40055
      mpjexpress.mpjdaemon.port.2=40052
      mpjexpress.mpjrun.port.1=40002
      mpjexpress.mpjrun.loglevel=OFF
      """;

  @Test
  void theConfigurationGetsTheChosenPorts() throws RunFailed {
    String conf = MpjExpress.withPorts(CONF, new int[] {41001, 41002, 41003});
    assertThat(conf).contains("mpjexpress.mpjdaemon.port.1=41001\n",
        "mpjexpress.mpjdaemon.port.2=41002\n", "mpjexpress.mpjrun.port.1=41003\n",
        "#Server port number for the daemon.\n", "mpjexpress.mpjrun.loglevel=OFF");
    assertThat(conf).doesNotContain("4005", "40002");
  }

  @Test
  void aConfigurationWithoutAPortLineIsRefused() {
    assertThatThrownBy(() -> MpjExpress.withPorts("mpjexpress.mpjrun.port.1=40002\n", new int[] {1, 2, 3}))
        .hasMessageContaining("no 'mpjexpress.mpjdaemon.port.1=' line");
  }

  @Test
  void aListeningPortIsSeenInTheKernelsTable() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
      assertThat(MpjExpress.listening(port)).isTrue();
    }
    assertThat(MpjExpress.listening(port)).isFalse();
  }

  /** The bench's own anchor set-up, end to end: both devices run our ping-pong program. */
  @Test
  void theProgramRunsUnderBothDevicesAndTheDaemonLeavesNothingBehind() throws RunFailed {
    assumeTrue(MpjExpress.missing() == null, "libmpj-java is not installed");
    try (TempDir dir = new TempDir("mpje-test")) {
      Path classes = MpiPingPongProgram.compile(dir.path(), "mpj-express", MpjExpress.compileClasspath());
      String main = MpiPingPongProgram.MAIN_CLASS;
      List<Long> daemonAndRanks;
      try (MpjExpress mpje = MpjExpress.install(dir.path().resolve("home"))) {
        expectFigures(run(mpje.multicore(2, classes, main), mpje.env()));
        mpje.startDaemon();
        expectFigures(run(mpje.niodev(2, classes, main), mpje.env()));
        daemonAndRanks = ProcessHandle.current().descendants().map(ProcessHandle::pid).toList();
      }
      assertThat(daemonAndRanks).isNotEmpty();
      assertThat(daemonAndRanks).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }
  }

  private static Outcome run(List<String> argv, Map<String, String> env) throws RunFailed {
    return Command.run(argv, Path.of("."), env, Duration.ofSeconds(300)).requireSuccess();
  }

  private static void expectFigures(Outcome o) throws RunFailed {
    o.requireLine(MpiPingPongProgram.CHECKED);
    assertThat(PingPongOutput.median(o.stdout(), "latency_us", 8)).isPositive();
    assertThat(PingPongOutput.median(o.stdout(), "bandwidth_MBps", 1 << 20)).isPositive();
  }
}
