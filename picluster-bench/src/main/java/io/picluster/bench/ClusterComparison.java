package io.picluster.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Comparisons 5 and 6: across hosts, on 4 testbed nodes (network namespaces on this machine, each
 * with its own sshd; see {@code testbed/README.md}). The section brings the testbed up itself and
 * takes it down at the end, holding the machine-wide testbed owner lock meanwhile. Every command
 * that talks to 10.0.0.x runs inside node1, as the login user {@code pi}, through
 * {@code testbed/sh}; the nodes share this machine's CPUs.
 *
 * <ul>
 *   <li>5: {@code picluster exec -n 4 --hosts ...4 nodes... hostname} against MPICH's Hydra over
 *       plain ssh ({@code mpiexec.mpich -launcher ssh}); target: at most 1.5x.
 *   <li>6: {@code picluster run -n 4 --hosts ...4 nodes... primes 1e9} against
 *       {@code primesieve 1e9 -t4} in node1; reported, no target.
 * </ul>
 */
final class ClusterComparison {
  static final int NODES = 4;
  static final String TITLE_LAUNCH =
      "5. launch 4 ranks on 4 testbed nodes that print the host name, wall s (lower is better)";
  static final String TITLE_PRIMES =
      "6. primes below 1e9 on 4 testbed nodes, wall s (lower is better)";
  private static final String PRIMES_BELOW_1E9 = "50847534";
  private static final Duration PREPARE_TIMEOUT = Duration.ofSeconds(600);
  private static final Duration SSH_TIMEOUT = Duration.ofSeconds(30);

  private final Path root;
  private final boolean quick;

  ClusterComparison(Path root, boolean quick) {
    this.root = root;
    this.quick = quick;
  }

  void run(PrintStream out, Scoreboard board) {
    Optional<String> unusable = ClusterTestbed.unusableBecause(root);
    if (unusable.isPresent()) {
      notMeasured(out, board, "skipped: " + unusable.get());
      return;
    }
    // As root, before pi runs it: pi cannot write picluster-cli/target, so bin/picluster must
    // find the jar and its class-data archives fresh there.
    try {
      freshenJar(true);
    } catch (RunFailed e) {
      notMeasured(out, board, "failed: cannot build picluster: " + e.getMessage());
      return;
    }
    ClusterTestbed testbed;
    try {
      testbed = ClusterTestbed.up(root, NODES, out);
    } catch (RunFailed e) {
      notMeasured(out, board, "failed: " + e.getMessage());
      return;
    }
    try {
      recordHostKeys(testbed);
      launchAgainstHydra(out, board, testbed);
      primesAgainstPrimesieve(out, board, testbed);
    } catch (RunFailed e) {
      // Only the set-up before the comparisons throws: neither comparison ran.
      notMeasured(out, board, "failed: " + e.getMessage());
    } finally {
      try {
        testbed.close();
      } catch (RunFailed e) {
        out.println("    warning: testbed/down failed: " + e.getMessage());
      }
    }
  }

  /** Prints both titles with why there is no figure; each counts as not measured. */
  private static void notMeasured(PrintStream out, Scoreboard board, String why) {
    for (String title : List.of(TITLE_LAUNCH, TITLE_PRIMES)) {
      out.println(title);
      out.println("    " + why);
      board.skipped();
    }
  }

  /**
   * Hydra's plain ssh would ask about unknown host keys (known_hosts starts empty), so pi on node1
   * meets every node once first, as the launcher itself does (accept-new).
   */
  private void recordHostKeys(ClusterTestbed testbed) throws RunFailed {
    for (int k = 1; k <= testbed.nodes(); k++) {
      String login = ClusterTestbed.USER + "@" + ClusterTestbed.address(k);
      List<String> ssh = List.of("ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=5",
          "-o", "StrictHostKeyChecking=accept-new", login, "true");
      Outcome o = Command.run(testbed.inNode(1, ClusterTestbed.USER, ssh), root, Map.of(),
          SSH_TIMEOUT);
      if (o.exitCode() != 0) {
        throw new RunFailed("cannot ssh from node1 to " + ClusterTestbed.address(k) + " as "
            + ClusterTestbed.USER + ": exit " + o.exitCode() + ": " + o.firstLine());
      }
    }
  }

  private void launchAgainstHydra(PrintStream out, Scoreboard board, ClusterTestbed testbed) {
    String hosts = testbed.hostList();
    int runs = quick ? 5 : 15;
    Side ours = new Side("ours: exec -n 4 --hosts 10.0.0.1-4 hostname",
        testbed.inNode(1, ClusterTestbed.USER,
            picluster("exec", "-n", "4", "--hosts", hosts, "hostname")),
        root, Map.of(), Duration.ofSeconds(120), 2, runs, o -> eachNodeOnce(o, testbed.nodes()))
        .rebuilding(cliJar()).preparedBy(() -> freshenJar(false));
    Side anchor = new Side("mpiexec.mpich -launcher ssh -n 4 hostname",
        testbed.inNode(1, ClusterTestbed.USER,
            List.of("mpiexec.mpich", "-launcher", "ssh", "-n", "4", "-hosts", hosts, "hostname")),
        root, Map.of(), Duration.ofSeconds(120), 2, runs, o -> eachNodeOnce(o, testbed.nodes()));
    WallTimeComparison.run(out, board, TITLE_LAUNCH, ours, anchor,
        Target.atMost(1.5), "<= 1.5x Hydra over ssh", false);
  }

