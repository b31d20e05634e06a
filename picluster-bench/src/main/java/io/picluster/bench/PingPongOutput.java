package io.picluster.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the figures a ping-pong program prints, one per line:
 * {@code latency_us size=8 median=12.3 ...} and {@code bandwidth_MBps size=1048576 median=4567 ...}.
 * Both {@code picluster run pingpong} and {@link RawSocketPingPong} speak this format.
 */
final class PingPongOutput {
  private PingPongOutput() {}

  /** The median for {@code figure} ("latency_us" or "bandwidth_MBps") at {@code size} bytes. */
  static double median(String stdout, String figure, long size) throws RunFailed {
    // find(), not matches(): a launcher may prefix rank tags or append more fields.
    Pattern p = Pattern.compile("\\b" + Pattern.quote(figure) + "\\s+size=" + size
        + "\\s+median=([0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)");
    Matcher m = p.matcher(stdout);
    if (!m.find()) {
      throw new RunFailed("no '" + figure + " size=" + size + " median=...' line in the output");
    }
    double value = Double.parseDouble(m.group(1));
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new RunFailed(figure + " size=" + size + " is not a positive number: " + m.group(1));
    }
    return value;
  }
}
