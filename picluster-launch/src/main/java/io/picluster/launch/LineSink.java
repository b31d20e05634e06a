package io.picluster.launch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One destination (our stdout or stderr) shared by all ranks. Each line goes out in one write under
 * a lock, so lines of different ranks never interleave mid-line (and a line up to PIPE_BUF stays
 * whole even if others write to the same pipe).
 */
final class LineSink implements Consumer<String> {
  private final OutputStream out;

  LineSink(OutputStream out) {
    this.out = out;
  }

  /** Writes {@code prefix}, {@code len} bytes of {@code buf}, and a newline if {@code newline}. */
  void write(byte[] prefix, byte[] buf, int off, int len, boolean newline) {
    byte[] line = new byte[prefix.length + len + (newline ? 1 : 0)];
    System.arraycopy(prefix, 0, line, 0, prefix.length);
    System.arraycopy(buf, off, line, prefix.length, len);
    if (newline) {
      line[line.length - 1] = '\n';
    }
    synchronized (this) {
      try {
        out.write(line);
        out.flush();
      } catch (IOException e) {
        // Our own output is gone (closed pipe): nothing useful to do but keep draining the rank.
      }
    }
  }

  /** One line of the launcher's own (e.g. why the job stopped). */
  void message(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    write(new byte[0], b, 0, b.length, true);
  }

  /** {@link #message}: a sink is where the launcher's parts send their messages. */
  @Override
  public void accept(String line) {
    message(line);
  }
}
