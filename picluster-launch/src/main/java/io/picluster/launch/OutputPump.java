package io.picluster.launch;

import java.io.IOException;
import java.io.InputStream;

/** Forwards one local rank stream to a {@link LineSink} line by line, until it ends. */
final class OutputPump implements Runnable {
  private final InputStream in;
  private final LineSplitter lines;

  OutputPump(InputStream in, LineSplitter lines) {
    this.in = in;
    this.lines = lines;
  }

  @Override
  public void run() {
    byte[] buf = new byte[16384];
    try (in) {
      int n;
      while ((n = in.read(buf)) > 0) {
        lines.feed(buf, 0, n);
      }
    } catch (IOException e) {
      // The rank's pipe broke (it was killed): forward what we have.
    }
    lines.finish();
  }
}
