package io.picluster.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Comparisons 8 and 9, threads mode (a host's ranks as threads of one JVM, the default for
 * built-in jobs):
 *
 * <ul>
 *   <li>8: 8 B one-way latency between 2 ranks of {@code picluster run -n 2 pingpong} against
 *       MPICH's shared memory (NetPIPE's {@code NPmpich2}, MPICH's defaults); target: at most 1.0x.
 *   <li>9: peak RSS of {@code picluster run -n 4 hostname} (the whole job: one JVM) against one idle
 *       JVM running Hello; 4 idle JVMs are printed beside it; target: at most 1.5x one JVM.
 * </ul>
 */
final class ThreadsComparison {
  private static final int SMALL = RawSocketPingPong.LATENCY_SIZE;
  private static final Duration TIMEOUT = Duration.ofSeconds(180);
  private static final Path GNU_TIME = Path.of("/usr/bin/time");
  private static final Pattern MAX_RSS = Pattern.compile("maxrss_kb (\\d+)");

  private final Path root;
  private final Path hello;
  private final boolean quick;

  /** {@code hello}: a folder with the compiled Hello program. */
  ThreadsComparison(Path root, Path hello, boolean quick) {
    this.root = root;
    this.hello = hello;
    this.quick = quick;
  }

  void run(PrintStream out, Scoreboard board) {
    latency(out, board);
    memory(out, board);
  }

  private void latency(PrintStream out, Scoreboard board) {
    out.println("8. ping-pong, 2 ranks as threads of one JVM vs MPICH shared memory, 8 B one-way us (lower is better)");
    Series ours = new Series("ours: picluster run -n 2 pingpong (threads)", "us", "%.2f");
    Series mpich = new Series("MPICH shared memory: NPmpich2", "us", "%.2f");
    int runs = quick ? 3 : 7;
    for (int i = 0; i < 1 + runs; i++) {
      boolean keep = i > 0;
      if (!ours.failed()) {
        try {
          Outcome o = Command.run(List.of(root.resolve("bin/picluster").toString(), "run", "-n", "2",
              "pingpong", Integer.toString(SMALL)), root, Map.of(), TIMEOUT).requireSuccess();
          double lat = PingPongOutput.median(o.stdout(), "latency_us", SMALL);
          if (keep) {
            ours.add(lat);
          }
        } catch (RunFailed e) {
          ours.fail(e.getMessage());
        }
      }
      if (!mpich.failed()) {
        try {
          double lat = NetPipe.oneWaySecondsSharedMemory(SMALL) * 1e6;
          if (keep) {
            mpich.add(lat);
          }
        } catch (RunFailed e) {
          mpich.fail(e.getMessage());
        }
      }
    }
    out.println(ours.line());
    out.println(mpich.line());
    board.judge(ours, mpich, Target.atMost(1.0), "<= 1.0x MPICH shared memory", false);
  }

  private void memory(PrintStream out, Scoreboard board) {
    out.println("9. peak RSS of a 4-rank job on one host, MiB (lower is better)");
    Series ours = new Series("ours: picluster run -n 4 hostname (threads, one JVM)", "MiB", "%.1f");
    Series processes = new Series("ours: picluster run --processes -n 4 hostname (launcher JVM only)", "MiB", "%.1f");
    Series oneJvm = new Series("one idle JVM: java Hello", "MiB", "%.1f");
    if (!Files.isExecutable(GNU_TIME)) {
      out.println("    skipped: needs GNU time at " + GNU_TIME + " (apt-get install time)");
      board.skipped();
      return;
    }
    int runs = quick ? 3 : 5;
    for (int i = 0; i < 1 + runs; i++) {
      boolean keep = i > 0;
      measure(ours, keep, root.resolve("bin/picluster").toString(), "run", "-n", "4", "hostname");
      measure(processes, keep, root.resolve("bin/picluster").toString(), "run", "--processes", "-n", "4", "hostname");
      measure(oneJvm, keep, Jdk.tool("java"), "-cp", hello.toString(), "Hello");
    }
    out.println(ours.line());
    out.println(processes.line());
    out.println(oneJvm.line());
    if (oneJvm.measured()) {
      out.printf(java.util.Locale.ROOT, "    4 idle JVMs: %.1f MiB%n", 4 * oneJvm.median());
    }
    board.judge(ours, oneJvm, Target.atMost(1.5), "<= 1.5x one idle JVM", false);
  }

  /** Peak RSS (MiB) of the command's largest process, by GNU time. */
  private void measure(Series into, boolean keep, String... command) {
    if (into.failed()) {
      return;
    }
    List<String> argv = new ArrayList<>(List.of(GNU_TIME.toString(), "-f", "maxrss_kb %M"));
    argv.addAll(List.of(command));
    try {
      Outcome o = Command.run(argv, root, Map.of(), TIMEOUT).requireSuccess();
      Matcher m = MAX_RSS.matcher(o.stderr());
      if (!m.find()) {
        throw new RunFailed("GNU time printed no maximum RSS");
      }
      if (keep) {
        into.add(Long.parseLong(m.group(1)) / 1024.0);
      }
    } catch (RunFailed e) {
      into.fail(e.getMessage());
    }
  }
}
