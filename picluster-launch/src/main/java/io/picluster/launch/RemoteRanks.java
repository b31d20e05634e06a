package io.picluster.launch;

import io.picluster.launch.agent.AgentWire;
import io.picluster.launch.agent.RankOrder;
import io.picluster.launch.remote.RemoteHost;
import io.picluster.launch.remote.StagedFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.function.IntFunction;

/** The ranks of another host, run by that host's agent over SSH ({@link RemoteHost}). */
final class RemoteRanks implements HostRanks, RemoteHost.Listener {
  /** How long a host may take from the ssh command to the agent's hello. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  private final RemoteHost host;
  private final StagedFile picluster;
  private final Map<String, StagedFile> stagedArguments;
  private final boolean jvmProgram;
  private final List<Integer> ranks;
  private final List<String> command;
  private final IntFunction<Map<String, String>> environment;
  private final String workDir;
  private final LocalRanks.Output output;
  private final BlockingQueue<JobEvent> events;
  private final Map<Integer, LineSplitter[]> splitters = new HashMap<>();
  private boolean threads;

  /**
   * @param stagedArguments the command's arguments that name files to stage, and those files
   * @param environment a rank's environment on top of the host's own
   */
  RemoteRanks(RemoteHost host, StagedFile picluster, Map<String, StagedFile> stagedArguments,
      boolean jvmProgram, List<Integer> ranks, List<String> command,
      IntFunction<Map<String, String>> environment, String workDir, LocalRanks.Output output,
      BlockingQueue<JobEvent> events) {
    this.host = host;
    this.picluster = picluster;
    this.stagedArguments = Map.copyOf(stagedArguments);
    this.jvmProgram = jvmProgram;
    this.ranks = List.copyOf(ranks);
    this.command = command;
    this.environment = environment;
    this.workDir = workDir;
    this.output = output;
    this.events = events;
    for (int r : ranks) {
      byte[] prefix = output.prefix(r);
      splitters.put(r, new LineSplitter[] {
        new LineSplitter(output.out(), prefix), new LineSplitter(output.err(), prefix)});
    }
  }

  /** The agent runs the ranks as threads of its JVM: the command is a java command line. */
  RemoteRanks asThreads() {
    threads = true;
    return this;
  }

  @Override
  public String label() {
    return host.label();
  }

  @Override
  public List<Integer> ranks() {
    return ranks;
  }

  /**
   * Starts the host's session now, on a thread of its own (starting an ssh process takes 5 to 10
   * ms), so that it logs in and boots its agent while the launcher sets up the rest of the job;
   * {@link #prepare} goes on from there. A failure to start it is left for {@link #prepare} to meet
   * again and report with the other hosts' failures.
   */
  void openEarly() {
    Thread t = new Thread(new EarlyOpen(this), "open-" + host.label());
    t.setDaemon(true);
    t.start();
  }

  /** A plain class, not a lambda: one made before the first ssh is linked first (about 1 ms). */
  private static final class EarlyOpen implements Runnable {
    private final RemoteRanks ranks;

    EarlyOpen(RemoteRanks ranks) {
      this.ranks = ranks;
    }

    @Override
    public void run() {
      try {
        ranks.host.open(JavaRuntime.executable(), ranks.picluster, ranks.otherFiles());
      } catch (LaunchException reportedByPrepare) {
        // prepare() tries again and says why
      }
    }
  }

  @Override
  public void prepare() throws LaunchException {
    host.connect(JavaRuntime.executable(), picluster, otherFiles(), CONNECT_TIMEOUT);
    List<String> here = commandThere();
    if (threads) {
      here.add(0, AgentWire.THREADS);
    }
    List<RankOrder> orders = new ArrayList<>();
    for (int r : ranks) {
      orders.add(new RankOrder(r, here, environment.apply(r)));
    }
    String note = host.prepare(workDir, orders, this);
    if (!note.isEmpty()) {
      output.err().message("picluster: " + host.label() + ": " + note);
    }
  }

  /** The staged files besides picluster itself, each once. */
  private List<StagedFile> otherFiles() {
    List<StagedFile> files = new ArrayList<>();
    for (StagedFile f : stagedArguments.values()) {
      if (!f.equals(picluster) && !files.contains(f)) {
        files.add(f);
      }
    }
    return files;
  }

  /** The command as this host runs it: its own java, and staged files at their cached place. */
  private List<String> commandThere() {
    Map<String, String> there = new HashMap<>();
    for (Map.Entry<String, StagedFile> e : stagedArguments.entrySet()) {
      there.put(e.getKey(), host.cacheDir() + "/" + e.getValue().cacheName());
    }
    List<String> c = new ArrayList<>(command.size());
    for (int i = 0; i < command.size(); i++) {
      String arg = command.get(i);
      c.add(i == 0 && jvmProgram ? host.java() : StagedArguments.rewrite(arg, there));
    }
    return c;
  }

  @Override
  public boolean start() {
    host.go(); // a host already gone shows as its ranks lost, from the reader
    return true;
  }

  @Override
  public void terminate() {
    host.terminate();
  }

  @Override
  public void kill() {
    host.kill();
  }

  @Override
  public void awaitGone(long deadlineNanos) throws InterruptedException {
    host.awaitGone(deadlineNanos);
  }

  /** Ends the agent's input, as {@link #close} does first, without waiting for it to leave. */
  @Override
  public void endInput() {
    host.endInput();
  }

  @Override
  public void close() {
    host.close();
  }

  @Override
  public void output(int rank, int stream, byte[] buf, int len) {
    LineSplitter[] s = splitters.get(rank);
    if (s != null && (stream == 1 || stream == 2)) {
      s[stream - 1].feed(buf, 0, len);
    }
  }

  @Override
  public void exited(int rank, int exitCode) {
    flush(rank);
    events.add(new JobEvent.Exited(rank, exitCode));
  }

  @Override
  public void startFailed(int rank, String reason) {
    flush(rank);
    events.add(new JobEvent.StartFailed(rank, reason));
  }

  @Override
  public void lost(int rank, String reason) {
    flush(rank);
    events.add(new JobEvent.Lost(rank, reason));
  }

  private void flush(int rank) {
    LineSplitter[] s = splitters.get(rank);
    if (s != null) {
      s[0].finish();
      s[1].finish();
    }
  }
}
