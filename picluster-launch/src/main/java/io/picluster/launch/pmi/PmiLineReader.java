package io.picluster.launch.pmi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@code \n}-terminated PMI lines as raw bytes mapped 1:1 to chars (ISO-8859-1), so a value
 * comes back byte for byte. A line longer than the cap is an error rather than a memory sink.
 */
final class PmiLineReader {
  private final InputStream in;
  private final byte[] buf = new byte[8192];
  private int pos;
  private int end;
  private int maxLine;

  PmiLineReader(InputStream in, int maxLine) {
    this.in = in;
    this.maxLine = maxLine;
  }

  void maxLine(int maxLine) {
    this.maxLine = maxLine;
  }

  /** The next line without its {@code \n}; a last line without newline counts; null at EOF. */
  String readLine() throws IOException {
    ByteArrayOutputStream line = null;
    while (true) {
      if (pos == end) {
        int n = in.read(buf);
        if (n < 0) {
          if (line == null || line.size() == 0) {
            return null;
          }
          return line.toString(StandardCharsets.ISO_8859_1);
        }
        pos = 0;
        end = n;
      }
      int start = pos;
      while (pos < end && buf[pos] != '\n') {
        pos++;
      }
      int len = pos - start;
      int have = line == null ? 0 : line.size();
      if (have + len > maxLine) {
        throw new PmiProtocolException("a line longer than " + maxLine + " bytes");
      }
      if (pos < end) {
        pos++; // past the '\n'
        if (line == null) {
          return new String(buf, start, len, StandardCharsets.ISO_8859_1);
        }
        line.write(buf, start, len);
        return line.toString(StandardCharsets.ISO_8859_1);
      }
      if (line == null) {
        line = new ByteArrayOutputStream(Math.max(64, len * 2));
      }
      line.write(buf, start, len);
    }
  }
}
