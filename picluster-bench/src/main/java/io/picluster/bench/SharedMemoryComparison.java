package io.picluster.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Comparisons 10 and 11, ranks on one host through shared memory (issue 10 §3):
 *
 * <ul>
 *   <li>10: ping-pong between 2 rank processes ({@code picluster run --processes -n 2 pingpong}), 8 B
 *       one-way and 64 KiB and 1 MiB bandwidth, and the bandwidths with the ranks as threads
 *       ({@code run -n 2}; its 8 B is row 8), against MPICH's shared memory ({@code mpiexec.mpich -n 2
 *       NPmpich2}); targets: 8 B at most 1.0x, bandwidth at least 1.0x.
 *   <li>11: an 8 B token ring of 4 rank processes on this machine (2 cores on CI: oversubscribed), µs
 *       per hop; target at most 10 µs; MPICH's C ring (which busy-polls) printed beside it.
 * </ul>
 */
final class SharedMemoryComparison {
  private static final int SMALL = 8;
  private static final int MEDIUM = 64 * 1024;
  private static final int LARGE = 1024 * 1024;
  private static final Duration TIMEOUT = Duration.ofSeconds(300);
  private static final int OUR_LAPS = 10_000;
  /** MPICH's ring spins for its turn: ~2 ms a hop when ranks outnumber cores, so fewer laps. */
  private static final int MPICH_LAPS = 200;
  private static final double MAX_HOP_MICROS = 10;
  private static final Pattern HOP = Pattern.compile("ring_us_per_hop laps=\\d+ ranks=\\d+ value=([0-9.]+)");

  private final Path root;
  private final boolean quick;
  private final boolean pingPong;
  private final boolean ring;

  SharedMemoryComparison(Path root, boolean quick, boolean pingPong, boolean ring) {
    this.root = root;
    this.quick = quick;
    this.pingPong = pingPong;
    this.ring = ring;
  }

  void run(PrintStream out, Scoreboard board) {
    if (pingPong) {
      pingPong(out, board);
    }
    if (ring) {
      tokenRing(out, board);
    }
  }

  private void pingPong(PrintStream out, Scoreboard board) {
    out.println("10. ping-pong, 2 ranks on one host through shared memory vs MPICH shared memory (NPmpich2)");
    String processes = "ours: run --processes -n 2 pingpong";
    String threads = "ours: run -n 2 pingpong (threads)";
    String mpich = "MPICH shared memory: NPmpich2";
    Series procLat = new Series(processes, "us", "%.2f");
    Series procMid = new Series(processes, "MB/s", "%.0f");
    Series procBig = new Series(processes, "MB/s", "%.0f");
    Series thrMid = new Series(threads, "MB/s", "%.0f");
    Series thrBig = new Series(threads, "MB/s", "%.0f");
    Series mpiLat = new Series(mpich, "us", "%.2f");
    Series mpiMid = new Series(mpich, "MB/s", "%.0f");
    Series mpiBig = new Series(mpich, "MB/s", "%.0f");
    int runs = quick ? 3 : 5;
    for (int i = 0; i < 1 + runs; i++) {
      boolean keep = i > 0;
      ours(List.of("run", "--processes", "-n", "2", "pingpong", "" + SMALL, "" + MEDIUM, "" + LARGE), keep,
          procLat, procMid, procBig);
      ours(List.of("run", "-n", "2", "pingpong", "" + MEDIUM, "" + LARGE), keep, null, thrMid, thrBig);
      mpich(SMALL, mpiLat, keep, false);
      mpich(MEDIUM, mpiMid, keep, true);
      mpich(LARGE, mpiBig, keep, true);
    }
    out.println("  8 B latency, us (lower is better)");
    out.println(procLat.line());
    out.println(mpiLat.line());
    board.judge(procLat, mpiLat, Target.atMost(1.0), "<= 1.0x MPICH shared memory", false);
    out.println("  64 KiB bandwidth, MB/s (higher is better)");
    out.println(procMid.line());
    out.println(thrMid.line());
    out.println(mpiMid.line());
    board.judge("processes/MPICH", procMid, mpiMid, Target.atLeast(1.0), ">= 1.0x MPICH shared memory", false);
    board.judge("threads/MPICH", thrMid, mpiMid, Target.atLeast(1.0), ">= 1.0x MPICH shared memory", false);
    out.println("  1 MiB bandwidth, MB/s (higher is better)");
    out.println(procBig.line());
    out.println(thrBig.line());
    out.println(mpiBig.line());
    board.judge("processes/MPICH", procBig, mpiBig, Target.atLeast(1.0), ">= 1.0x MPICH shared memory", false);
    board.judge("threads/MPICH", thrBig, mpiBig, Target.atLeast(1.0), ">= 1.0x MPICH shared memory", false);
  }

