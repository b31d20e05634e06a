package io.picluster.launch.copy;

import java.util.Locale;

/**
 * One line on a terminal for the large files in flight, all hosts together:
 *
 * <pre>
 * data.bin to 2 hosts [########------------]  41%  9.6/23.4 MiB  31.2 MiB/s
 * </pre>
 *
 * <p>Bytes count when handed to ssh (or written, on this machine). The total grows as hosts find
 * that they need a file, and shrinks when a copy fails, so the figure may step back; it never
 * passes 100 %. Thread-safe; the text itself is {@link #render a pure function} of the counts.
 */
public final class ProgressBar {
  /** Files larger than this get a bar (and, off a terminal, a line when done). */
  public static final long LARGE_FILE = 1L << 20;

  /** The longest line: fits an 80-column terminal without wrapping. */
  public static final int WIDTH = 79;

  private static final int BAR = 20;
  private static final long RATE_AFTER_NANOS = 500_000_000L;

  private final long startNanos;
  private long total;
  private long done;

  public ProgressBar(long startNanos) {
    this.startNanos = startNanos;
  }

  /** A copy of {@code bytes} is about to start. */
  public synchronized void expect(long bytes) {
    total += bytes;
  }

  /** {@code bytes} more were sent. */
  public synchronized void advance(long bytes) {
    done += bytes;
  }

  /** A copy ended (failed) with {@code bytes} of it never sent: they are no longer expected. */
  public synchronized void forget(long bytes) {
    total -= bytes;
  }

  /** Bytes sent so far. */
  public synchronized long done() {
    return done;
  }

  /** Bytes expected in all. */
  public synchronized long total() {
    return total;
  }

  /** The line to show now, at most {@link #WIDTH} characters. */
  public synchronized String line(String label, long nowNanos) {
    return render(label, done, total, nowNanos - startNanos, WIDTH);
  }

  /**
   * {@code LABEL [###---]  PP%  DONE/TOTAL UNIT  RATE/s}, at most {@code width} characters: the label
   * is shortened to fit; the rate shows once half a second has passed.
   */
  static String render(String label, long done, long total, long elapsedNanos, int width) {
    long shown = Math.max(0, total <= 0 ? done : Math.min(done, total));
    int percent = total <= 0 ? 100 : (int) (shown * 100 / total);
    int fill = total <= 0 ? BAR : (int) (shown * BAR / total);
    StringBuilder stats = new StringBuilder();
    stats.append(" [").append("#".repeat(fill)).append("-".repeat(BAR - fill)).append(']');
    stats.append(String.format(Locale.ROOT, " %3d%%  %s", percent, amounts(shown, total)));
    if (elapsedNanos >= RATE_AFTER_NANOS) {
      long rate = (long) (shown / (elapsedNanos / 1e9));
      stats.append("  ").append(size(rate)).append("/s");
    }
    return fit(label, width - stats.length()) + stats;
  }

  /** {@code 9.6/23.4 MiB}: both in the total's unit. */
  static String amounts(long done, long total) {
    long top = Math.max(done, total);
    if (top < 1024) {
      return done + "/" + total + " B";
    }
    int unit = unit(top);
    return number(done, unit) + "/" + number(total, unit) + " " + UNITS[unit];
  }

  /** {@code 512 B}, {@code 1.5 KiB}, {@code 23.4 MiB}, {@code 1.25 GiB}. */
  public static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    int unit = unit(bytes);
    return number(bytes, unit) + " " + UNITS[unit];
  }

  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

  private static int unit(long bytes) {
    int unit = 0;
    double v = bytes;
    while (v >= 1024 && unit < UNITS.length - 1) {
      v /= 1024;
      unit++;
    }
    return unit;
  }

  /** One decimal up to MiB, two from GiB on (where a tenth is a hundred MiB). */
  private static String number(long bytes, int unit) {
    return String.format(Locale.ROOT, unit >= 3 ? "%.2f" : "%.1f", bytes / Math.pow(1024, unit));
  }

  private static String fit(String label, int room) {
    if (label.length() <= room) {
      return label;
    }
    if (room <= 3) {
      return "";
    }
    return label.substring(0, room - 3) + "...";
  }
}
