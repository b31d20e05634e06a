package io.picluster.launch;

import io.picluster.launch.bootstrap.Bootstrap;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The ranks on the launcher's own host: started by the fork {@link Bootstrap} (each in its own
 * process group), watched by the job's {@link Watchdog} so that they die with the launcher, their output
 * forwarded by one thread per stream.
 */
final class LocalRanks implements HostRanks {
  private static final File DEV_NULL = new File("/dev/null");

  private final Bootstrap bootstrap;
  private final String host;
  private final Watchdog watchdog;
  private final List<Integer> ranks;
  private final List<String> command;
  private final IntFunction<Map<String, String>> environment;
  private final Path workDir;
  private final Redirect rankZeroStdin;
  private final Output output;
  private final BlockingQueue<JobEvent> events;
  private final List<Process> processes = new ArrayList<>();
  private final List<Thread> pumps = new ArrayList<>();

  /** Where the ranks' lines go: the job's sinks, tagged by rank or not. */
  record Output(LineSink out, LineSink err, boolean tag) {
    byte[] prefix(int rank) {
      return (tag ? "[" + rank + "] " : "").getBytes(StandardCharsets.US_ASCII);
    }
  }

  LocalRanks(Bootstrap bootstrap, String host, Watchdog watchdog, List<Integer> ranks,
      List<String> command, IntFunction<Map<String, String>> environment, Path workDir, Redirect rankZeroStdin,
      Output output, BlockingQueue<JobEvent> events) {
    this.bootstrap = bootstrap;
    this.host = host;
    this.watchdog = watchdog;
    this.ranks = List.copyOf(ranks);
    this.command = command;
    this.environment = environment;
    this.workDir = workDir;
    this.rankZeroStdin = rankZeroStdin;
    this.output = output;
    this.events = events;
  }

  @Override
  public String label() {
    return host;
  }

  @Override
  public List<Integer> ranks() {
    return ranks;
  }

  @Override
  public void prepare() {
    // The program was checked on this host before the job was made.
  }

  @Override
  public boolean start() {
    for (int r : ranks) {
      Process p;
      try {
        Redirect stdin = r == 0 ? rankZeroStdin : Redirect.from(DEV_NULL);
        p = bootstrap.launch(host, command, environment.apply(r), workDir, stdin);
      } catch (IOException | LaunchException e) {
        output.err().message("picluster: cannot start rank " + r + " (" + command.get(0) + "): "
            + e.getMessage());
        return false;
      }
      synchronized (processes) {
        processes.add(p);
      }
      // Watch first: from here on the launcher's death takes the rank with it.
      try {
        watchdog.watch(p.pid());
      } catch (IOException e) {
        output.err().message("picluster: the watchdog process is gone (" + e.getMessage()
            + "); stopping the job rather than risk leaving ranks behind");
        return false;
      }
      byte[] prefix = output.prefix(r);
      pump(new OutputPump(p.getInputStream(), new LineSplitter(output.out(), prefix)), r, "stdout");
      pump(new OutputPump(p.getErrorStream(), new LineSplitter(output.err(), prefix)), r, "stderr");
      int rank = r;
      p.onExit().thenAccept(new Consumer<Process>() { // no lambda on the launch path: LaunchPathTest
        @Override
        public void accept(Process done) {
          events.add(new JobEvent.Exited(rank, done.exitValue()));
        }
      });
    }
    return true;
  }

  @Override
  public void terminate() {
    watchdog.terminateAll();
  }

  @Override
  public void kill() {
    watchdog.killAll();
  }

  @Override
  public void awaitGone(long deadlineNanos) throws InterruptedException {
    for (Process p : snapshot()) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return;
      }
      p.waitFor(left, TimeUnit.NANOSECONDS);
    }
  }

  /** Kills leaders that outlived the watchdog, and waits (bounded) for the last output. */
  @Override
  public void close() {
    for (Process p : snapshot()) {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
  }

  /** Waits until the ranks' output is forwarded or the deadline passes. */
  void awaitOutput(long deadlineNanos) throws InterruptedException {
    for (Thread t : pumps) {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
    }
  }

  private List<Process> snapshot() {
    synchronized (processes) {
      return new ArrayList<>(processes);
    }
  }

  private void pump(OutputPump pump, int rank, String stream) {
    Thread t = new Thread(pump, "rank-" + rank + "-" + stream);
    t.setDaemon(true);
    t.start();
    pumps.add(t);
  }
}
