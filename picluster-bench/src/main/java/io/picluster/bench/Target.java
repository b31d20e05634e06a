package io.picluster.bench;

import java.util.Locale;

/** A bound on the ratio ours/anchor, e.g. "at most 1.5" for a time or "at least 0.7" for a rate. */
record Target(boolean atMost, double bound) {

  static Target atMost(double bound) {
    return new Target(true, bound);
  }

  static Target atLeast(double bound) {
    return new Target(false, bound);
  }

  boolean met(double ratio) {
    return atMost ? ratio <= bound : ratio >= bound;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s %.3g", atMost ? "<=" : ">=", bound);
  }
}
