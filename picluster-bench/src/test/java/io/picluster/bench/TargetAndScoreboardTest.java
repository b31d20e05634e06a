package io.picluster.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TargetAndScoreboardTest {
  @Test
  void boundsAreInclusive() {
    assertThat(Target.atMost(1.5).met(1.5)).isTrue();
    assertThat(Target.atMost(1.5).met(1.51)).isFalse();
    assertThat(Target.atLeast(0.7).met(0.7)).isTrue();
    assertThat(Target.atLeast(0.7).met(0.69)).isFalse();
  }

  @Test
  void aFailedSideIsNotMeasuredAndFailsTheRun() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Scoreboard board = new Scoreboard(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    Series ours = new Series("ours", "s", "%.3f");
    ours.fail("exit 1: boom");
    Series anchor = new Series("anchor", "s", "%.3f");
    anchor.add(2.0);
    board.judge(ours, anchor, Target.atMost(3), "<= 3x", false);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("NOT MEASURED");
    assertThat(ours.line()).contains("failed: exit 1: boom");
    assertThat(board.allMet()).isFalse();
  }

  @Test
  void ratioIsOursOverAnchor() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Scoreboard board = new Scoreboard(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    Series ours = new Series("ours", "s", "%.3f");
    ours.add(0.5);
    Series anchor = new Series("anchor", "s", "%.3f");
    anchor.add(20.0);
    board.judge(ours, anchor, Target.atMost(1 / 30.0), ">= 30x faster", true);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("0.025").contains("40.0x faster")
        .contains(": MET");
    assertThat(board.allMet()).isTrue();
  }

  @Test
  void anAbsoluteBoundJudgesOursAlone() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Scoreboard board = new Scoreboard(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    Series fast = new Series("ours", "us", "%.2f");
    fast.add(4.0);
    Series slow = new Series("ours", "us", "%.2f");
    slow.add(12.0);
    Series failed = new Series("ours", "us", "%.2f");
    failed.fail("exit 1: boom");
    board.judgeValue(fast, Target.atMost(10), "<= 10 us per hop");
    board.judgeValue(slow, Target.atMost(10), "<= 10 us per hop");
    board.judgeValue(failed, Target.atMost(10), "<= 10 us per hop");
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("ours: 4.00; target <= 10 us per hop: MET")
        .contains("ours: 12.0; target <= 10 us per hop: NOT MET").contains("NOT MEASURED");
    assertThat(board.summary()).isEqualTo("targets: 1 met, 1 not met, 1 not measured");
  }

  @Test
  void aReportedRatioIsNeitherMetNorMissed() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Scoreboard board = new Scoreboard(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    Series ours = new Series("ours", "s", "%.3f");
    ours.add(3.0);
    Series anchor = new Series("anchor", "s", "%.3f");
    anchor.add(2.0);
    board.report(ours, anchor, "report only");
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("ratio ours/anchor: 1.50; no target (report only)").doesNotContain("MET");
    assertThat(board.allMet()).isTrue();
    assertThat(board.summary()).isEqualTo("targets: 0 met, 0 not met, 0 not measured");
  }

  @Test
  void aReportedFigureThatFailedIsNotMeasured() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Scoreboard board = new Scoreboard(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    Series ours = new Series("ours", "s", "%.3f");
    ours.fail("exit 1: boom");
    Series anchor = new Series("anchor", "s", "%.3f");
    anchor.add(2.0);
    board.report(ours, anchor, "report only");
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("NOT MEASURED");
    assertThat(board.allMet()).isFalse();
  }

  @Test
  void aNamedRatioSaysWhichFiguresItDivides() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Scoreboard board = new Scoreboard(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    Series ours = new Series("ours", "us", "%.2f");
    ours.add(10.0);
    Series anchor = new Series("anchor", "us", "%.2f");
    anchor.add(50.0);
    board.judge("mpi/niodev", ours, anchor, Target.atMost(0.25), "<= 0.25", true);
    board.report("mpi/multicore", ours, anchor, "threads");
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("ratio mpi/niodev: 0.200 (ours 5.0x faster); target <= 0.25: MET")
        .contains("ratio mpi/multicore: 0.200; no target (threads)");
    assertThat(board.summary()).isEqualTo("targets: 1 met, 0 not met, 0 not measured");
  }
}
