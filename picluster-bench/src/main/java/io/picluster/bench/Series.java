package io.picluster.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The repeated measurements of one figure on one side of a comparison. The first failed run stops
 * the side: repeating a broken command only costs time.
 */
final class Series {
  private final String label;
  private final String unit;
  private final String format;
  private final List<Double> values = new ArrayList<>();
  private String failure;

  /** {@code format} is a printf pattern for one value, e.g. {@code "%.2f"}. */
  Series(String label, String unit, String format) {
    this.label = label;
    this.unit = unit;
    this.format = format;
  }

  boolean failed() {
    return failure != null;
  }

  boolean measured() {
    return failure == null && !values.isEmpty();
  }

  void add(double value) {
    values.add(value);
  }

  void fail(String why) {
    if (failure == null) {
      failure = why;
    }
  }

  double median() {
    return Stats.median(values);
  }

  /** One report line: label, then the median with min-max and n, or why there is no figure. */
  String line() {
    String head = String.format(Locale.ROOT, "    %-44s ", label);
    if (failed()) {
      return head + "failed: " + failure;
    }
    if (values.isEmpty()) {
      return head + "not run";
    }
    return head + String.format(Locale.ROOT, format + " %s  (%s-%s, n=%d)",
        Stats.median(values), unit,
        String.format(Locale.ROOT, format, Stats.min(values)),
        String.format(Locale.ROOT, format, Stats.max(values)),
        values.size());
  }
}