  /** One pingpong job; {@code latency} null when it measures no 8 B figure. */
  private void ours(List<String> args, boolean keep, Series latency, Series medium, Series large) {
    if (medium.failed()) {
      return;
    }
    List<String> argv = new java.util.ArrayList<>(List.of(root.resolve("bin/picluster").toString()));
    argv.addAll(args);
    try {
      Outcome o = Command.run(argv, root, Map.of(), TIMEOUT).requireSuccess();
      double lat = latency == null ? 0 : PingPongOutput.median(o.stdout(), "latency_us", SMALL);
      double mid = PingPongOutput.median(o.stdout(), "bandwidth_MBps", MEDIUM);
      double big = PingPongOutput.median(o.stdout(), "bandwidth_MBps", LARGE);
      if (keep) {
        if (latency != null) {
          latency.add(lat);
        }
        medium.add(mid);
        large.add(big);
      }
    } catch (RunFailed e) {
      if (latency != null) {
        latency.fail(e.getMessage());
      }
      medium.fail(e.getMessage());
      large.fail(e.getMessage());
    }
  }

  private static void mpich(int size, Series series, boolean keep, boolean bandwidth) {
    if (series.failed()) {
      return;
    }
    try {
      double seconds = NetPipe.oneWaySecondsSharedMemory(size);
      if (keep) {
        series.add(bandwidth ? size / seconds / 1e6 : seconds * 1e6);
      }
    } catch (RunFailed e) {
      series.fail(e.getMessage());
    }
  }

  private void tokenRing(PrintStream out, Scoreboard board) {
    int cores = Runtime.getRuntime().availableProcessors();
    out.println("11. token ring, 8 B, 4 rank processes on " + cores + " cores, us per hop (lower is better)");
    Series ours = new Series("ours: exec --processes -n 4 TokenRing " + OUR_LAPS, "us", "%.2f");
    Series mpich = new Series("MPICH: mpiexec.mpich -n 4 token_ring " + MPICH_LAPS, "us", "%.1f");
    int runs = quick ? 3 : 5;
    try (TempDir dir = new TempDir("bench-ring")) {
      Path program = compileRing(dir.path());
      for (int i = 0; i < 1 + runs; i++) {
        boolean keep = i > 0;
        hop(List.of(root.resolve("bin/picluster").toString(), "exec", "--processes", "-n", "4", Jdk.tool("java"),
            "-cp", System.getProperty("java.class.path"), TokenRing.class.getName(), "" + OUR_LAPS), ours, keep);
        hop(List.of("mpiexec.mpich", "-n", "4", program.toString(), "" + MPICH_LAPS), mpich, keep);
      }
    } catch (RunFailed e) {
      mpich.fail(e.getMessage());
    }
    out.println(ours.line());
    out.println(mpich.line());
    board.judgeValue(ours, Target.atMost(MAX_HOP_MICROS), "<= " + (int) MAX_HOP_MICROS + " us per hop");
    board.report(ours, mpich, "MPICH busy-polls when ranks outnumber cores");
  }

  private void hop(List<String> argv, Series series, boolean keep) {
    if (series.failed()) {
      return;
    }
    try {
      Outcome o = Command.run(argv, root, Map.of(), TIMEOUT).requireSuccess();
      Matcher m = HOP.matcher(o.stdout());
      if (!m.find()) {
        throw new RunFailed("no 'ring_us_per_hop ... value=' line: " + o.firstLine());
      }
      if (keep) {
        series.add(Double.parseDouble(m.group(1)));
      }
    } catch (RunFailed e) {
      series.fail(e.getMessage());
    }
  }

  /** The C ring (resource token-ring/token_ring.c), built with MPICH's mpicc. */
  private static Path compileRing(Path dir) throws RunFailed {
    Path source = dir.resolve("token_ring.c");
    try (InputStream in = SharedMemoryComparison.class.getResourceAsStream("/token-ring/token_ring.c")) {
      if (in == null) {
        throw new RunFailed("resource /token-ring/token_ring.c is missing from the bench jar; rebuild it");
      }
      Files.copy(in, source);
    } catch (IOException e) {
      throw new RunFailed("cannot write " + source + ": " + e.getMessage());
    }
    Path program = dir.resolve("token_ring");
    Command.run(List.of("mpicc.mpich", "-O2", "-o", program.toString(), source.toString()), dir, Map.of(),
        Duration.ofSeconds(120)).requireSuccess();
    return program;
  }
}
