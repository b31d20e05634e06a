package io.picluster.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Prints each ratio ours/anchor against its target and keeps count, for the closing line and exit code. */
final class Scoreboard {
  private final PrintStream out;
  private int met;
  private int missed;
  private int unmeasured;

  Scoreboard(PrintStream out) {
    this.out = out;
  }

  /** Judges ours against anchor; {@code speedUp} also prints anchor/ours, for "N times faster" targets. */
  void judge(Series ours, Series anchor, Target target, String targetText, boolean speedUp) {
    judge("ours/anchor", ours, anchor, target, targetText, speedUp);
  }

  /** As above, naming the ratio (e.g. "mpi/comm") where one comparison has several. */
  void judge(String ratioName, Series ours, Series anchor, Target target, String targetText,
      boolean speedUp) {
    if (!ours.measured() || !anchor.measured()) {
      unmeasured++;
      out.println("    ratio " + ratioName + ": not measured; target " + targetText + ": NOT MEASURED");
      return;
    }
    double ratio = ours.median() / anchor.median();
    boolean ok = target.met(ratio);
    if (ok) {
      met++;
    } else {
      missed++;
    }
    String extra = speedUp ? String.format(Locale.ROOT, " (ours %.1fx faster)", 1 / ratio) : "";
    out.printf(Locale.ROOT, "    ratio %s: %.3g%s; target %s: %s%n",
        ratioName, ratio, extra, targetText, ok ? "MET" : "NOT MET");
  }

  /** Judges a figure of ours against an absolute bound (e.g. at most 10 µs), not a ratio. */
  void judgeValue(Series ours, Target bound, String targetText) {
    if (!ours.measured()) {
      unmeasured++;
      out.println("    ours: not measured; target " + targetText + ": NOT MEASURED");
      return;
    }
    boolean ok = bound.met(ours.median());
    if (ok) {
      met++;
    } else {
      missed++;
    }
    out.printf(Locale.ROOT, "    ours: %.3g; target %s: %s%n", ours.median(), targetText, ok ? "MET" : "NOT MET");
  }

  /**
   * Prints the ratio ours/anchor of a figure that has no target: it counts as neither met nor
   * missed. A figure that could not be measured (a side failed) still counts as not measured.
   */
  void report(Series ours, Series anchor, String note) {
    report("ours/anchor", ours, anchor, note);
  }

  /** As above, naming the ratio (e.g. "mpi/multicore") where one comparison has several. */
  void report(String ratioName, Series ours, Series anchor, String note) {
    if (!ours.measured() || !anchor.measured()) {
      unmeasured++;
      out.println("    ratio " + ratioName + ": not measured; no target (" + note + "): NOT MEASURED");
      return;
    }
    out.printf(Locale.ROOT, "    ratio %s: %.3g; no target (%s)%n",
        ratioName, ours.median() / anchor.median(), note);
  }

  /** Records a comparison that could not run at all (e.g. its anchor's input is missing). */
  void skipped() {
    unmeasured++;
  }

  boolean allMet() {
    return missed == 0 && unmeasured == 0;
  }

  String summary() {
    return String.format(Locale.ROOT, "targets: %d met, %d not met, %d not measured",
        met, missed, unmeasured);
  }
}
