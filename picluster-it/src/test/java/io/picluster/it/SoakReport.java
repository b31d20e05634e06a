package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.testbed.Testbed.Result;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in job soak's result line (rank 0 prints it), as the tests read it.
 *
 * @param measure what the memory growth is of: "RSS", or what the JVM holds
 */
record SoakReport(int ranks, long messages, long lost, long duplicated, long reordered, long corrupted,
    String measure, double growthPercent) {
  /** What the JVM holds, where resident memory tells no leak (see the job's SoakMemory). */
  static final String IN_USE = "memory in use (live heap, class metadata, buffers)";
  private static final Pattern LINE = Pattern.compile(
      "soak: seed -?\\d+, (\\d+) ranks, (\\d+) messages .* lost (\\d+), duplicated (\\d+),"
          + " reordered (\\d+), corrupted (\\d+); largest (.+?) growth after warm-up (-?[\\d.]+) %");

  /** The report in R's output; the test fails, showing that output, if there is none. */
  static SoakReport of(Result r) {
    Matcher m = LINE.matcher(r.stdout());
    assertThat(m.find()).as(r.output()).isTrue();
    return new SoakReport(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
        Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)), m.group(7),
        Double.parseDouble(m.group(8)));
  }

  /** Fails unless R's job ended well with RANKS ranks, at least MESSAGES messages, and none went wrong. */
  static SoakReport assertClean(Result r, int ranks, long messages) {
    assertThat(r.exitCode()).as(r.output()).isZero();
    SoakReport report = of(r);
    assertThat(report.ranks()).as(r.output()).isEqualTo(ranks);
    assertThat(report.messages()).as(r.output()).isGreaterThanOrEqualTo(messages);
    assertThat(new long[] {report.lost(), report.duplicated(), report.reordered(), report.corrupted()})
        .as("lost, duplicated, reordered, corrupted: " + r.output()).containsOnly(0);
    return report;
  }
}