  private void primesAgainstPrimesieve(PrintStream out, Scoreboard board, ClusterTestbed testbed) {
    int runs = quick ? 3 : 7;
    Side ours = new Side("ours: run -n 4 --hosts 10.0.0.1-4 primes 1e9",
        testbed.inNode(1, ClusterTestbed.USER,
            picluster("run", "-n", "4", "--hosts", testbed.hostList(), "primes", "1e9")),
        root, Map.of(), Duration.ofSeconds(300), 1, runs,
        o -> o.requireLine("Primes discovered: " + PRIMES_BELOW_1E9))
        .rebuilding(cliJar()).preparedBy(() -> freshenJar(false));
    Side anchor = new Side("primesieve 1e9 -t4 -c1, in node1",
        testbed.inNode(1, ClusterTestbed.USER,
            List.of("primesieve", "1e9", "-t4", "-c1", "-q", "--no-status")),
        root, Map.of(), Duration.ofSeconds(120), 1, runs, o -> {
          if (!o.stdout().strip().equals(PRIMES_BELOW_1E9)) {
            throw new RunFailed("expected '" + PRIMES_BELOW_1E9 + "', got: " + o.firstLine());
          }
        });
    WallTimeComparison.reportOnly(out, board, TITLE_PRIMES, ours, anchor,
        "report only: the 4 nodes share this machine's "
            + Runtime.getRuntime().availableProcessors() + " CPUs");
  }

  /** Fails unless stdout names node1..nodeN once each (one line per rank, as hostname prints). */
  static void eachNodeOnce(Outcome o, int nodes) throws RunFailed {
    List<String> names = new ArrayList<>();
    for (String line : o.stdout().split("\n")) {
      String[] words = line.strip().split("\\s+");
      String last = words[words.length - 1];
      if (last.matches("node[0-9]+")) {
        names.add(last);
      }
    }
    for (int k = 1; k <= nodes; k++) {
      String node = "node" + k;
      long seen = names.stream().filter(node::equals).count();
      if (seen != 1) {
        throw new RunFailed("expected each of node1..node" + nodes + " once, got " + node + " "
            + seen + " times in: " + String.join(" ", names) + " (" + o.firstLine() + ")");
      }
    }
    if (names.size() != nodes) {
      throw new RunFailed("expected " + nodes + " host names, got: " + String.join(" ", names));
    }
  }

  private List<String> picluster(String... args) {
    List<String> argv = new ArrayList<>();
    argv.add(root.resolve("bin").resolve("picluster").toString());
    argv.addAll(List.of(args));
    return argv;
  }

  private Path cliJar() {
    return root.resolve("picluster-cli/target/picluster.jar");
  }

  /**
   * Runs {@code bin/picluster exec -n 1 true} as root on this machine (loopback only) when
   * {@code always} or when bin/picluster would find its jar or archives stale: it rebuilds them,
   * which pi cannot. Returns whether it ran (the next run may have a new jar to stage).
   */
  private boolean freshenJar(boolean always) throws RunFailed {
    if (!always && !jarIsStale()) {
      return false;
    }
    Command.run(picluster("exec", "-n", "1", "true"), root, Map.of(), PREPARE_TIMEOUT)
        .requireSuccess();
    return true;
  }

  /**
   * bin/picluster's own rule: the jar is older than a pom.xml or anything under a module's src, or
   * one of its class-data archives is older than the jar.
   */
  private boolean jarIsStale() {
    Path jar = cliJar();
    Path target = jar.getParent();
    if (!Files.isRegularFile(jar)) {
      return true;
    }
    long built = jar.toFile().lastModified();
    for (String archive : List.of("picluster.jsa", "picluster-rank.jsa")) {
      Path file = target.resolve(archive);
      if (!Files.isRegularFile(file) || file.toFile().lastModified() < built) {
        return true;
      }
    }
    if (root.resolve("pom.xml").toFile().lastModified() > built) {
      return true;
    }
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.filter(p -> p.getFileName().toString().startsWith("picluster-"))
          .toList()) {
        if (module.resolve("pom.xml").toFile().lastModified() > built) {
          return true;
        }
        Path src = module.resolve("src");
        if (Files.isDirectory(src) && newerFileUnder(src, built)) {
          return true;
        }
      }
    } catch (IOException | UncheckedIOException e) {
      return true; // when in doubt, let bin/picluster decide
    }
    return false;
  }

  private static boolean newerFileUnder(Path dir, long time) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.anyMatch(f -> f.toFile().lastModified() > time);
    }
  }
}
