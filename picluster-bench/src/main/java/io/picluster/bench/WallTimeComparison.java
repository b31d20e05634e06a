package io.picluster.bench;

import java.io.PrintStream;

/**
 * Ours against an anchor by whole-process wall time. Runs alternate ours, anchor, ours, ... so both
 * see the same machine load; a side that fails once is not run again.
 */
final class WallTimeComparison {
  private WallTimeComparison() {}

  static void run(PrintStream out, Scoreboard board, String title, Side ours, Side anchor,
      Target target, String targetText, boolean speedUp) {
    Measured m = measure(out, title, ours, anchor);
    board.judge(m.ours, m.anchor, target, targetText, speedUp);
  }

  /** As {@link #run}, for a figure with no target: the ratio is printed and not judged. */
  static void reportOnly(PrintStream out, Scoreboard board, String title, Side ours, Side anchor,
      String note) {
    Measured m = measure(out, title, ours, anchor);
    board.report(m.ours, m.anchor, note);
  }

  private record Measured(Series ours, Series anchor) {}

  private static Measured measure(PrintStream out, String title, Side ours, Side anchor) {
    out.println(title);
    Series oursTimes = new Series(ours.label(), "s", "%.3f");
    Series anchorTimes = new Series(anchor.label(), "s", "%.3f");
    warmUp(ours, oursTimes);
    warmUp(anchor, anchorTimes);
    for (int i = 0; i < Math.max(ours.runs(), anchor.runs()); i++) {
      measure(ours, oursTimes, i);
      measure(anchor, anchorTimes, i);
    }
    out.println(oursTimes.line());
    out.println(anchorTimes.line());
    return new Measured(oursTimes, anchorTimes);
  }

  private static void warmUp(Side side, Series series) {
    for (int i = 0; i < side.warmups() && !series.failed(); i++) {
      try {
        side.runOnce();
      } catch (RunFailed e) {
        series.fail(e.getMessage());
      }
    }
  }

  private static void measure(Side side, Series series, int index) {
    if (index >= side.runs() || series.failed()) {
      return;
    }
    try {
      series.add(side.runOnce());
    } catch (RunFailed e) {
      series.fail(e.getMessage());
    }
  }
}
