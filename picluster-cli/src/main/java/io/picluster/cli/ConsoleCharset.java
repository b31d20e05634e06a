package io.picluster.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The character set of everything picluster writes to stdout and stderr. Java writes in the
 * locale's character set and turns what that cannot encode into '?'. The C (POSIX) locale, which
 * an ssh session without LANG, cron and minimal images run in, has plain ASCII: there the text
 * picluster passes on (what the nodes report, the cluster file's words) goes out as UTF-8, the
 * bytes as they came, as Python does in that locale (PEP 538 and 540). picluster's own words need
 * nothing beyond ASCII there: a symbol is shown only where {@link #canShow} says the locale has it.
 */
final class ConsoleCharset {
  private ConsoleCharset() {}

  /**
   * The locale's character set: {@code native.encoding} (Java 17 on), which the console's
   * encoding follows also on the Javas whose default is UTF-8 whatever the locale (18 on).
   */
  static Charset locale() {
    String name = System.getProperty("native.encoding");
    try {
      return name == null ? Charset.defaultCharset() : Charset.forName(name);
    } catch (RuntimeException unknown) {
      return StandardCharsets.US_ASCII;
    }
  }

  /** What stdout and stderr are written in: the locale's, UTF-8 instead of plain ASCII. */
  static Charset output() {
    Charset locale = locale();
    return locale.equals(StandardCharsets.US_ASCII) ? StandardCharsets.UTF_8 : locale;
  }

  /** Whether the locale's character set has C, so a reader sees it and not a '?'. */
  static boolean canShow(char c) {
    return locale().newEncoder().canEncode(c);
  }

  /** Makes System.out and System.err write in {@link #output()}. */
  static void install() {
    Charset cs = output();
    System.setOut(stream(FileDescriptor.out, cs));
    System.setErr(stream(FileDescriptor.err, cs));
  }

  /** A writer on STREAM in {@link #output()}, flushed at every println, for picocli. */
  static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, output()), true);
  }

  /** As the JVM makes System.out: a small buffer, flushed at every line. */
  private static PrintStream stream(FileDescriptor fd, Charset cs) {
    return new PrintStream(new BufferedOutputStream(new FileOutputStream(fd), 128), true, cs);
  }
}
