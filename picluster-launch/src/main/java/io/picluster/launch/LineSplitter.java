package io.picluster.launch;

import java.io.ByteArrayOutputStream;

/**
 * Cuts one rank stream, fed in chunks of any size, into lines for a {@link LineSink}, each tagged
 * with a prefix ({@code [rank] } or nothing). A last line without a newline is passed on with one
 * by {@link #finish()}. A "line" longer than {@link #MAX_PENDING} bytes (binary output) is passed on
 * in pieces rather than buffered without bound. Not thread-safe: one feeder per stream.
 */
final class LineSplitter {
  static final int MAX_PENDING = 1 << 20;

  private final LineSink sink;
  private final byte[] prefix;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  LineSplitter(LineSink sink, byte[] prefix) {
    this.sink = sink;
    this.prefix = prefix;
  }

  void feed(byte[] buf, int off, int len) {
    int start = off;
    int end = off + len;
    for (int i = off; i < end; i++) {
      if (buf[i] != '\n') {
        continue;
      }
      if (pending.size() == 0) {
        sink.write(prefix, buf, start, i - start, true);
      } else {
        pending.write(buf, start, i - start);
        sink.write(prefix, pending.toByteArray(), 0, pending.size(), true);
        pending.reset();
      }
      start = i + 1;
    }
    pending.write(buf, start, end - start);
    if (pending.size() > MAX_PENDING) {
      sink.write(prefix, pending.toByteArray(), 0, pending.size(), false);
      pending.reset();
    }
  }

  /** The stream ended: pass on an unterminated last line. */
  void finish() {
    if (pending.size() > 0) {
      sink.write(prefix, pending.toByteArray(), 0, pending.size(), true);
      pending.reset();
    }
  }
}
