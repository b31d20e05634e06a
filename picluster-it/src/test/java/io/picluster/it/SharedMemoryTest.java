package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.ranks.Failing;
import io.picluster.it.ranks.ShmTraffic;
import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ranks on one host talk through shared memory (issue 10 §1), as real rank processes and as
 * threads: whole messages of every size, ANY_SOURCE, 4 ranks on this machine's cores, a killed
 * rank, and no segment file left behind in any case. {@code PICLUSTER_SHM_DIR} points the segment at
 * a folder of the test's own, so that other jobs on the machine cannot disturb the checks.
 */
class SharedMemoryTest {
  @ParameterizedTest
  @EnumSource(RankRun.Mode.class)
  void messagesOfRandomSizesArriveWholeThroughSharedMemory(RankRun.Mode mode, @TempDir Path shm) throws Exception {
    long seed = System.nanoTime();
    System.out.println("SharedMemoryTest seed " + seed);
    RankRun run = RankRun.run(RankRun.spec(mode, 4, ShmTraffic.class, "random", Long.toString(seed), "150"),
        Map.of("PICLUSTER_SHM_DIR", shm.toString()));
    assertThat(run.exitCode).as(run.output()).isZero();
    for (int r = 0; r < 4; r++) {
      assertThat(run.stdout).as(run.output()).contains("shm " + r + " yes").contains("rank " + r + " checked 150");
    }
    assertNothingLeftIn(shm);
  }

  @Test
  void withPiclusterShm0TheSameTrafficGoesOverTcp(@TempDir Path shm) throws Exception {
    long seed = System.nanoTime();
    System.out.println("SharedMemoryTest seed " + seed);
    RankRun run = RankRun.run(RankRun.spec(RankRun.Mode.PROCESSES, 3, ShmTraffic.class, "random",
        Long.toString(seed), "60"), Map.of("PICLUSTER_SHM", "0", "PICLUSTER_SHM_DIR", shm.toString()));
    assertThat(run.exitCode).as(run.output()).isZero();
    for (int r = 0; r < 3; r++) {
      assertThat(run.stdout).as(run.output()).contains("shm " + r + " no").contains("rank " + r + " checked 60");
    }
  }

  @Test
  void aWrongPiclusterShmIsAOneLineError() {
    RankRun run = RankRun.run(RankRun.spec(RankRun.Mode.PROCESSES, 2, ShmTraffic.class, "ring", "1"),
        Map.of("PICLUSTER_SHM", "yes"));
    assertThat(run.exitCode).as(run.output()).isNotZero();
    assertThat(run.stderr).as(run.output()).contains("PICLUSTER_SHM must be 0").doesNotContain("\tat ");
  }

  /** More ranks than cores (CI has 2): the waiting ranks yield and block instead of spinning. */
  @Test
  void fourRanksOnThisMachinesCoresPassATokenTenThousandLaps(@TempDir Path shm) throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    int ranks = Math.max(4, 2 * cores);
    RankRun run = RankRun.run(RankRun.spec(RankRun.Mode.PROCESSES, ranks, ShmTraffic.class, "ring", "10000"),
        Map.of("PICLUSTER_SHM_DIR", shm.toString()));
    assertThat(run.exitCode).as(run.output()).isZero();
    assertThat(run.stdout).as(run.output()).contains("shm 3 yes").contains("ring laps=10000 ranks=" + ranks);
    System.out.println(run.stdout.lines().filter(l -> l.startsWith("ring")).findFirst().orElseThrow()
        + " on " + cores + " cores");
    assertNothingLeftIn(shm);
  }

  @Test
  void aSigkilledRankEndsItsLocalPeersQuicklyAndLeavesNoSegment(@TempDir Path shm) throws Exception {
    LiveJob job = LiveJob.start(Map.of("PICLUSTER_SHM_DIR", shm.toString()), 4, Failing.class, "wait",
        shm.resolve("never").toString());
    job.killRankAndAwaitTheEnd(4, 2);
    assertNothingLeftIn(shm);
  }

  @ParameterizedTest
  @EnumSource(RankRun.Mode.class)
  void anAbortedJobLeavesNoSegment(RankRun.Mode mode, @TempDir Path shm) throws Exception {
    RankRun run = RankRun.run(RankRun.spec(mode, 3, Failing.class, "abort7"), Map.of("PICLUSTER_SHM_DIR", shm.toString()));
    assertThat(run.exitCode).as(run.output()).isEqualTo(7);
    assertNothingLeftIn(shm);
  }

  /**
   * A shared-memory folder too small for the segment (a 64 KiB tmpfs, mounted in a mount namespace
   * of the job's own): local rank 0 cannot write the zeros, says so in one line, and the job ends.
   */
  @Test
  void aFullShmFolderIsAOneLineError(@TempDir Path dir) throws Exception {
    Path small = Files.createDirectories(dir.resolve("small"));
    List<String> command = new ArrayList<>(List.of("unshare", "-Urm", "sh", "-c",
        "mount -t tmpfs -o size=64k tmpfs \"$0\" && exec \"$@\"", small.toString()));
    command.addAll(PiclusterJar.command(ExamplesProject.launcherJar(), "exec", "--processes", "-n", "2"));
    command.addAll(RankRun.javaCommand(ShmTraffic.class, "ring", "1"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(Redirect.from(new File("/dev/null")))
        .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
    builder.environment().put("PICLUSTER_SHM_DIR", small.toString());
    Process p = builder.start();
    assertThat(p.waitFor(RankRun.LIVENESS.toSeconds(), TimeUnit.SECONDS)).as("the job ended").isTrue();
    String err = Files.readString(dir.resolve("err"), StandardCharsets.UTF_8);
    String out = Files.readString(dir.resolve("out"), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out + err).isNotZero();
    assertThat(err).as(out + err).containsPattern("picluster: rank 0 on \\S+: cannot make the \\d+ KiB shared-memory "
        + "segment .*No space left on device.*PICLUSTER_SHM=0").doesNotContain("\tat ").doesNotContain("SIGBUS");
    assertNothingLeftIn(small); // the unshared mount is gone with its namespace; this is the folder under it
  }

  private static void assertNothingLeftIn(Path shm) throws Exception {
    try (Stream<Path> files = Files.list(shm)) {
      assertThat(files.filter(f -> f.getFileName().toString().startsWith("picluster-"))).isEmpty();
    }
  }
}
