package io.picluster.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Comparison 1: ping-pong between two ranks on loopback, 8 B one-way latency and 1 MiB bandwidth.
 * Ours against MPICH forced onto TCP (NetPIPE), with two plain Java processes on a blocking socket
 * shown for reference. Runs of the three are interleaved.
 */
final class PingPongComparison {
  private static final int SMALL = RawSocketPingPong.LATENCY_SIZE;
  private static final int LARGE = RawSocketPingPong.BANDWIDTH_SIZE;
  private static final Duration TIMEOUT = Duration.ofSeconds(180);
  private static final String OURS = "ours: PICLUSTER_SHM=0 run --processes -n 2 pingpong";
  private static final String MPICH = "MPICH-TCP: NPmpich2, UCX_TLS=tcp on lo";
  private static final String RAW = "plain Java: 2 JVMs, blocking SocketChannel";

  private final Path root;
  private final boolean quick;
  private final Series oursLat = new Series(OURS, "us", "%.2f");
  private final Series mpichLat = new Series(MPICH, "us", "%.2f");
  private final Series rawLat = new Series(RAW, "us", "%.2f");
  private final Series oursBw = new Series(OURS, "MB/s", "%.0f");
  private final Series mpichBw = new Series(MPICH, "MB/s", "%.0f");
  private final Series rawBw = new Series(RAW, "MB/s", "%.0f");

  PingPongComparison(Path root, boolean quick) {
    this.root = root;
    this.quick = quick;
  }

  void run(PrintStream out, Scoreboard board) {
    out.println("1. ping-pong, 2 ranks on loopback (one-way = half the round trip)");
    int warmups = 1; // also absorbs a first-run rebuild or CDS archive dump by bin/picluster
    int runs = quick ? 3 : 7;
    for (int i = 0; i < warmups + runs; i++) {
      boolean keep = i >= warmups;
      ours(keep);
      mpich(keep);
      raw(keep);
    }
    out.println("  8 B latency, us (lower is better)");
    out.println(oursLat.line());
    out.println(mpichLat.line());
    out.println(rawLat.line());
    board.judge(oursLat, mpichLat, Target.atMost(1.5), "<= 1.5x MPICH-TCP", false);
    reference(out, rawLat, mpichLat);
    out.println("  1 MiB bandwidth, MB/s = 10^6 B/s (higher is better)");
    out.println(oursBw.line());
    out.println(mpichBw.line());
    out.println(rawBw.line());
    board.judge(oursBw, mpichBw, Target.atLeast(0.7), ">= 0.7x MPICH-TCP", false);
    reference(out, rawBw, mpichBw);
  }

  private void ours(boolean keep) {
    // Two rank processes, as MPICH's (run's default would put both ranks in one JVM), over TCP, as
    // MPICH's side here: shared memory would make this row compare unlike with unlike (row 10 does that).
    pingPong(List.of(root.resolve("bin/picluster").toString(), "run", "--processes", "-n", "2", "pingpong"),
        Map.of("PICLUSTER_SHM", "0"), oursLat, oursBw, keep);
  }

  private void mpich(boolean keep) {
    if (!mpichLat.failed()) {
      try {
        double lat = NetPipe.oneWaySeconds(SMALL) * 1e6;
        if (keep) {
          mpichLat.add(lat);
        }
      } catch (RunFailed e) {
        mpichLat.fail(e.getMessage());
      }
    }
    if (!mpichBw.failed()) {
      try {
        double bw = LARGE / NetPipe.oneWaySeconds(LARGE) / 1e6;
        if (keep) {
          mpichBw.add(bw);
        }
      } catch (RunFailed e) {
        mpichBw.fail(e.getMessage());
      }
    }
  }

  private void raw(boolean keep) {
    List<String> argv = new ArrayList<>(List.of(Jdk.tool("java"), "-cp",
        System.getProperty("java.class.path"), RawSocketPingPong.class.getName()));
    if (quick) {
      argv.add("--quick");
    }
    pingPong(argv, Map.of(), rawLat, rawBw, keep);
  }

  /** Runs a ping-pong that prints latency_us and bandwidth_MBps lines, into the two series. */
  private void pingPong(List<String> argv, Map<String, String> env, Series latency, Series bandwidth,
      boolean keep) {
    if (latency.failed()) {
      return;
    }
    try {
      Outcome o = Command.run(argv, root, env, TIMEOUT).requireSuccess();
      double lat = PingPongOutput.median(o.stdout(), "latency_us", SMALL);
      double bw = PingPongOutput.median(o.stdout(), "bandwidth_MBps", LARGE);
      if (keep) {
        latency.add(lat);
        bandwidth.add(bw);
      }
    } catch (RunFailed e) {
      latency.fail(e.getMessage());
      bandwidth.fail(e.getMessage());
    }
  }

  /** The plain Java socket pair relative to MPICH: context for reading ours, not a target. */
  private static void reference(PrintStream out, Series raw, Series mpich) {
    if (raw.measured() && mpich.measured()) {
      out.printf(Locale.ROOT, "    (for reference, plain Java/MPICH-TCP: %.3g)%n",
          raw.median() / mpich.median());
    }
  }
}
