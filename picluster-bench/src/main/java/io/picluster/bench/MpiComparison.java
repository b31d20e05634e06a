package io.picluster.bench;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Comparison 7: package {@code mpi}. One mpiJava 1.2 ping-pong program ({@link MpiPingPongProgram}),
 * compiled unchanged against picluster's package mpi and against MPJ Express 0.44, between two ranks
 * on loopback: 8 B one-way latency and 1 MiB bandwidth. Ours is the program under
 * {@code picluster exec -n 2}; it is set against the same ping-pong through picluster-comm directly
 * ({@code picluster run -n 2 pingpong}, the same schedule: the cost of the API layer), and against
 * the same program under MPJ Express's niodev (2 JVMs, TCP) and multicore device (2 threads in one
 * JVM). Runs of the four are interleaved, so all see the same machine load.
 */
final class MpiComparison {
  static final String TITLE =
      "7. package mpi: one mpiJava 1.2 ping-pong program, 2 ranks on loopback (one-way = half the round trip)";
  private static final int SMALL = RawSocketPingPong.LATENCY_SIZE;
  private static final int LARGE = RawSocketPingPong.BANDWIDTH_SIZE;
  private static final Duration TIMEOUT = Duration.ofSeconds(180);
  private static final String MPI = "ours: package mpi, picluster exec -n 2";
  private static final String COMM = "picluster-comm: picluster run --processes -n 2 pingpong";
  private static final String NIODEV = "MPJ Express 0.44 niodev: 2 JVMs, TCP";
  private static final String MULTICORE = "MPJ Express 0.44 multicore: 2 threads";

  private final Path root;
  private final boolean quick;
  private final Series mpiLat = new Series(MPI, "us", "%.2f");
  private final Series commLat = new Series(COMM, "us", "%.2f");
  private final Series niodevLat = new Series(NIODEV, "us", "%.2f");
  private final Series multicoreLat = new Series(MULTICORE, "us", "%.2f");
  private final Series mpiBw = new Series(MPI, "MB/s", "%.0f");
  private final Series commBw = new Series(COMM, "MB/s", "%.0f");
  private final Series niodevBw = new Series(NIODEV, "MB/s", "%.0f");
  private final Series multicoreBw = new Series(MULTICORE, "MB/s", "%.0f");

  MpiComparison(Path root, boolean quick) {
    this.root = root;
    this.quick = quick;
  }

  void run(PrintStream out, Scoreboard board) {
    out.println(TITLE);
    try (TempDir work = new TempDir("bench-mpi")) {
      measure(work.path());
    } catch (RunFailed e) {
      // Only the scratch directory itself can fail here: nothing was measured.
      failAll(e.getMessage(), mpiLat, mpiBw, commLat, commBw, niodevLat, niodevBw, multicoreLat,
          multicoreBw);
    }
    out.println("  8 B latency, us (lower is better)");
    print(out, mpiLat, commLat, niodevLat, multicoreLat);
    board.judge("mpi/comm", mpiLat, commLat, Target.atMost(1.1), "<= 1.1x picluster-comm", false);
    board.judge("mpi/niodev", mpiLat, niodevLat, Target.atMost(0.25),
        ">= 4x lower than MPJ Express niodev (ratio <= 0.25)", true);
    board.report("mpi/multicore", mpiLat, multicoreLat, "2 processes against 2 threads in one JVM");
    out.println("  1 MiB bandwidth, MB/s = 10^6 B/s (higher is better)");
    print(out, mpiBw, commBw, niodevBw, multicoreBw);
    board.judge("mpi/comm", mpiBw, commBw, Target.atLeast(0.95), ">= 0.95x picluster-comm", false);
    board.report("mpi/niodev", mpiBw, niodevBw, "MPJ Express niodev");
    board.report("mpi/multicore", mpiBw, multicoreBw, "2 processes against 2 threads in one JVM");
  }

  private void measure(Path work) {
    Path cliJar = root.resolve("picluster-cli/target/picluster.jar");
    Path ours = compile(work, "picluster", cliJar.toString(), mpiLat, mpiBw);
    Path theirs = null;
    MpjExpress mpje = null;
    try {
      String missing = MpjExpress.missing();
      if (missing != null) {
        failAll(missing, niodevLat, niodevBw, multicoreLat, multicoreBw);
      } else {
        theirs = compile(work, "mpj-express", MpjExpress.compileClasspath(),
            niodevLat, niodevBw, multicoreLat, multicoreBw);
      }
      if (theirs != null) {
        mpje = MpjExpress.install(work.resolve("mpj-home"));
        try {
          mpje.startDaemon();
        } catch (RunFailed e) {
          failAll(e.getMessage(), niodevLat, niodevBw); // multicore needs no daemon
        }
      }
    } catch (RunFailed e) {
      failAll(e.getMessage(), niodevLat, niodevBw, multicoreLat, multicoreBw);
    }
    try {
      String picluster = root.resolve("bin/picluster").toString();
      // The ranks' JVM options as picluster run gives its jobs' ranks, so only the API differs.
      List<String> mpiArgv = ours == null ? null : List.of(picluster, "exec", "-n", "2",
          Jdk.tool("java"), "-XX:+UseSerialGC", "-cp", cliJar + File.pathSeparator + ours,
          MpiPingPongProgram.MAIN_CLASS);
      // Two rank processes, as the mpi side has: run's default (ranks as threads) would compare a
      // process pair with a thread pair.
      List<String> commArgv = List.of(picluster, "run", "--processes", "-n", "2", "pingpong");
      int warmups = 1; // also absorbs a first-run rebuild or CDS archive dump by bin/picluster
      int runs = quick ? 3 : 7;
      for (int i = 0; i < warmups + runs; i++) {
        boolean keep = i >= warmups;
        pingPong(mpiArgv, Map.of(), mpiLat, mpiBw, true, keep);
        pingPong(commArgv, Map.of(), commLat, commBw, false, keep);
        if (mpje != null) {
          String main = MpiPingPongProgram.MAIN_CLASS;
          pingPong(mpje.niodev(2, theirs, main), mpje.env(), niodevLat, niodevBw, true, keep);
          pingPong(mpje.multicore(2, theirs, main), mpje.env(), multicoreLat, multicoreBw, true, keep);
        }
      }
    } finally {
      if (mpje != null) {
        mpje.close();
      }
    }
  }

  private static void failAll(String why, Series... series) {
    for (Series s : series) {
      s.fail(why);
    }
  }

  /** Compiles the program against {@code classpath}; on failure, fails the given series. */
  private static Path compile(Path work, String name, String classpath, Series... series) {
    try {
      return MpiPingPongProgram.compile(work, name, classpath);
    } catch (RunFailed e) {
      failAll("MpiPingPong.java does not compile against " + name + "'s package mpi: " + e.getMessage(),
          series);
      return null;
    }
  }

  /**
   * Runs one ping-pong into the two series. MPJ Express's multicore device exits 0 even when a
   * rank failed, so the figures must be in the output and, for our program, the echo check line.
   */
  private void pingPong(List<String> argv, Map<String, String> env, Series latency,
      Series bandwidth, boolean checked, boolean keep) {
    if (argv == null || latency.failed()) {
      return;
    }
    try {
      Outcome o = Command.run(argv, root, env, TIMEOUT).requireSuccess();
      if (checked) {
        o.requireLine(MpiPingPongProgram.CHECKED);
      }
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

  private static void print(PrintStream out, Series... series) {
    for (Series s : series) {
      out.println(s.line());
    }
  }
}
