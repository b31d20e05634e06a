package io.picluster.it.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picluster.it.slurm.SlurmTestbed.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * picluster's launcher inside a Slurm allocation ({@code salloc}, {@code sbatch}) on the 4-node
 * Slurm testbed, which runs no sshd at all: the hosts come from the allocation and the agents from
 * one srun step.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LauncherInAllocationTest {
  private static final Duration JOB = Duration.ofSeconds(150);

  private SlurmTestbed slurm;
  private String jar;
  private Path work;

  @BeforeAll
  void up() throws IOException {
    SlurmTestbed.assumeUsable();
    jar = SrunRanksTest.launcherJar().toString();
    // Under target/, not /tmp: every node sees it at the same path.
    work = Files.createDirectories(Path.of("target", "slurm-it-" + ProcessHandle.current().pid()).toAbsolutePath());
    slurm = SlurmTestbed.up(4);
  }

  @AfterAll
  void down() {
    if (slurm != null) {
      slurm.close();
    }
  }

  @Test
  void runTakesTheAllocationsNodesAndSlots() {
    Result r = slurm.on(1, JOB, "salloc", "-N4", "-n8", SrunRanksTest.java(), "-jar", jar, "run", "-l",
        "primes", "100000");
    System.out.printf("salloc -N4 -n8 picluster run primes: exit %d in %d ms%n", r.exitCode(), r.took().toMillis());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).contains("Primes discovered: 9592");
  }

  @Test
  void runsTheRanksOfABuiltInJobAsThreadsOfTheAgents() throws Exception {
    Path dir = Files.createDirectories(work.resolve("threads"));
    // Long enough (a few seconds) to be seen running: 4 ranks sieving up to 3e9.
    Process job = slurm.start(1, dir, List.of("salloc", "-N4", "-n4", SrunRanksTest.java(), "-jar", jar, "run",
        "primes", "3000000000"));
    long deadline = System.nanoTime() + JOB.toNanos();
    boolean sawAgents = false;
    long rankJvms = 0;
    while (job.isAlive() && System.nanoTime() < deadline) {
      if (agents() >= 4) {
        sawAgents = true;
        rankJvms = Math.max(rankJvms, rankJvms());
      }
      Thread.sleep(20);
    }
    job.destroyForcibly();
    String out = Files.readString(dir.resolve("out.txt")) + Files.readString(dir.resolve("err.txt"));
    assertThat(job.waitFor()).as(out).isZero();
    assertThat(out).contains("Primes discovered: 144449537");
    assertThat(sawAgents).as("the agents were seen while the job ran\n" + out).isTrue();
    assertThat(rankJvms).as("rank JVMs next to the agents\n" + out).isZero();
  }

  @Test
  void theAgentsStepStartsBeforeTheJobIsSetUpAndOnlyAJobOnAllNodesTakesItOver() {
    String launch = SrunRanksTest.java() + " -jar " + jar + " run -n %d hostname";
    // Two launches on the allocation's 4 nodes (the first may have its agents record their class
    // archive, which an early step needs), one on 2 of them, then the id of the allocation's next
    // step: one step for each launch on all nodes (the early one, taken over), two for the launch on
    // 2 nodes (the early step on all 4, dismissed, then its own): steps 0 to 3, so the next is 4.
    Result r = slurm.on(1, JOB, "salloc", "-N4", "-n4", "sh", "-c", String.format(launch, 4) + " && "
        + String.format(launch, 4) + " && " + String.format(launch, 2) + " && srun -N1 -n1 printenv SLURM_STEP_ID");
    assertThat(r.exitCode()).as(r.output()).isZero();
    List<String> lines = r.stdout().lines().toList();
    assertThat(lines).as(r.output()).hasSize(11);
    assertThat(lines.subList(0, 10)).as(r.output()).allMatch(l -> l.matches("snode[1-4]"));
    assertThat(lines.get(10)).as(r.output()).isEqualTo("4");
  }

  @Test
  void execRunsOneRankPerSlotOnEveryNode() {
    Result r = slurm.on(1, JOB, "salloc", "-N4", "-n8", SrunRanksTest.java(), "-jar", jar, "exec", "-l", "hostname");
    assertThat(r.exitCode()).as(r.output()).isZero();
    for (int k = 1; k <= 4; k++) {
      assertThat(Pattern.compile("snode" + k + "\\b").matcher(r.stdout()).results().count())
          .as(r.output()).isEqualTo(2);
    }
  }

  @Test
  void execRunsAnMpichProgramUnderPiclustersPmi() throws Exception {
    Path mpicc = Path.of("/usr/bin/mpicc.mpich");
    Assumptions.assumeTrue(Files.isExecutable(mpicc), "MPICH is not installed (apt-get install mpich libmpich-dev)");
    Path source = Path.of(getClass().getResource("/mpich/ring.c").toURI());
    Path ring = work.resolve("ring");
    Process cc = new ProcessBuilder(mpicc.toString(), "-o", ring.toString(), source.toString())
        .redirectErrorStream(true).start();
    String ccOut = new String(cc.getInputStream().readAllBytes());
    assertThat(cc.waitFor()).as(ccOut).isZero();
    Result r = slurm.on(1, JOB, "salloc", "-N4", "-n4", SrunRanksTest.java(), "-jar", jar, "exec", ring.toString());
    System.out.printf("salloc -N4 -n4 picluster exec ring: exit %d in %d ms%n", r.exitCode(), r.took().toMillis());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).as(r.output()).contains("ring: 10 laps over 4 ranks, token 100 (expected 100)");
    for (int k = 1; k <= 4; k++) {
      assertThat(r.stdout()).as(r.output()).contains("on snode" + k + ": 1 on this node");
    }
  }

  @Test
  void sbatchReportsCompletedAndFailed() throws IOException {
    Path ok = script("ok.sh", "#!/bin/sh\n#SBATCH -N2\n#SBATCH -n4\n#SBATCH -o " + work + "/ok.out\n"
        + SrunRanksTest.java() + " -jar " + jar + " run primes 100000\n");
    Path bad = script("bad.sh", "#!/bin/sh\n#SBATCH -N2\n#SBATCH -o " + work + "/bad.out\n"
        + SrunRanksTest.java() + " -jar " + jar + " exec -n 2 false\n");
    assertThat(stateOf(ok)).isEqualTo("COMPLETED");
    assertThat(Files.readString(work.resolve("ok.out"))).contains("Primes discovered: 9592");
    assertThat(stateOf(bad)).isEqualTo("FAILED");
  }

  @Test
  void scancelLeavesNoProcessOnAnyNode() throws IOException {
    String marker = "317" + (ProcessHandle.current().pid() % 100);
    Path job = script("long.sh", "#!/bin/sh\n#SBATCH -N4\n#SBATCH -o " + work + "/long.out\n"
        + SrunRanksTest.java() + " -jar " + jar + " exec -n 4 sleep " + marker + "\n");
    Result sub = slurm.on(1, JOB, "sbatch", "--parsable", job.toString());
    assertThat(sub.exitCode()).as(sub.output()).isZero();
    String id = sub.stdout().trim();
    await().atMost(Duration.ofSeconds(90)).until(() -> sleeps(marker) == 4);
    Result cancel = slurm.on(1, JOB, "scancel", id);
    assertThat(cancel.exitCode()).as(cancel.output()).isZero();
    await().atMost(Duration.ofSeconds(30)).until(() -> sleeps(marker) == 0
        && agents() == 0);
  }

  private Path script(String name, String text) throws IOException {
    Path p = work.resolve(name);
    Files.writeString(p, text);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  /** sbatch -W, then the job's state as scontrol tells it. */
  private String stateOf(Path script) {
    Result r = slurm.on(1, JOB, "sbatch", "-W", "--parsable", script.toString());
    String id = r.stdout().trim().split(";")[0];
    Result show = slurm.on(1, JOB, "scontrol", "show", "job", id);
    Matcher m = Pattern.compile("JobState=(\\S+)").matcher(show.stdout());
    assertThat(m.find()).as(r.output() + show.output()).isTrue();
    return m.group(1);
  }

  /** The ranks: {@code sleep MARKER} processes themselves (not the launcher naming them). */
  private static long sleeps(String marker) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.matches("(\\S*/)?sleep " + marker)).orElse(false))
        .count();
  }

  /**
   * JVMs of built-in jobs' ranks, as processes of their own, on the testbed's nodes: in the network
   * namespace of an agent (other jobs on this machine run theirs outside).
   */
  private static long rankJvms() {
    Set<String> nodes = ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains("io.picluster.launch.agent.AgentMain")).orElse(false))
        .map(LauncherInAllocationTest::netNamespace).collect(Collectors.toSet());
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine()
            .map(c -> c.contains("io.picluster.jobs.JobMain") && !c.contains("AgentMain")).orElse(false))
        .filter(p -> nodes.contains(netNamespace(p)))
        .count();
  }

  private static String netNamespace(ProcessHandle p) {
    try {
      return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "ns", "net")).toString();
    } catch (IOException gone) {
      return "gone " + p.pid();
    }
  }

  /** srun-started agents (their boot shell and JVM) of any job. */
  private static long agents() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine()
            .map(c -> c.contains("io.picluster.launch.agent.AgentMain") && c.contains("--connect")).orElse(false))
        .count();
  }

}
