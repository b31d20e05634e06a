package io.picluster.setup.doctor;

import io.picluster.setup.cluster.Node;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One node's {@link PortProbe}, seen from doctor: the ssh session that runs it, its output lines
 * as they come, and its standard input for the targets. The session is its own process group
 * ({@code setsid}), ended with everything under it when doctor is done with it.
 */
final class PortSession {
  private static final String EOF = "\u0000eof";
  private static final int KEPT_ERROR_CHARS = 4000;

  private final Node node;
  private final Process process;
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final StringBuilder errors = new StringBuilder();
  private boolean ended;

  private PortSession(Node node, Process process) {
    this.node = node;
    this.process = process;
  }

  /** Starts {@code command} (ssh NODE sh -c SCRIPT ...) and reads its output from now on. */
  static PortSession start(Node node, List<String> command) throws IOException {
    Process p = new ProcessBuilder(command)
        .redirectInput(Redirect.PIPE)
        .redirectOutput(Redirect.PIPE)
        .redirectError(Redirect.PIPE)
        .start();
    PortSession s = new PortSession(node, p);
    Thread out = new Thread(() -> s.read(p.getInputStream()), "port-session-" + node.name());
    out.setDaemon(true);
    out.start();
    Thread err = new Thread(() -> s.drain(p.getErrorStream()), "port-errors-" + node.name());
    err.setDaemon(true);
    err.start();
    return s;
  }

  Node node() {
    return node;
  }

  private void read(InputStream in) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      // the session ended
    } finally {
      lines.add(EOF);
    }
  }

  private void drain(InputStream in) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (errors) {
          errors.append(line).append('\n');
          if (errors.length() > KEPT_ERROR_CHARS) {
            errors.delete(0, errors.length() - KEPT_ERROR_CHARS);
          }
        }
      }
    } catch (IOException e) {
      // the session ended
    }
  }

  /**
   * The probe's next line (without {@link PortProbe#PREFIX}) by {@code deadline}
   * (System.nanoTime); null when the session ended or the time is up. Other output (a login
   * shell's chatter) is skipped.
   */
  String next(long deadline) throws InterruptedException {
    while (!ended) {
      long wait = deadline - System.nanoTime();
      if (wait <= 0) {
        return null;
      }
      String line = lines.poll(wait, TimeUnit.NANOSECONDS);
      if (line == null) {
        return null;
      }
      if (line.equals(EOF)) {
        ended = true;
        return null;
      }
      if (line.startsWith(PortProbe.PREFIX)) {
        return line.substring(PortProbe.PREFIX.length());
      }
    }
    return null;
  }

  /** Whether the session's output has ended (seen by {@link #next}). */
  boolean ended() {
    return ended;
  }

  /** Writes lines to the probe; false if the session is gone. */
  boolean send(String text) {
    try {
      OutputStream o = process.getOutputStream();
      o.write(text.getBytes(StandardCharsets.UTF_8));
      o.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The last line ssh or the script wrote to stderr that says something, or null. */
  String lastError() {
    String text;
    synchronized (errors) {
      text = errors.toString();
    }
    String last = null;
    String known = null;
    for (String l : text.split("\n")) {
      String t = l.strip();
      if (t.isEmpty() || t.startsWith("Warning: Permanently added")) {
        continue;
      }
      if (t.startsWith("Error: Could not find or load main class")
          || t.contains("UnsupportedClassVersionError")) {
        known = t;
      }
      last = t;
    }
    return known != null ? known : last;
  }

  /** Closes the probe's input: it ends. */
  void closeInput() {
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // already gone
    }
  }

  /** Closes the probe's input, waits up to {@code graceMs}, then kills the session. */
  void end(long graceMs) {
    closeInput();
    try {
      if (!process.waitFor(graceMs, TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
