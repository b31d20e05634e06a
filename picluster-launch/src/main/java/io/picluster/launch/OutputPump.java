package io.picluster.launch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Forwards one rank stream to a {@link LineSink} line by line, optionally tagged {@code [rank] }. A
 * last line without a newline is forwarded with one. A "line" longer than {@link #MAX_PENDING}
 * bytes (binary output) is passed on in pieces rather than buffered without bound.
 */
final class OutputPump implements Runnable {
  static final int MAX_PENDING = 1 << 20;

  private final InputStream in;
  private final LineSink sink;
  private final byte[] prefix;

  OutputPump(InputStream in, LineSink sink, String prefix) {
    this.in = in;
    this.sink = sink;
    this.prefix = prefix.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void run() {
    byte[] buf = new byte[16384];
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    try (in) {
      int n;
      while ((n = in.read(buf)) > 0) {
        int start = 0;
        for (int i = 0; i < n; i++) {
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
        pending.write(buf, start, n - start);
        if (pending.size() > MAX_PENDING) {
          sink.write(prefix, pending.toByteArray(), 0, pending.size(), false);
          pending.reset();
        }
      }
    } catch (IOException e) {
      // The rank's pipe broke (it was killed): forward what we have.
    }
    if (pending.size() > 0) {
      sink.write(prefix, pending.toByteArray(), 0, pending.size(), true);
    }
  }
}
