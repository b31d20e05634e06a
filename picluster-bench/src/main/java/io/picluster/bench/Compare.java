package io.picluster.bench;

import io.picluster.comm.Comm;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmark: runs each of our commands and its anchor side by side in the same run and prints
 * both figures (median and min-max), the ratio ours/anchor, the target, and whether it is met.
 *
 * <p>Usage: {@code Compare --root REPO [--quick] [--cluster-only] [--rows N,N...]} (normally through
 * {@code bin/bench}); {@code --cluster-only} runs only the comparisons on the testbed (5 and 6);
 * {@code --rows} only the comparisons named (4 brings 8 and 9 with it; 5 brings 6).
 * Exit 0 if every target was measured and met, 1 if not, 2 on bad arguments.
 */
public final class Compare {
  private static final long PRIMES_BELOW_1E10 = 455_052_511L;
  private static final long PRIMES_BELOW_1E5 = 9_592L;

  private final Path root;
  private final boolean quick;
  private final boolean clusterOnly;
  /** The comparisons to run; empty: all. */
  private final java.util.Set<Integer> rows;
  private final PrintStream out = System.out;
  private final Scoreboard board = new Scoreboard(out);

  private Compare(Path root, boolean quick, boolean clusterOnly, java.util.Set<Integer> rows) {
    this.root = root;
    this.quick = quick;
    this.clusterOnly = clusterOnly;
    this.rows = rows;
  }

  /** Whether comparison {@code row} runs: all do unless --cluster-only or --rows says otherwise. */
  private boolean wants(int row) {
    boolean cluster = row == 5;
    return (rows.isEmpty() || rows.contains(row)) && (!clusterOnly || cluster);
  }

