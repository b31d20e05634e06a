package io.picluster.launch.copy;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Where a copy's words go: results (one line per host at the end) on stdout, everything else
 * (failures, ssh's warnings, progress) on stderr. On a terminal, large files in flight share one
 * {@link ProgressBar} line, redrawn a few times a second and cleared before any other line is
 * printed; elsewhere (a log, a pipe) each large file gets one line per host when it is done.
 * Thread-safe: every host's thread reports here.
 */
public final class CopyOutput implements AutoCloseable {
  private static final long REDRAW_MILLIS = 200;

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean terminal;
  private final LongSupplier clock;
  private final List<Transfer> active = new ArrayList<>();
  private ProgressBar bar;
  private int shownLength;
  private Thread ticker;
  private boolean closed;
  private boolean stopped;

  /**
   * @param terminal whether stderr is a terminal that can take a redrawn line
   */
  public CopyOutput(PrintWriter out, PrintWriter err, boolean terminal) {
    this(out, err, terminal, System::nanoTime);
  }

  CopyOutput(PrintWriter out, PrintWriter err, boolean terminal, LongSupplier clock) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
    this.clock = clock;
  }

  /** A line on stderr: a failure, or what ssh said. */
  public synchronized void message(String line) {
    if (stopped) {
      return;
    }
    clearBar();
    err.println(line);
    err.flush();
    drawBar();
  }

  /** A line on stdout: a host's summary. */
  public synchronized void result(String line) {
    if (stopped) {
      return;
    }
    clearBar();
    err.flush();
    out.println(line);
    out.flush();
    drawBar();
  }

  /** One file's copy to one host is starting; it reports its progress to what this returns. */
  public synchronized Transfer start(String host, CopyItem item) {
    Transfer t = new Transfer(host, item, clock.getAsLong());
    if (item.large()) {
      if (bar == null) {
        bar = new ProgressBar(t.startNanos);
      }
      bar.expect(item.size());
      active.add(t);
      if (terminal && ticker == null && !closed) {
        ticker = new Thread(this::tick, "copy-progress");
        ticker.setDaemon(true);
        ticker.start();
      }
      drawBar();
    }
    return t;
  }

  /** One file's copy to one host, as it goes. */
  public final class Transfer {
    private final String host;
    private final CopyItem item;
    private final long startNanos;
    private long sent;

    private Transfer(String host, CopyItem item, long startNanos) {
      this.host = host;
      this.item = item;
      this.startNanos = startNanos;
    }

    /** {@code bytes} more were sent. */
    public void sent(long bytes) {
      sent += bytes;
      if (item.large()) {
        bar.advance(bytes);
      }
    }

    /** The copy is over; {@code ok} if the file arrived whole. */
    public void finished(boolean ok) {
      finish(this, ok);
    }
  }

  private synchronized void finish(Transfer t, boolean ok) {
    if (!t.item.large()) {
      return;
    }
    bar.forget(t.item.size() - t.sent); // what was never sent is not expected any more
    active.remove(t);
    if (!terminal && ok) {
      double seconds = (clock.getAsLong() - t.startNanos) / 1e9;
      message(t.host + ": " + t.item.destination() + " copied, " + ProgressBar.size(t.item.size())
          + String.format(Locale.ROOT, " in %.1f s", seconds));
    } else if (active.isEmpty()) {
      clearBar();
    } else {
      drawBar();
    }
  }

  /**
   * The command is being stopped (Ctrl-C): clears the bar, prints {@code line}, and nothing after
   * it (the copies that are cut off would otherwise each report a failure).
   */
  public synchronized void stop(String line) {
    if (!stopped) {
      stopped = true;
      closed = true;
      clearBar();
      err.println(line);
      err.flush();
      out.flush();
    }
  }

  /** Stops redrawing and clears the bar. */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      closed = true;
      t = ticker;
      clearBar();
      err.flush();
      out.flush();
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void tick() {
    try {
      while (true) {
        Thread.sleep(REDRAW_MILLIS);
        synchronized (this) {
          if (closed) {
            return;
          }
          drawBar();
        }
      }
    } catch (InterruptedException done) {
      // closed
    }
  }

  private void drawBar() {
    if (!terminal || closed || active.isEmpty()) {
      return;
    }
    String line = bar.line(label(), clock.getAsLong());
    String pad = " ".repeat(Math.max(0, shownLength - line.length()));
    err.print("\r" + line + pad);
    err.flush();
    shownLength = line.length();
  }

  private void clearBar() {
    if (shownLength > 0) {
      err.print("\r" + " ".repeat(shownLength) + "\r");
      err.flush();
      shownLength = 0;
    }
  }

  /** {@code data.bin to 10.0.0.2}, {@code data.bin to 3 hosts}, {@code 2 files to 3 hosts}. */
  private String label() {
    Set<String> names = new LinkedHashSet<>();
    Set<String> hosts = new LinkedHashSet<>();
    for (Transfer t : active) {
      names.add(t.item.name());
      hosts.add(t.host);
    }
    return label(names, hosts);
  }

  static String label(Set<String> names, Set<String> hosts) {
    String what = names.size() == 1 ? names.iterator().next() : names.size() + " files";
    String where = hosts.size() == 1 ? hosts.iterator().next() : hosts.size() + " hosts";
    return what + " to " + where;
  }
}
