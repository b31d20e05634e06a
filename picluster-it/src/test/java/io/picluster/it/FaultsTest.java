package io.picluster.it;

import static io.picluster.it.NodeProcesses.hostCommand;
import static io.picluster.it.NodeProcesses.namespace;
import static io.picluster.it.NodeProcesses.tryHostCommand;
import static io.picluster.it.OnTheTestbed.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picluster.it.testbed.Testbed;
import io.picluster.it.testbed.Testbed.Result;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URISyntaxException;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on the testbed's network and nodes while a job runs across its four nodes (issue 13 §2):
 * a slow, lossy link; a link cut; a node frozen (every process of the job there SIGSTOPped, as a
 * hung Pi); a node's sshd killed; a node's agent JVM killed; a full disk under {@code ~/.cache} at staging; a rank that stops
 * reading while the others send it 4 MiB messages. The job is launched as pi on node1; the fault
 * always hits node3 (rank 2) or, for the reader, node2 (rank 1).
 *
 * <p>Each test prints a {@code reliability:} line with what it measured (the README's
 * "Reliability" table comes from these lines). Tests repair what they break in {@code finally}.
 */
@TestInstance(Lifecycle.PER_CLASS)
class FaultsTest extends OnFourNodes {
  /** The bound from a fault to the job's end. */
  private static final Duration FAULT_BOUND = Duration.ofSeconds(10);
  /** Liveness only: how long the job's processes may take to disappear everywhere. */
  private static final Duration CLEANUP = Duration.ofSeconds(20);
  private static final Pattern READY = Pattern.compile("(?m)^(?:\\[\\d+\\] )?ready (\\d+) (\\d+)");
  private static final Pattern SENT = Pattern.compile("(?m)^(?:\\[\\d+\\] )?sent (\\d+) (\\d+)$");

  @TempDir Path dir;

  /** The test programs in pi's job folder on node1 (after the testbed is up). */
  @BeforeAll
  void programsOnNode1() throws URISyntaxException {
    ok(testbed.runAs(USER, 1, "mkdir", "-p", "job"));
    for (String program : List.of("FaultRing", "FloodsOneRank", "CommSum")) {
      Path source = Path.of(FaultsTest.class.getResource("/java/" + program + ".java").toURI());
      ok(testbed.runAs(USER, 1, "cp", source.toString(), "job/"));
    }
  }

  // ---- the network

  @Test
  void aSlowLossyLinkOnOneNodeStillGivesCorrectResults() {
    String ns = namespace(3);
    Result netem = tryHostCommand("tc", "-n", ns, "qdisc", "add", "dev", "eth0", "root", "netem",
        "delay", "50ms", "loss", "2%");
    Assumptions.assumeTrue(netem.exitCode() == 0, () -> "tc netem is not available on this kernel"
        + " (the sch_netem module is missing or cannot be loaded: tc said "
        + netem.stderr().trim() + ")");
    try {
      assertRingAndSumAreRight("50 ms delay and 2 % loss on node3");
    } finally {
      tryHostCommand("tc", "-n", ns, "qdisc", "del", "dev", "eth0", "root");
    }
  }

  /**
   * Loss alone, with nftables (which this kernel has where netem may be missing): 2 % of the
   * packets node3 receives on eth0 are dropped, so TCP retransmits under the job.
   */
  @Test
  void twoPercentLossOnOneNodeStillGivesCorrectResults() {
    String ns = namespace(3);
    Result table = tryHostCommand("sh", "-c", "PATH=$PATH:/usr/sbin:/sbin; command -v nft >/dev/null"
        + " || { echo 'no nft (apt-get install nftables)' >&2; exit 1; };"
        + " exec ip netns exec \"$1\" nft add table inet faults", "sh", ns);
    Assumptions.assumeTrue(table.exitCode() == 0, () -> "nftables cannot be used here: "
        + table.stderr().trim());
    try {
      hostCommand("ip", "netns", "exec", ns, "nft", "add chain inet faults input"
          + " { type filter hook input priority 0 ; }");
      hostCommand("ip", "netns", "exec", ns, "nft", "add rule inet faults input iifname eth0"
          + " numgen random mod 100 < 2 counter drop");
      assertRingAndSumAreRight("2 % loss on node3 (nftables)");
      String counters = hostCommand("ip", "netns", "exec", ns, "nft", "list", "table", "inet",
          "faults").stdout();
      Matcher dropped = Pattern.compile("counter packets (\\d+)").matcher(counters);
      assertThat(dropped.find()).as(counters).isTrue();
      System.out.println("reliability: 2 % loss on node3: " + dropped.group(1)
          + " packets dropped, results correct");
      assertThat(Long.parseLong(dropped.group(1))).as("some packets were really dropped: " + counters)
          .isPositive();
    } finally {
      tryHostCommand("ip", "netns", "exec", ns, "nft", "delete", "table", "inet", "faults");
    }
  }