  public static void main(String[] args) {
    Path root = null;
    boolean quick = false;
    boolean clusterOnly = false;
    java.util.Set<Integer> rows = new java.util.TreeSet<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--cluster-only" -> clusterOnly = true;
        case "--root" -> root = i + 1 < args.length ? Path.of(args[++i]) : null;
        case "--rows" -> rows = rows(i + 1 < args.length ? args[++i] : "");
        default -> usage("unknown argument '" + args[i] + "'");
      }
    }
    if (root == null || !Files.isRegularFile(root.resolve("pom.xml"))) {
      usage("--root must name the picluster repository (the folder with pom.xml)");
    }
    Compare bench = new Compare(root.toAbsolutePath().normalize(), quick, clusterOnly, rows);
    System.exit(bench.runAll() ? 0 : 1);
  }

  private static void usage(String problem) {
    System.err.println("bench: " + problem + "; usage: bin/bench [--quick] [--cluster-only] [--rows N,N...]");
    System.exit(2);
  }

  /** "1,10,11": the comparisons to run (8 and 9 come with 4, 6 with 5). */
  private static java.util.Set<Integer> rows(String list) {
    java.util.Set<Integer> rows = new java.util.TreeSet<>();
    for (String item : list.split(",")) {
      try {
        int row = Integer.parseInt(item.trim());
        if (row < 1 || row > 11) {
          throw new NumberFormatException();
        }
        rows.add(row == 8 || row == 9 ? 4 : row == 6 ? 5 : row);
      } catch (NumberFormatException e) {
        usage("--rows takes comparison numbers from 1 to 11 separated by commas, got '" + list + "'");
      }
    }
    return rows;
  }

  private boolean runAll() {
    Instant start = Instant.now();
    out.printf(Locale.ROOT, "picluster bench%s: %s, host %s, %d CPUs, Java %s, load %s%n",
        flags(), start.truncatedTo(ChronoUnit.SECONDS), Comm.processorName(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage());
    warnIfBusy();
    if (wants(1)) {
      new PingPongComparison(root, quick).run(out, board);
    }
    if (wants(2)) {
      primesAgainstPrimesieve();
    }
    if (wants(3)) {
      primesAgainstPrimePy();
    }
    if (wants(4)) {
      launchAgainstMpiexec();
    }
    if (wants(5)) {
      new ClusterComparison(root, quick).run(out, board);
    }
    if (wants(7)) {
      new MpiComparison(root, quick).run(out, board);
    }
    if (wants(10) || wants(11)) {
      new SharedMemoryComparison(root, quick, wants(10), wants(11)).run(out, board);
    }
    out.printf(Locale.ROOT, "%s; took %d s, load %s%n", board.summary(),
        Duration.between(start, Instant.now()).toSeconds(), loadAverage());
    warnIfBusy();
    return board.allMet();
  }

  /** The header's note on the options, e.g. " (quick, cluster only)"; empty without options. */
  private String flags() {
    List<String> flags = new ArrayList<>();
    if (!rows.isEmpty()) {
      flags.add("rows " + rows);
    }
    if (quick) {
      flags.add("quick");
    }
    if (clusterOnly) {
      flags.add("cluster only");
    }
    return flags.isEmpty() ? "" : " (" + String.join(", ", flags) + ")";
  }

  /** Other work on the machine skews every figure, busy-polling MPI most of all: say so. */
  private void warnIfBusy() {
    int cpus = Runtime.getRuntime().availableProcessors();
    try {
      double load = Double.parseDouble(loadAverage());
      if (load > cpus) {
        out.printf(Locale.ROOT,
            "warning: load %.1f on %d CPUs: other work is running; figures will be skewed%n", load, cpus);
      }
    } catch (NumberFormatException unknown) {
      // no /proc/loadavg: nothing to warn about
    }
  }

  private void primesAgainstPrimesieve() {
    int runs = quick ? 3 : 7;
    String count = Long.toString(PRIMES_BELOW_1E10);
    Side ours = new Side("ours: picluster run -n 2 primes 1e10",
        picluster("run", "-n", "2", "primes", "1e10"), root, Map.of(), Duration.ofSeconds(600),
        1, runs, o -> o.requireLine("Primes discovered: " + count)).rebuilding(cliJar());
    Side anchor = new Side("primesieve 1e10 -t2 -c1",
        List.of("primesieve", "1e10", "-t2", "-c1", "-q", "--no-status"), root, Map.of(),
        Duration.ofSeconds(120), 1, runs, o -> exactly(o, count));
    WallTimeComparison.run(out, board, "2. primes below 1e10 on 2 ranks, wall s (lower is better)",
        ours, anchor, Target.atMost(3), "<= 3x primesieve", false);
  }

  private void primesAgainstPrimePy() {
    String title = "3. primes below 100000 on 4 ranks, wall s (lower is better)";
    Optional<Path> primePy = PrimePy.find(root);
    if (primePy.isEmpty()) {
      out.println(title);
      out.println("    skipped: " + PrimePy.RELATIVE + " not found beside the repo or above it");
      board.skipped();
      return;
    }
    String count = "Primes discovered: " + PRIMES_BELOW_1E5;
    Side ours = new Side("ours: picluster run -n 4 primes 100000",
        picluster("run", "-n", "4", "primes", "100000"), root, Map.of(), Duration.ofSeconds(300),
        1, quick ? 3 : 7, o -> o.requireLine(count)).rebuilding(cliJar());
    // System python: the one whose mpi4py is linked to Open MPI; "Nodes: 4" proves a real 4-rank run.
    Side anchor = new Side("prime.py under Open MPI, 4 ranks",
        List.of("mpiexec.openmpi", "--allow-run-as-root", "--oversubscribe",
            "--mca", "oob_tcp_if_include", "lo", "--mca", "btl_tcp_if_include", "lo",
            "--mca", "pml", "ob1", "-n", "4", "/usr/bin/python3", primePy.get().toString(), "100000"),
        root, Map.of(), Duration.ofSeconds(600), 0, quick ? 1 : 3,
        o -> o.requireLine(count).requireLine("Nodes: 4"));
    WallTimeComparison.run(out, board, title, ours, anchor,
        Target.atMost(1 / 40.0), ">= 40x faster (ratio <= 0.025)", true);
  }

  private void launchAgainstMpiexec() {
    String title = "4. launch 4 ranks that print the host name, wall s (lower is better)";
    try (TempDir hello = new TempDir("bench-hello")) {
      HelloProgram.compileInto(hello.path());
      String host = Comm.processorName();
      int runs = quick ? 5 : 15;
      Side ours = new Side("ours: picluster run -n 4 hostname",
          picluster("run", "-n", "4", "hostname"), root, Map.of(), Duration.ofSeconds(120),
          2, runs, o -> fourHostLines(o, host)).rebuilding(cliJar());
      Side anchor = new Side("mpiexec.mpich -n 4 java Hello",
          List.of("mpiexec.mpich", "-n", "4", Jdk.tool("java"), "-cp", hello.path().toString(), "Hello"),
          root, Map.of(), Duration.ofSeconds(120), 2, runs, o -> fourHostLines(o, host));
      WallTimeComparison.run(out, board, title, ours, anchor,
          Target.atMost(1.0), "<= 1.0x mpiexec + 4 JVMs", false);
      new ThreadsComparison(root, hello.path(), quick).run(out, board);
    } catch (RunFailed e) {
      out.println(title);
      out.println("    skipped: cannot compile Hello: " + e.getMessage());
      board.skipped();
    }
  }

  private List<String> picluster(String... args) {
    List<String> argv = new ArrayList<>();
    argv.add(root.resolve("bin").resolve("picluster").toString());
    argv.addAll(List.of(args));
    return argv;
  }

  /** The jar bin/picluster rebuilds on its own when a source is newer than it. */
  private Path cliJar() {
    return root.resolve("picluster-cli/target/picluster.jar");
  }

  private static void exactly(Outcome o, String expected) throws RunFailed {
    if (!o.stdout().strip().equals(expected)) {
      throw new RunFailed("expected '" + expected + "', got: " + o.firstLine());
    }
  }

  private static void fourHostLines(Outcome o, String host) throws RunFailed {
    long lines = o.stdout().lines().filter(l -> l.contains(host)).count();
    if (lines != 4) {
      throw new RunFailed("expected 4 lines naming host '" + host + "', got " + lines + ": "
          + o.firstLine());
    }
  }

  /** The 1-minute load average: the machine may be shared, and a busy one skews every figure. */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }
}
