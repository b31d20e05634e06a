package io.picluster.launch.copy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One ssh client, started in its own session as {@code RemoteHost} starts its own (setsid: a Ctrl-C
 * at the terminal reaches picluster, which ends the copy in order, not ssh), with the last lines of
 * its stderr kept: ssh's own reason when it fails, or the remote command's.
 *
 * <p>(Starting processes is not {@link io.picluster.launch.remote.SshCommand}'s business, which only
 * builds command lines; {@code RemoteHost} keeps its own start method private, so this is the copy
 * command's equivalent.)
 */
final class SshProcess {
  private static final int KEPT_LINES = 5;

  private final Process process;
  private final Thread errorReader;
  private final Deque<String> lines = new ArrayDeque<>();
  private final List<String> unreported = new ArrayList<>();

  private SshProcess(Process process) {
    this.process = process;
    errorReader = new Thread(this::keepErrors, "ssh-" + process.pid() + "-stderr");
    errorReader.setDaemon(true);
    errorReader.start();
  }

  /** Runs {@code setsid COMMAND...}; stdin and stdout as given, stderr kept. */
  static SshProcess start(List<String> command, Redirect stdin, Redirect stdout)
      throws IOException {
    List<String> argv = new ArrayList<>();
    argv.add("setsid");
    argv.addAll(command);
    return new SshProcess(new ProcessBuilder(argv).redirectInput(stdin).redirectOutput(stdout)
        .start());
  }

  Process process() {
    return process;
  }

  OutputStream stdin() {
    return process.getOutputStream();
  }

  InputStream stdout() {
    return process.getInputStream();
  }

  /** Waits for the end, and for its stderr to be read to the end; returns the exit code. */
  int waitFor() throws InterruptedException {
    int code = process.waitFor();
    errorReader.join(2000);
    return code;
  }

  /** As {@link #waitFor()}, within {@code seconds}; ends the client if it takes longer. */
  int waitFor(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroy();
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    return waitFor();
  }

  /** The last non-blank line on stderr so far, or null. */
  String lastLine() {
    synchronized (lines) {
      return lines.peekLast();
    }
  }

  /** The non-blank lines on stderr since the last call (at most the last few). */
  List<String> newLines() {
    synchronized (lines) {
      List<String> l = new ArrayList<>(unreported);
      unreported.clear();
      return l;
    }
  }

  /** Why it failed: the last line on stderr, or else its exit code. */
  String reason(int exitCode) {
    String said = lastLine();
    return said != null ? said : "ssh exited with code " + exitCode;
  }

  private void keepErrors() {
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        line = line.strip();
        if (line.isEmpty()) {
          continue;
        }
        synchronized (lines) {
          lines.addLast(line);
          if (lines.size() > KEPT_LINES) {
            lines.removeFirst();
          }
          unreported.add(line);
          if (unreported.size() > KEPT_LINES) {
            unreported.remove(0);
          }
        }
      }
    } catch (IOException gone) {
      // the client is gone
    }
  }
}