  private void assertRingAndSumAreRight(String what) {
    long start = System.nanoTime();
    Result ring = picluster("java", "-n", "4", "--hosts", HOSTS, "job/FaultRing.java", "300");
    assertThat(ring.exitCode()).as(what + ": " + ring.output()).isZero();
    assertThat(ring.stdout()).as(ring.output()).contains("ring done 1200");
    Result sum = picluster("java", "-n", "4", "--hosts", HOSTS, "job/CommSum.java");
    assertThat(sum.exitCode()).as(what + ": " + sum.output()).isZero();
    assertThat(sum.stdout().lines().filter(l -> l.endsWith(" sum 6")).count()).as(sum.output())
        .isEqualTo(4);
    System.out.println("reliability: " + what + ": ring of 1200 messages and allreduce correct in "
        + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
  }

  @Test
  void aLinkCutMidJobEndsItWithinTenSecondsNamingTheHost() throws Exception {
    String ns = namespace(3);
    Snapshot before = Snapshot.take();
    LiveLauncher job = startRing("link-cut");
    try {
      job.awaitReady(4);
      long cutAt = System.nanoTime();
      hostCommand("ip", "-n", ns, "link", "set", "eth0", "down");
      Duration took = job.awaitEnd(cutAt);
      System.out.println("reliability: link cut (node3's eth0 down): the job ended after "
          + took.toMillis() + " ms");
      assertEndedNamingNode3(job, took);
      assertNothingLeft(before, job, 1, 2, 4);
    } finally {
      job.kill();
      hostCommand("ip", "-n", ns, "link", "set", "eth0", "up");
    }
    // The cut-off node's agent heard nothing from the launcher and stopped its rank by itself.
    assertNothingLeft(before, job, 3);
    OnTheTestbed.awaitSshFromNode1(testbed, 3);
  }

  // ---- the nodes

  @Test
  void aFrozenNodeEndsTheJobWithinTenSecondsNamingTheHost() throws Exception {
    Snapshot before = Snapshot.take();
    LiveLauncher job = startRing("frozen");
    Set<Long> stopped = new TreeSet<>();
    try {
      job.awaitReady(4);
      // Every process the job started in node3 (its sshd session, the agent, the rank): as a hung Pi.
      for (long pid : NodeProcesses.in(3).keySet()) {
        if (!before.processes.get(3).containsKey(pid)) {
          stopped.add(pid);
        }
      }
      assertThat(stopped).as("the job's processes in node3").isNotEmpty();
      long frozenAt = System.nanoTime();
      for (long pid : stopped) {
        tryHostCommand("kill", "-STOP", Long.toString(pid));
      }
      Duration took = job.awaitEnd(frozenAt);
      System.out.println("reliability: node3 frozen (" + stopped.size()
          + " processes SIGSTOPped): the job ended after " + took.toMillis() + " ms");
      assertEndedNamingNode3(job, took);
      assertNothingLeft(before, job, 1, 2, 4);
    } finally {
      job.kill();
      for (long pid : stopped) {
        tryHostCommand("kill", "-CONT", Long.toString(pid));
      }
    }
    // Thawed, node3's agent finds the launcher gone and ends its rank.
    assertNothingLeft(before, job, 3);
  }

  @Test
  void aNodesSshdKilledMidJobEndsItWithinTenSecondsNamingTheHost() throws Exception {
    Snapshot before = Snapshot.take();
    LiveLauncher job = startRing("sshd-killed");
    try {
      job.awaitReady(4);
      List<Long> sshds = NodeProcesses.in(3).entrySet().stream()
          .filter(p -> p.getValue().contains("sshd")).map(Map.Entry::getKey).toList();
      assertThat(sshds).as("node3's sshd and the job's session there").hasSizeGreaterThan(1);
      long killedAt = System.nanoTime();
      for (long pid : sshds) {
        tryHostCommand("kill", "-KILL", Long.toString(pid)); // as the OOM killer would
      }
      Duration took = job.awaitEnd(killedAt);
      System.out.println("reliability: node3's sshd (" + sshds.size()
          + " processes) SIGKILLed: the job ended after " + took.toMillis() + " ms");
      assertEndedNamingNode3(job, took);
      before.processes.get(3).keySet().removeAll(sshds); // they are gone for good
      assertNothingLeft(before, job, 1, 2, 3, 4);
    } finally {
      job.kill();
      OnTheTestbed.restartSshd(testbed, 3);
    }
  }

  @Test
  void aNodesAgentKilledMidJobEndsItWithinTenSecondsNamingTheHostAndLeavesNoRank() throws Exception {
    Snapshot before = Snapshot.take();
    LiveLauncher job = startRing("agent-killed");
    try {
      Map<Integer, Long> ranks = job.awaitReady(4);
      // The JVM, not the boot script (sh -c) that started it and also names the agent's class.
      List<Long> agents = NodeProcesses.in(3).keySet().stream()
          .filter(pid -> isAgentJvm(NodeProcesses.commandLine(pid))).toList();
      assertThat(agents).as("node3's agent JVM: " + NodeProcesses.in(3)).hasSize(1);
      long killedAt = System.nanoTime();
      tryHostCommand("kill", "-KILL", Long.toString(agents.get(0))); // as the OOM killer would
      Duration took = job.awaitEnd(killedAt);
      System.out.println("reliability: node3's agent SIGKILLed: the job ended after "
          + took.toMillis() + " ms: " + job.stderr().lines().filter(l -> l.contains("rank 2 on node3"))
              .findFirst().orElse("(no line naming rank 2)"));
      assertEndedNamingNode3(job, took);
      assertThat(job.stderr()).as(job.output()).contains("picluster's agent there was killed or crashed");
      // Its rank (a process of its own) is ended by the agent's watchdog, not left running.
      await().atMost(CLEANUP).until(() -> OnTheTestbed.isDead(ranks.get(2)));
      assertNothingLeft(before, job, 1, 2, 3, 4);
    } finally {
      job.kill();
    }
  }

  @Test
  void aFullCacheDiskAtStagingIsOneLineNamingNodeAndPath() {
    String uid = ok(testbed.run(3, "id", "-u", USER)).trim();
    String gid = ok(testbed.run(3, "id", "-g", USER)).trim();
    String cache = "/home/pi/.cache";
    ok(testbed.run(3, "mkdir", "-p", cache));
    // 64 KiB: room for the folder, not for picluster.jar. Only node3's mount namespace sees it.
    ok(testbed.run(3, "mount", "-t", "tmpfs", "-o", "size=64k,mode=0755,uid=" + uid + ",gid=" + gid,
        "picluster-full", cache));
    try {
      Result r = picluster("exec", "-n", "4", "--hosts", HOSTS, "hostname");
      System.out.println("reliability: full ~/.cache on node3 at staging: " + r.stderr().trim());
      assertThat(r.exitCode()).as(r.output()).isNotZero();
      assertThat(r.stdout()).as("no rank ran: " + r.output()).isEmpty();
      List<String> errors = r.stderr().lines().filter(l -> l.startsWith("picluster:"))
          .filter(l -> !l.equals("picluster: no rank was started")).toList();
      assertThat(errors).as(r.output()).hasSize(1);
      assertThat(errors.get(0)).as(r.output())
          .contains(Testbed.address(3))
          .contains(cache + "/picluster")
          .containsIgnoringCase("no space left on device");
      assertThat(r.stderr()).as("no stack trace: " + r.output()).doesNotContain("\tat ");
    } finally {
      testbed.run(3, "umount", cache);
    }
  }

  @Test
  void aRankThatStopsReadingBlocksItsSendersBoundedAndItsKillEndsTheJob() throws Exception {
    Snapshot before = Snapshot.take();
    LiveLauncher job = start("flood", "java", "-n", "4", "--hosts", HOSTS,
        "job/FloodsOneRank.java", "600");
    long reader = -1;
    try {
      Map<Integer, Long> pids = job.awaitReady(4);
      reader = pids.get(1); // on node2
      await().atMost(Duration.ofSeconds(60)).until(() -> job.sent() >= 3 * 16);
      tryHostCommand("kill", "-STOP", Long.toString(reader));
      long stoppedAt = System.nanoTime();
      // The senders fill what the kernel buffers and then wait in send: a settled count...
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2))
          .until(new Settled(job::sent));
      Map<Integer, Long> rssAfterStop = senderRss(pids);
      long sentAfterStop = job.sent();
      Thread.sleep(5000);
      Map<Integer, Long> rssLater = senderRss(pids);
      // ...and memory that stays where it was: no queue of 4 MiB messages growing meanwhile.
      for (int rank : List.of(0, 2, 3)) {
        assertThat(rssLater.get(rank)).as("rank " + rank + " alive: " + job.output()).isPositive();
        assertThat(rssLater.get(rank) - rssAfterStop.get(rank))
            .as("rank " + rank + "'s RSS growth in KiB while the reader is stopped")
            .isLessThan(16 * 1024);
      }
      assertThat(job.sent()).as("the senders wait: " + job.output()).isEqualTo(sentAfterStop);
      System.out.println("reliability: rank 1 SIGSTOPped under 4 MiB sends: senders settled at "
          + sentAfterStop + " messages after "
          + Duration.ofNanos(System.nanoTime() - stoppedAt).toSeconds() + " s, RSS (KiB) "
          + rssAfterStop + " then " + rssLater);

      long killedAt = System.nanoTime();
      tryHostCommand("kill", "-KILL", Long.toString(reader));
      Duration took = job.awaitEnd(killedAt);
      System.out.println("reliability: the stopped reader SIGKILLed: the job ended after "
          + took.toMillis() + " ms");
      assertThat(job.process.exitValue()).as(job.output()).isNotZero();
      assertThat(took).as(job.output()).isLessThanOrEqualTo(FAULT_BOUND);
      assertThat(job.stderr()).as(job.output()).contains("rank 1").contains("node2");
      assertNothingLeft(before, job, 1, 2, 3, 4);
    } finally {
      job.kill();
      if (reader > 0) {
        tryHostCommand("kill", "-KILL", Long.toString(reader));
      }
    }
  }

  /** True once the value has not changed between two polls. */
  private static final class Settled implements java.util.concurrent.Callable<Boolean> {
    private final java.util.function.LongSupplier value;
    private long last = -1;

    Settled(java.util.function.LongSupplier value) {
      this.value = value;
    }

    @Override
    public Boolean call() {
      long now = value.getAsLong();
      boolean same = now == last;
      last = now;
      return same;
    }
  }

  private static Map<Integer, Long> senderRss(Map<Integer, Long> pids) {
    Map<Integer, Long> rss = new TreeMap<>();
    for (int rank : List.of(0, 2, 3)) {
      rss.put(rank, NodeProcesses.rssKib(pids.get(rank)));
    }
    return rss;
  }

  // ---- helpers

  private static boolean isAgentJvm(List<String> commandLine) {
    return !commandLine.isEmpty() && commandLine.get(0).endsWith("/java")
        && commandLine.contains("io.picluster.launch.agent.AgentMain");
  }

  private static void assertEndedNamingNode3(LiveLauncher job, Duration took) {
    assertThat(job.process.exitValue()).as(job.output()).isNotZero();
    assertThat(took).as(job.output()).isLessThanOrEqualTo(FAULT_BOUND);
    assertThat(job.stderr()).as(job.output()).containsPattern("(?m)^picluster: rank 2 on node3 .*$");
    assertThat(job.stderr()).as("no stack trace: " + job.output()).doesNotContain("\tat ");
  }

  private Result picluster(String... args) {
    return testbed.exec(RankRun.LIVENESS, USER, 1, launcher(args));
  }

  /**
   * The launcher without the CLASSPATH this test's JVM got from surefire (the ranks of
   * {@code picluster java} would take it as the program's class path).
   */
  private List<String> launcher(String... args) {
    List<String> command = new ArrayList<>(List.of("env", "-u", "CLASSPATH"));
    command.addAll(PiclusterJar.command(jar, args));
    return command;
  }

  private LiveLauncher startRing(String name) throws IOException {
    return start(name, "java", "-n", "4", "--hosts", HOSTS, "job/FaultRing.java", "0");
  }

  private LiveLauncher start(String name, String... args) throws IOException {
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    Process process = testbed.start(USER, 1, launcher(args),
        Redirect.to(out.toFile()), Redirect.to(err.toFile()));
    return new LiveLauncher(process, out, err);
  }

  /** What ran in the nodes, and what /dev/shm held, before a job. */
  private record Snapshot(Map<Integer, Map<Long, String>> processes, Set<String> shm) {
    static Snapshot take() {
      Map<Integer, Map<Long, String>> all = new HashMap<>();
      for (int k = 1; k <= NODES; k++) {
        all.put(k, new HashMap<>(NodeProcesses.in(k)));
      }
      return new Snapshot(all, shmNow());
    }

    static Set<String> shmNow() {
      try (var files = Files.list(Path.of("/dev/shm"))) {
        return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
      } catch (IOException e) {
        return Set.of();
      }
    }
  }

  /** No process of the job is left in the given nodes, and /dev/shm holds nothing new. */
  private static void assertNothingLeft(Snapshot before, LiveLauncher job, int... nodes) {
    await().atMost(CLEANUP).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      Map<String, String> left = new TreeMap<>();
      for (int k : nodes) {
        for (Map.Entry<Long, String> p : NodeProcesses.in(k).entrySet()) {
          if (!before.processes.get(k).containsKey(p.getKey())) {
            left.put("node" + k + " pid " + p.getKey(), p.getValue());
          }
        }
      }
      assertThat(left).as("processes of the job left behind\n" + job.output()).isEmpty();
      Set<String> newShm = new TreeSet<>(Snapshot.shmNow());
      newShm.removeAll(before.shm);
      assertThat(newShm).as("new entries in /dev/shm").isEmpty();
    });
  }

  /** A launcher running in node1 (testbed/sh execs, so the process is the launcher's JVM). */
  private static final class LiveLauncher {
    final Process process;
    private final Path out;
    private final Path err;

    LiveLauncher(Process process, Path out, Path err) {
      this.process = process;
      this.out = out;
      this.err = err;
    }

    /** Waits for every rank's "ready RANK PID" line: rank to PID. */
    Map<Integer, Long> awaitReady(int ranks) {
      Map<Integer, Long> pids = new TreeMap<>();
      await().atMost(RankRun.LIVENESS).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
        if (!process.isAlive()) { // fail now, not after the liveness bound
          throw new IllegalStateException("the launcher ended before every rank was ready: "
              + output());
        }
        Matcher m = READY.matcher(read(out));
        pids.clear();
        while (m.find()) {
          pids.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
        }
        assertThat(pids).as(output()).hasSize(ranks);
      });
      return pids;
    }

    /** Messages sent so far, over every sender (from their "sent RANK N" lines). */
    long sent() {
      Map<Integer, Long> last = new HashMap<>();
      Matcher m = SENT.matcher(read(out));
      while (m.find()) {
        last.merge(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), Math::max);
      }
      return last.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Waits (liveness bound) for the launcher's end; how long it took from FAULT_AT. */
    Duration awaitEnd(long faultAtNanos) throws InterruptedException {
      boolean ended = process.waitFor(RankRun.LIVENESS.toMillis(), TimeUnit.MILLISECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - faultAtNanos);
      assertThat(ended).as("the launcher ended: " + output()).isTrue();
      return took;
    }

    String stderr() {
      return read(err);
    }

    String output() {
      return "--- stdout\n" + tail(read(out)) + "--- stderr\n" + read(err);
    }

    void kill() throws InterruptedException {
      if (process.isAlive()) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    }

    private static String tail(String text) {
      return text.length() <= 4000 ? text : "...\n" + text.substring(text.length() - 4000);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}
