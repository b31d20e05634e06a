package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.testbed.Testbed.Result;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The processes of a testbed node, found by its network namespace ({@code ip netns pids}), and
 * root commands on this machine outside the nodes (signals, {@code ip}, {@code tc}). The testbed
 * has no PID namespaces, so a PID means the same inside a node and here.
 */
final class NodeProcesses {
  private NodeProcesses() {}

  static String namespace(int node) {
    return "picluster-node" + node;
  }

  /** Live (not zombie) processes in node K: PID to command line. */
  static Map<Long, String> in(int node) {
    Result pids = hostCommand("ip", "netns", "pids", namespace(node));
    Map<Long, String> processes = new TreeMap<>();
    for (String word : pids.stdout().split("\\s+")) {
      if (word.isBlank()) {
        continue;
      }
      long pid = Long.parseLong(word.trim());
      if (!OnTheTestbed.isDead(pid)) {
        processes.put(pid, String.join(" ", commandLine(pid)));
      }
    }
    return processes;
  }

  static List<String> commandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      String text = new String(raw, StandardCharsets.UTF_8);
      return text.isEmpty() ? List.of() : Arrays.asList(text.split("\0"));
    } catch (IOException gone) {
      return List.of();
    }
  }

  /** Resident set size of a process in KiB, or -1 if it is gone. */
  static long rssKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return -1;
    } catch (IOException gone) {
      return -1;
    }
  }

  /** Runs a command as root on this machine, outside the nodes, to its end (at most 60 s). */
  static Result tryHostCommand(String... command) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("node-processes", ".out");
      err = Files.createTempFile("node-processes", ".err");
      Process p = new ProcessBuilder(command)
          .redirectInput(Redirect.from(new File("/dev/null")))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not end within 60 s");
      }
      return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      for (Path f : new Path[] {out, err}) {
        if (f != null) {
          try {
            Files.deleteIfExists(f);
          } catch (IOException ignored) {
            // a temp file left behind is harmless
          }
        }
      }
    }
  }

  /** As {@link #tryHostCommand}, which must succeed. */
  static Result hostCommand(String... command) {
    Result r = tryHostCommand(command);
    assertThat(r.exitCode()).as(String.join(" ", command) + "\n" + r.output()).isZero();
    return r;
  }
}
