package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.ranks.ManyLines;
import io.picluster.it.ranks.OwnConnections;
import io.picluster.it.ranks.Statics;
import io.picluster.launch.JobSpec;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What threads mode must keep of process mode: own statics per rank, whole lines, right prefixes. */
class ThreadsModeTest {
  @ParameterizedTest
  @EnumSource(RankRun.Mode.class)
  void everyRankHasItsOwnStatics(RankRun.Mode mode) {
    RankRun run = RankRun.of(mode, 4, Statics.class);
    assertThat(run.exitCode).as(run.output()).isZero();
    for (int r = 0; r < 4; r++) {
      assertThat(run.stdout).as(run.output()).contains("rank " + r + " of 4 counter 1 total 4 engine "
          + (mode == RankRun.Mode.THREADS ? "shared" : "own"));
    }
  }

  @ParameterizedTest
  @EnumSource(RankRun.Mode.class)
  void aHundredThousandConcurrentLinesComeOutWholeWithTheirRanksPrefix(RankRun.Mode mode) {
    manyLines(mode, "whole");
  }

  /**
   * Ranks that are threads of one JVM are linked by their shared-memory rings alone: no TCP connection
   * between them. With PICLUSTER_SHM=0 they are connected over TCP, one connection per pair, which
   * the same count sees.
   */
  @Test
  void ranksAsThreadsMakeNoTcpConnectionToEachOtherAndOpenNoPort() throws Exception {
    int listeningBefore = OwnConnections.listening(); // this JVM's own, if any
    RankRun run = RankRun.of(RankRun.Mode.THREADS, 4, OwnConnections.class);
    assertThat(run.exitCode).as(run.output()).isZero();
    assertThat(ownConnections(run)).as(run.output()).isZero();
    // Every rank a thread of the launcher on the rings: no PMI port and no rank's listener.
    assertThat(count(run, "listening")).as(run.output()).isEqualTo(listeningBefore);
    RankRun tcp = RankRun.run(RankRun.spec(RankRun.Mode.THREADS, 4, OwnConnections.class), Map.of("PICLUSTER_SHM", "0"));
    assertThat(tcp.exitCode).as(tcp.output()).isZero();
    assertThat(ownConnections(tcp)).as(tcp.output()).isGreaterThanOrEqualTo(4 * 3 / 2);
    assertThat(count(tcp, "listening")).as(tcp.output()).isEqualTo(listeningBefore + 4);
  }

  private static int ownConnections(RankRun run) {
    return count(run, "own-connections");
  }

  /** The number after WHAT in rank 0's line. */
  private static int count(RankRun run, String what) {
    Matcher m = Pattern.compile(what + " (\\d+)").matcher(run.stdout);
    assertThat(m.find()).as(run.output()).isTrue();
    return Integer.parseInt(m.group(1));
  }

  /** Beyond process mode: a line printed in pieces stays whole, as each thread has its own. */
  @Test
  void linesPrintedInPiecesByManyThreadsStayWholeWithRanksAsThreads() {
    manyLines(RankRun.Mode.THREADS, "pieces");
  }

  private static void manyLines(RankRun.Mode mode, String how) {
    int ranks = 4;
    int threads = 5;
    int lines = 5000; // 4 x 5 x 5000 = 10^5 lines, written in pieces by 20 threads at once
    JobSpec spec = RankRun.spec(mode, ranks, ManyLines.class, Integer.toString(threads), Integer.toString(lines), how)
        .withTagOutput(true);
    RankRun run = RankRun.run(spec, Map.of());
    assertThat(run.exitCode).as(run.stderr).isZero();
    Pattern line = Pattern.compile("\\[(\\d)] rank (\\d) thread (\\d) line (\\d+) x{40}");
    Pattern main = Pattern.compile("\\[(\\d)] rank (\\d) main");
    int count = 0;
    for (String l : run.stdout.split("\n", -1)) {
      if (l.isEmpty()) {
        continue;
      }
      Matcher m = line.matcher(l);
      Matcher mm = main.matcher(l);
      boolean whole = m.matches() ? m.group(1).equals(m.group(2)) : mm.matches() && mm.group(1).equals(mm.group(2));
      assertThat(whole).as("a torn or misattributed line: '" + l + "'").isTrue();
      count++;
    }
    assertThat(count).isEqualTo(ranks * threads * lines + ranks);
    for (int r = 0; r < ranks; r++) {
      assertThat(run.stderr).contains("[" + r + "] rank " + r + " ends without a newline\n");
    }
  }

  @Test
  void jvmOptionsThatCannotBeHonouredInsideOneJvmAreAOneLineError() {
    JobSpec spec = RankRun.spec(RankRun.Mode.PROCESSES, 2, Statics.class)
        .withThreads(RankRun.javaCommand(Statics.class)); // keeps -XX:+UseSerialGC
    RankRun run = RankRun.run(spec, Map.of());
    assertThat(run.exitCode).as(run.output()).isEqualTo(1);
    assertThat(run.stderr.strip()).as(run.output()).doesNotContain("\n")
        .contains("-XX:+UseSerialGC").contains("without --threads");
  }
}
