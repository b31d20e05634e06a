package io.picluster.it;

import static io.picluster.it.NodeProcesses.commandLine;
import static io.picluster.it.NodeProcesses.hostCommand;
import static io.picluster.it.NodeProcesses.namespace;
import static io.picluster.it.OnTheTestbed.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picluster.it.testbed.Testbed;
import io.picluster.it.testbed.Testbed.Result;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code picluster exec|run} across hosts, on a testbed of four namespace "Pis": the master is
 * node1, where every launcher runs as the login user, and the hosts are 10.0.0.1 to 10.0.0.4.
 * Ranks land where they should, files are staged into the other hosts' caches, a user's job from
 * {@code examples/} runs, and failures (sshd stopped, link down, a rank killed, the launcher
 * interrupted or killed, a program missing on one host) end the job quickly, say where, and leave
 * no process behind.
 *
 * <p>The tests share one testbed. Those that break a node repair it in {@code finally} (the one
 * that stops sshd starts it again), so they may run in any order; the order below only
 * puts the cheap, healthy cases first.
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class AcrossHostsTest extends OnFourNodes {
  /** The issue's bound for a launch that cannot reach one host (sshd down, link down). */
  private static final Duration LAUNCH_FAILURE_BOUND = Duration.ofSeconds(10);
  /** The issue's bound from a rank's SIGKILL to the launcher's exit. */
  private static final Duration RANK_KILLED_BOUND = Duration.ofSeconds(3);
  /** Liveness only: how long the job's processes may take to disappear everywhere. */
  private static final Duration CLEANUP = Duration.ofSeconds(15);
  private static final Pattern HELLO_LINE = Pattern.compile("hello from rank (\\d+) of 4 on (\\S+)");
  private static final Pattern HOST_NAME_LINE = Pattern.compile("(?m)^node\\d+$");
  private static final Pattern TAGGED_LINE = Pattern.compile("\\[(\\d+)\\] (\\S+)");

  @TempDir Path dir;

  // ---- where ranks run

  @Test
  @Order(1)
  void oneLocalRankRunsOnTheMaster() {
    Result r = picluster("exec", "-n", "1", "hostname");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).isEqualTo("node1\n");
  }

  @Test
  @Order(2)
  void fourHostsRunOneRankEachInRankOrder() {
    Result r = picluster("exec", "-n", "4", "--hosts", HOSTS, "hostname");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout().lines()).as(r.output())
        .containsExactlyInAnyOrder("node1", "node2", "node3", "node4");

    Result tagged = picluster("exec", "-n", "4", "-l", "--hosts", HOSTS, "hostname");
    assertThat(tagged.exitCode()).as(tagged.output()).isZero();
    assertThat(tagged.stdout().lines()).as("rank r on node r+1: " + tagged.output())
        .containsExactlyInAnyOrder("[0] node1", "[1] node2", "[2] node3", "[3] node4");
  }

  @Test
  @Order(3)
  void runStagesTheLauncherJarAndPrimesCountsAcrossFourHosts() {
    for (int k = 2; k <= NODES; k++) {
      ok(testbed.runAs(USER, k, "rm", "-rf", "/home/pi/.cache/picluster"));
      assertThat(stagedCopies(k, "picluster.jar")).as("node" + k + "'s cache was emptied").isEmpty();
    }
    // node2 has had four older piclusters, as rebuilding leaves them, and a user's program.
    ok(testbed.runAs(USER, 2, "sh", "-c", String.join("\n",
        "c=.cache/picluster",
        "for v in 1 2 3 4; do",
        "  mkdir -p $c/old$v && echo $v >$c/old$v/picluster.jar && echo a >$c/old$v/picluster.jar.1-2.agent.jsa",
        "  touch -d \"$((10 - v)) days ago\" $c/old$v/picluster.jar",
        "done",
        "mkdir -p $c/prog && echo p >$c/prog/a.out && touch -d '30 days ago' $c/prog/a.out")));

    Result primes = picluster("run", "-n", "4", "--hosts", HOSTS, "primes", "100000");
    assertThat(primes.exitCode()).as(primes.output()).isZero();
    assertThat(primes.stdout()).as(primes.output())
        .startsWith("Find all primes up to: 100000\nNodes: 4\n")
        .containsPattern("(?m)^Time elapsed: \\d+\\.\\d+ seconds$")
        .endsWith("Primes discovered: 9592\n");
    for (int k = 3; k <= NODES; k++) {
      assertThat(stagedCopies(k, "picluster.jar"))
          .as("the launcher jar was staged into node" + k + "'s cache: " + primes.output())
          .hasSize(1);
    }
    // A new picluster there: of the older ones, the newest two stay; the others' folders are gone.
    assertThat(stagedCopies(2, "picluster.jar")).as("node2: " + primes.output()).hasSize(3)
        .contains(".cache/picluster/old3/picluster.jar", ".cache/picluster/old4/picluster.jar");
    assertThat(ok(testbed.runAs(USER, 2, "sh", "-c", "cd .cache/picluster && ls -d old* prog/*")).lines())
        .containsExactly("old3", "old4", "prog/a.out");

    Result hostnames = picluster("run", "-n", "4", "-l", "--hosts", HOSTS, "hostname");
    assertThat(hostnames.exitCode()).as(hostnames.output()).isZero();
    assertThat(hostnames.stdout().lines()).as(hostnames.output())
        .containsExactlyInAnyOrder("[0] node1", "[1] node2", "[2] node3", "[3] node4");
  }

  @Test
  @Order(4)
  void eightRanksOnFourOneSlotHostsPutTwoOnEach() {
    for (String command : List.of("run", "exec")) {
      Result r = picluster(command, "-n", "8", "-l", "--hosts", HOSTS, "hostname");
      assertThat(r.exitCode()).as(r.output()).isZero();
      Map<Integer, String> hostByRank = taggedHosts(r);
      assertThat(hostByRank.keySet()).as(r.output()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
      Map<String, Long> ranksPerHost = hostByRank.values().stream()
          .collect(Collectors.groupingBy(h -> h, TreeMap::new, Collectors.counting()));
      assertThat(ranksPerHost).as(command + ": two ranks per node: " + r.output())
          .isEqualTo(Map.of("node1", 2L, "node2", 2L, "node3", 2L, "node4", 2L));
    }
  }

  // ---- a user's job

  @Test
  @Order(5)
  void theExamplesHelloRunsOnFourHostsFromAStagedJar() throws IOException {
    Path examplesJar = ExamplesProject.jarBuildingIfMissing(dir);
    // examples/ is shared by every node; node1's home is not, so only staging gets it elsewhere.
    String staged = "/home/pi/picluster-examples.jar";
    ok(testbed.runAs(USER, 1, "cp", examplesJar.toString(), staged));
    for (int k = 2; k <= NODES; k++) {
      assertThat(testbed.runAs(USER, k, "test", "-e", staged).exitCode())
          .as("node" + k + " has no " + staged + " of its own").isNotZero();
      ok(testbed.runAs(USER, k, "rm", "-rf", "/home/pi/.cache/picluster"));
    }

    Result hello = picluster("exec", "-n", "4", "--hosts", HOSTS, "--stage", staged,
        "java", "-cp", staged, "io.picluster.examples.Hello");
    assertThat(hello.exitCode()).as(hello.output()).isZero();
    Map<Integer, String> hostByRank = new TreeMap<>();
    int helloLines = 0;
    Matcher m = HELLO_LINE.matcher(hello.stdout());
    for (; m.find(); helloLines++) {
      hostByRank.put(Integer.parseInt(m.group(1)), m.group(2));
    }
    assertThat(helloLines).as(hello.output()).isEqualTo(4);
    assertThat(hostByRank).as(hello.output())
        .isEqualTo(Map.of(0, "node1", 1, "node2", 2, "node3", 3, "node4"));
    assertThat(hello.stdout()).as(hello.output())
        .contains("hosts by rank: node1 node2 node3 node4\n");
    for (int k = 2; k <= NODES; k++) {
      assertThat(stagedCopies(k, "picluster-examples.jar"))
          .as("staged into node" + k + "'s cache: " + hello.output()).hasSize(1);
    }

    // The same with every host's ranks as threads of one JVM (the launcher's, the agents'): same lines.
    Result threads = picluster("exec", "--threads", "-n", "4", "--hosts", HOSTS, "--stage", staged,
        "java", "-cp", staged, "io.picluster.examples.Hello");
    assertThat(threads.exitCode()).as(threads.output()).isZero();
    assertThat(threads.stdout().lines().sorted().toList()).as(threads.output())
        .isEqualTo(hello.stdout().lines().sorted().toList());
  }

  // ---- failures

  @Test
  @Order(6)
  void aProgramMissingOnOneHostIsReportedBeforeAnyRankStarts() {
    String marker = "/tmp/onlyhere.ran";
    String script = "#!/bin/sh\necho \"$(hostname)\" >>" + marker + "\necho \"onlyhere on $(hostname)\"\n";
    try {
      for (int k = 1; k <= NODES; k++) {
        ok(testbed.runAs(USER, k, "rm", "-f", marker, "/home/pi/bin/onlyhere"));
        if (k != 3) {
          ok(testbed.runAs(USER, k, "sh", "-c",
              "mkdir -p bin && printf '%s' \"$1\" >bin/onlyhere && chmod +x bin/onlyhere", "sh",
              script));
        }
      }
      // Sanity: the script works where it is, and node3 has none.
      assertThat(ok(testbed.runAs(USER, 2, "/home/pi/bin/onlyhere"))).isEqualTo("onlyhere on node2\n");
      ok(testbed.runAs(USER, 2, "rm", "-f", marker));
      assertThat(testbed.runAs(USER, 3, "test", "-e", "/home/pi/bin/onlyhere").exitCode()).isNotZero();

      String path = "/home/pi/bin:/usr/bin:/bin";
      List<String> command = new ArrayList<>(List.of("env", "PATH=" + path));
      command.addAll(PiclusterJar.command(jar, "exec", "-n", "4", "--hosts", HOSTS, "-genv",
          "PATH", path, "onlyhere"));
      Result r = testbed.exec(RankRun.LIVENESS, USER, 1, command);

      assertThat(r.exitCode()).as(r.output()).isNotZero();
      assertThat(r.stderr()).as(r.output()).contains("onlyhere");
      assertThat(r.stderr().contains("node3") || r.stderr().contains(Testbed.address(3)))
          .as("the error names node3 / 10.0.0.3: " + r.output()).isTrue();
      assertThat(r.stdout()).as("no rank ran: " + r.output()).doesNotContain("onlyhere on");
      for (int k = 1; k <= NODES; k++) {
        assertThat(testbed.runAs(USER, k, "test", "-e", marker).exitCode())
            .as("no rank started on node" + k + " (" + marker + " exists): " + r.output())
            .isNotZero();
      }
    } finally {
      for (int k = 1; k <= NODES; k++) {
        testbed.runAs(USER, k, "rm", "-f", marker, "/home/pi/bin/onlyhere");
      }
    }
  }

  @Test
  @Order(6)
  void anAddressChoiceThatFailsOnOneHostIsReportedBeforeAnyRankStarts() {
    // node1 (the launcher's host) gets an interface bb0 that the other nodes lack; and only node1
    // has an address in 10.0.0.1/32.
    ok(testbed.run(1, "ip", "link", "add", "bb0", "type", "veth", "peer", "name", "bb1"));
    try {
      ok(testbed.run(1, "ip", "addr", "add", "10.9.0.1/24", "dev", "bb0"));
      String marker = "/tmp/address-check.ran";
      for (String[] choice : new String[][] {{"--iface", "bb0"}, {"--network", "10.0.0.1/32"}}) {
        String how = choice[0] + " " + choice[1];
        Result r = picluster("exec", "-n", "2", "--hosts", Testbed.address(1) + "," + Testbed.address(2),
            choice[0], choice[1], "sh", "-c", "touch " + marker + "; hostname");

        assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
        assertThat(r.stderr()).as(r.output())
            .containsPattern("picluster: node2 \\(" + Pattern.quote(Testbed.address(2)) + "\\): "
                + Pattern.quote(how) + ": no " + (choice[0].equals("--iface")
                    ? "such interface on this host" : "address of this host lies in it"))
            .contains("picluster: no rank was started");
        assertThat(r.stdout()).as("no rank ran: " + r.output()).isEmpty();
        for (int k = 1; k <= 2; k++) {
          assertThat(testbed.runAs(USER, k, "test", "-e", marker).exitCode())
              .as(how + ": no rank started on node" + k + ": " + r.output()).isNotZero();
        }
      }
      // Sanity: the same choices work where every host has them.
      Result fine = picluster("exec", "-n", "1", "--hosts", Testbed.address(1), "--iface", "bb0",
          "hostname");
      assertThat(fine.exitCode()).as(fine.output()).isZero();
      assertThat(fine.stdout()).isEqualTo("node1\n");
    } finally {
      testbed.run(1, "ip", "link", "del", "bb0");
    }
  }

  @Test
  @Order(6)
  void aBadAddressChoiceOnTheMasterIsAUsageErrorAndStartsNothing() {
    Result r = picluster("run", "--iface", "nosuch0", "-n", "2", "--hosts", HOSTS, "primes", "100");

    assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
    assertThat(r.stderr().lines()).as(r.output()).singleElement().asString()
        .startsWith("picluster: --iface nosuch0: no such interface on this host (it has ")
        .contains("eth0").endsWith(" (see 'picluster run --help')");
    assertThat(r.stdout()).as(r.output()).isEmpty();
  }

  @Test
  @Order(7)
  void aRankKilledOnNode3EndsTheJobWithinThreeSecondsNamingIt() throws Exception {
    Map<Integer, Set<Long>> idle = processesEverywhere();
    LiveLauncher job = startSleepJob("rank-killed");
    try {
      Map<Integer, Long> sleeps = job.awaitSleepOnEveryNode();
      long rank = sleeps.get(3);
      long killedAt = System.nanoTime();
      ProcessHandle.of(rank).orElseThrow().destroyForcibly(); // SIGKILL, by PID
      boolean ended = job.process.waitFor(RankRun.LIVENESS.toMillis(), TimeUnit.MILLISECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
      System.out.println("launcher exited " + took.toMillis() + " ms after rank 2 (pid " + rank
          + " on node3) was SIGKILLed");
      assertThat(ended).as("the launcher ended: " + job.output()).isTrue();
      assertThat(job.process.exitValue()).as("128+KILL: " + job.output()).isEqualTo(137);
      assertThat(took).as(job.output()).isLessThanOrEqualTo(RANK_KILLED_BOUND);
      assertThat(job.stderr()).as(job.output()).contains("rank 2").contains("node3");
      assertNothingOfTheJobLeft(idle, job);
    } finally {
      job.kill();
    }
  }

  @Test
  @Order(8)
  void sigintToTheLauncherStopsEveryRankOnEveryHost() throws Exception {
    Map<Integer, Set<Long>> idle = processesEverywhere();
    Set<String> sshFoldersBefore = sshControlFoldersOnNode1();
    LiveLauncher job = startSleepJob("sigint");
    try {
      job.awaitSleepOnEveryNode();
      Set<String> sshFoldersDuring = sshControlFoldersOnNode1();
      sshFoldersDuring.removeAll(sshFoldersBefore);
      assertThat(sshFoldersDuring).as("the launcher's ssh control folder in node1's /tmp").hasSize(1);
      hostCommand("kill", "-INT", Long.toString(job.process.pid()));
      assertThat(job.process.waitFor(CLEANUP.toMillis(), TimeUnit.MILLISECONDS))
          .as("the launcher ended after SIGINT: " + job.output()).isTrue();
      System.out.println("launcher exit code after SIGINT: " + job.process.exitValue());
      assertThat(job.process.exitValue()).as(job.output()).isNotZero();
      assertNothingOfTheJobLeft(idle, job);
      Set<String> sshFolders = sshControlFoldersOnNode1();
      sshFolders.removeAll(sshFoldersBefore);
      assertThat(sshFolders).as("the launcher's ssh control folders left in node1's /tmp").isEmpty();
    } finally {
      job.kill();
    }
  }

  /** The launcher's folders for ssh's connection sockets in node1's /tmp (the node's own). */
  private Set<String> sshControlFoldersOnNode1() {
    Result r = testbed.runAs(USER, 1, "sh", "-c", "cd /tmp && for d in picluster-ssh*; do"
        + " [ -e \"$d\" ] && echo \"$d\"; done; true");
    return new TreeSet<>(ok(r).lines().toList());
  }

  @Test
  @Order(9)
  void sigkillToTheLauncherLeavesNoProcessOnAnyHost() throws Exception {
    Map<Integer, Set<Long>> idle = processesEverywhere();
    LiveLauncher job = startSleepJob("sigkill");
    try {
      job.awaitSleepOnEveryNode();
      job.process.destroyForcibly(); // SIGKILL to the launcher itself
      assertThat(job.process.waitFor(CLEANUP.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      assertNothingOfTheJobLeft(idle, job);
    } finally {
      job.kill();
    }
  }

  @Test
  @Order(10)
  void aHostWhoseLinkIsDownFailsTheLaunchWithinTenSeconds() {
    String ns = namespace(3);
    try {
      hostCommand("ip", "-n", ns, "link", "set", "eth0", "down");
      long start = System.nanoTime();
      Result r = picluster("exec", "-n", "4", "--hosts", HOSTS, "hostname");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      System.out.println("launch with node3's link down failed after " + took.toMillis() + " ms");
      assertLaunchFailedNamingNode3(r, took);
    } finally {
      hostCommand("ip", "-n", ns, "link", "set", "eth0", "up");
    }
    OnTheTestbed.awaitSshFromNode1(testbed, 3); // repaired for the tests that follow
  }

  /** Last: it stops a node's sshd (and starts it again afterwards). */
  @Test
  @Order(11)
  void aHostWithoutSshdFailsTheLaunchWithinTenSecondsAndStartsNothing() {
    try {
      OnTheTestbed.killSshd(testbed, 3);

      long start = System.nanoTime();
      Result r = picluster("exec", "-n", "4", "--hosts", HOSTS, "hostname");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      System.out.println("launch with node3's sshd stopped failed after " + took.toMillis() + " ms");
      assertLaunchFailedNamingNode3(r, took);
    } finally {
      restartSshd(3);
    }
  }

  /**
   * Starts node K's sshd again, keeping this testbed and the machine-wide lock; if that does not
   * work, brings up a fresh testbed.
   */
  private void restartSshd(int node) {
    try {
      OnTheTestbed.restartSshd(testbed, node);
      return;
    } catch (AssertionError | org.awaitility.core.ConditionTimeoutException e) {
      System.out.println("node" + node + "'s sshd did not come back (" + e.getMessage()
          + "); bringing up a fresh testbed");
    }
    testbed.close();
    testbed = Testbed.up(NODES);
  }

  private static void assertLaunchFailedNamingNode3(Result r, Duration took) {
    assertThat(r.exitCode()).as(r.output()).isNotZero();
    assertThat(took).as(r.output()).isLessThanOrEqualTo(LAUNCH_FAILURE_BOUND);
    assertThat(r.stderr()).as(r.output()).contains(Testbed.address(3));
    assertThat(r.stdout()).as("no rank started: " + r.output()).doesNotContainPattern(HOST_NAME_LINE);
  }

  // ---- helpers: launchers on node1

  /** Runs the launcher on node1 as the login user, to its end. */
  @Test
  @Order(50)
  void anotherHostsCopyOnAnotherMpiIsRefusedThereBeforeAnyRankStarts() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/mpi4py")),
        "python3-mpi4py is not installed (apt-get install python3-mpi4py)");
    // Home folders are each node's own: node1's job.py uses no MPI, node2's imports mpi4py.
    String job = "/home/pi/job.py";
    String ran = "/home/pi/job.ran";
    String write = "open('" + ran + "', 'w').close()\n";
    ok(testbed.runAs(USER, 1, "sh", "-c", "printf \"" + write + "print('alone')\\n\" >" + job));
    ok(testbed.runAs(USER, 2, "sh", "-c", "printf \"" + write + "from mpi4py import MPI\\n\" >" + job));
    try {
      Result r = picluster("exec", "-n", "2", "--hosts", Testbed.address(1) + "," + Testbed.address(2),
          "/usr/bin/python3", job);

      assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
      assertThat(r.stderr()).as(r.output())
          .contains("picluster: node2 (" + Testbed.address(2) + "): /usr/bin/python3 " + job
              + " uses Open MPI 4.x (libmpi.so.40, needed by /usr/lib/python3/dist-packages/mpi4py/MPI.")
          .contains("here, but not on the launcher's host: one job needs the same MPI on every node;")
          .contains("picluster: no rank was started");
      for (int k = 1; k <= 2; k++) {
        assertThat(testbed.runAs(USER, k, "test", "-e", ran).exitCode()).as("no rank ran on node" + k)
            .isNotZero();
      }
    } finally {
      for (int k = 1; k <= 2; k++) {
        testbed.runAs(USER, k, "rm", "-f", job, ran);
      }
    }
  }

  private Result picluster(String... args) {
    return testbed.exec(RankRun.LIVENESS, USER, 1, PiclusterJar.command(jar, args));
  }

  /** {@code exec -n 4 --hosts ... sleep 300} on node1, running in the background. */
  private LiveLauncher startSleepJob(String name) throws IOException {
    // A program started in the background by a shell inherits SIGINT ignored, and a JVM keeps it
    // so; a terminal's Ctrl-C reaches a launcher that does not ignore it. env execs in place, so
    // the process is still the launcher itself.
    List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT"));
    command.addAll(PiclusterJar.command(jar, "exec", "-n", "4", "--hosts", HOSTS, "sleep", "300"));
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    Process process = testbed.start(USER, 1, command, Redirect.to(out.toFile()),
        Redirect.to(err.toFile()));
    LiveLauncher job = new LiveLauncher(process, out, err);
    job.awaitIsTheLauncher();
    return job;
  }

  /** A launcher running in node1; testbed/sh execs, so the process is the launcher's JVM. */
  private final class LiveLauncher {
    final Process process;
    private final Path out;
    private final Path err;

    LiveLauncher(Process process, Path out, Path err) {
      this.process = process;
      this.out = out;
      this.err = err;
    }

    /** The PID we hold is the launcher's: a java running picluster.jar in node1's namespaces. */
    void awaitIsTheLauncher() {
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        assertThat(process.isAlive()).as(output()).isTrue();
        List<String> args = commandLine(process.pid());
        assertThat(args).as("pid " + process.pid()).isNotEmpty();
        assertThat(Path.of(args.get(0)).getFileName().toString()).isEqualTo("java");
        assertThat(args).containsSubsequence("-jar", jar.toString(), "exec");
        assertThat(NodeProcesses.in(1)).containsKey(process.pid());
      });
    }

    /** Waits until each node runs its rank's {@code sleep 300}: node K to its PID. */
    Map<Integer, Long> awaitSleepOnEveryNode() {
      Map<Integer, Long> sleeps = new TreeMap<>();
      await().atMost(RankRun.LIVENESS).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
        assertThat(process.isAlive()).as("the launcher is running: " + output()).isTrue();
        sleeps.clear();
        for (int k = 1; k <= NODES; k++) {
          for (Map.Entry<Long, String> p : NodeProcesses.in(k).entrySet()) {
            if (p.getValue().equals("sleep 300")) {
              assertThat(sleeps.put(k, p.getKey())).as("one sleep on node" + k).isNull();
            }
          }
        }
        assertThat(sleeps.keySet()).as(output()).containsExactly(1, 2, 3, 4);
      });
      return sleeps;
    }

    String stderr() {
      return read(err);
    }

    String output() {
      return "--- stdout\n" + read(out) + "--- stderr\n" + read(err);
    }

    /** Ends the launcher if a failed assertion left it running (its watchdog does the rest). */
    void kill() throws InterruptedException {
      if (process.isAlive()) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  // ---- helpers: processes in the nodes

  private static Map<Integer, Set<Long>> processesEverywhere() {
    Map<Integer, Set<Long>> all = new HashMap<>();
    for (int k = 1; k <= NODES; k++) {
      all.put(k, NodeProcesses.in(k).keySet());
    }
    return all;
  }

  /**
   * Every process in the nodes that was not there before the job started (holders, sshds) has
   * ended: no rank, no agent, no ssh client, no watchdog.
   */
  private static void assertNothingOfTheJobLeft(Map<Integer, Set<Long>> idle, LiveLauncher job) {
    await().atMost(CLEANUP).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      Map<String, String> left = new TreeMap<>();
      for (int k = 1; k <= NODES; k++) {
        for (Map.Entry<Long, String> p : NodeProcesses.in(k).entrySet()) {
          if (!idle.get(k).contains(p.getKey())) {
            left.put("node" + k + " pid " + p.getKey(), p.getValue());
          }
        }
      }
      assertThat(left).as("processes of the job left behind\n" + job.output()).isEmpty();
    });
  }

  /** The copies of NAME in node K's per-user cache (~/.cache/picluster/CHECKSUM/NAME). */
  private List<String> stagedCopies(int node, String name) {
    Result found = testbed.runAs(USER, node, "sh", "-c",
        "[ ! -d .cache/picluster ] || find .cache/picluster -type f -name \"$1\"", "sh", name);
    return ok(found).lines().toList();
  }

  /** {@code [r] host} lines, rank to host; each rank once. */
  private static Map<Integer, String> taggedHosts(Result r) {
    Map<Integer, String> hostByRank = new TreeMap<>();
    for (String line : r.stdout().lines().toList()) {
      Matcher m = TAGGED_LINE.matcher(line);
      assertThat(m.matches()).as("a tagged host line: " + line + "\n" + r.output()).isTrue();
      assertThat(hostByRank.put(Integer.parseInt(m.group(1)), m.group(2)))
          .as("rank " + m.group(1) + " once: " + r.output()).isNull();
    }
    return hostByRank;
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}
