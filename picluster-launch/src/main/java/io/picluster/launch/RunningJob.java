package io.picluster.launch;

import io.picluster.launch.bootstrap.Bootstrap;
import io.picluster.launch.hosts.MappingVector;
import io.picluster.launch.pmi.PmiListener;
import io.picluster.launch.pmi.PmiServer;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One launch of a {@link JobSpec}, from binding the PMI port to the last forwarded line. */
final class RunningJob implements PmiListener {
  /** Between SIGTERM and SIGKILL when stopping the ranks. */
  static final Duration GRACE = Duration.ofSeconds(1);
  /** How long a dead rank's PMI connection may take to deliver its last request. */
  private static final Duration DRAIN = Duration.ofMillis(300);
  /** How long to wait for the last output after the ranks are gone. */
  private static final Duration OUTPUT_LINGER = Duration.ofMillis(500);

  private static final File DEV_NULL = new File("/dev/null");

  private final JobSpec spec;
  private final Bootstrap bootstrap;
  private final LineSink out;
  private final LineSink err;
  private final BlockingQueue<JobEvent> events = new LinkedBlockingQueue<>();
  private final Process[] ranks;
  private final List<Thread> pumps = new ArrayList<>();
  private PmiServer pmi;
  private Watchdog watchdog;
  private volatile boolean over;
  /** Set by the shutdown hook: the ranks die because we kill them, not because they failed. */
  private volatile boolean shuttingDown;

  RunningJob(JobSpec spec, Bootstrap bootstrap, LineSink out, LineSink err) {
    this.spec = spec;
    this.bootstrap = bootstrap;
    this.out = out;
    this.err = err;
    this.ranks = new Process[spec.ranks()];
  }

  int run() {
    Thread hook = new Thread(this::stopOnShutdown, "picluster-launcher-shutdown");
    try {
      pmi =
          new PmiServer(
              spec.pmiBindAddress(), spec.ranks(), MappingVector.encode(new int[spec.ranks()]), this);
      watchdog = Watchdog.start();
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IOException e) {
      err.message("picluster: cannot set up the job: " + e.getMessage());
      close();
      return 1;
    }
    try {
      int started = startRanks();
      if (started < spec.ranks()) {
        stopRanks();
        awaitExits(started);
        return 1;
      }
      return superviseUntilAllExited();
    } catch (InterruptedException e) {
      stopRanks();
      Thread.currentThread().interrupt();
      return 130;
    } finally {
      over = true;
      finish();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
    }
  }

  /** Starts the ranks in order; returns how many started (fewer means one failed to). */
  private int startRanks() {
    for (int r = 0; r < spec.ranks(); r++) {
      try {
        Redirect stdin = r == 0 ? spec.stdin() : Redirect.from(DEV_NULL);
        Process p = bootstrap.start(spec.command(), environment(r), spec.workDir(), stdin);
        ranks[r] = p;
        // Watch first: from here on the launcher's death takes the rank with it.
        try {
          watchdog.watch(p.pid());
        } catch (IOException e) {
          err.message("picluster: the watchdog process is gone (" + e.getMessage()
              + "); stopping the job rather than risk leaving ranks behind");
          return r + 1;
        }
        String tag = spec.tagOutput() ? "[" + r + "] " : "";
        pump(new OutputPump(p.getInputStream(), out, tag), "rank-" + r + "-stdout");
        pump(new OutputPump(p.getErrorStream(), err, tag), "rank-" + r + "-stderr");
        int rank = r;
        p.onExit().thenAccept(done -> events.add(new JobEvent.Exited(rank, done.exitValue())));
      } catch (IOException e) {
        err.message("picluster: cannot start rank " + r + " (" + spec.command().get(0) + "): "
            + e.getMessage());
        return ranks[r] == null ? r : r + 1;
      }
    }
    return spec.ranks();
  }

  private Map<String, String> environment(int rank) {
    Map<String, String> env = new HashMap<>(System.getenv());
    // A launcher itself started by Hydra must not hand its own PMI connection to the ranks.
    env.keySet().removeIf(k -> k.startsWith("PMI_") || k.startsWith("MPI_LOCAL"));
    env.putAll(spec.env());
    env.put("PMI_PORT", pmi.portValue());
    env.put("PMI_ID", Integer.toString(rank));
    env.put("PMI_RANK", Integer.toString(rank));
    env.put("PMI_SIZE", Integer.toString(spec.ranks()));
    env.put("MPI_LOCALNRANKS", Integer.toString(spec.ranks()));
    env.put("MPI_LOCALRANKID", Integer.toString(rank));
    return env;
  }

  private int superviseUntilAllExited() throws InterruptedException {
    RankFailure failure = null;
    int live = spec.ranks();
    while (live > 0) {
      JobEvent event = events.take();
      if (event instanceof JobEvent.Aborted a) {
        if (failure == null) {
          failure = RankFailure.aborted(a.rank(), bootstrap.host(), a.exitCode());
          fail(failure);
        }
      } else if (event instanceof JobEvent.Exited x) {
        live--;
        if (failure == null && !shuttingDown) {
          failure = judge(x);
          if (failure != null) {
            fail(failure);
          }
        }
      }
    }
    return failure == null ? 0 : failure.exitCode();
  }

  /** How a rank's exit counts: null if it is fine. */
  private RankFailure judge(JobEvent.Exited x) throws InterruptedException {
    int r = x.rank();
    pmi.awaitDrained(r, DRAIN);
    JobEvent.Aborted abort = pendingAbort(r);
    if (abort != null) {
      return RankFailure.aborted(r, bootstrap.host(), abort.exitCode());
    }
    if (x.exitValue() != 0) {
      return RankFailure.exited(r, bootstrap.host(), x.exitValue());
    }
    if (pmi.connected(r) && !pmi.finalized(r)) {
      return RankFailure.notFinalized(r, bootstrap.host());
    }
    return null;
  }

  private JobEvent.Aborted pendingAbort(int rank) {
    for (JobEvent e : events) {
      if (e instanceof JobEvent.Aborted a && a.rank() == rank) {
        events.remove(e);
        return a;
      }
    }
    return null;
  }

  private void fail(RankFailure failure) {
    err.message(failure.message());
    stopRanks();
  }

  /** SIGTERM to every rank's group, SIGKILL after the grace period; returns when all are gone. */
  private synchronized void stopRanks() {
    long deadline = System.nanoTime() + GRACE.toNanos();
    watchdog.terminateAll();
    waitForRanks(deadline);
    watchdog.killAll();
    waitForRanks(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500));
    for (Process p : ranks) {
      if (p != null && p.isAlive()) {
        p.destroyForcibly(); // the watchdog is gone; at least the leader must go
      }
    }
  }

  private void waitForRanks(long deadlineNanos) {
    for (Process p : ranks) {
      long left = deadlineNanos - System.nanoTime();
      if (p == null || left <= 0) {
        continue;
      }
      try {
        p.waitFor(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void awaitExits(int started) throws InterruptedException {
    for (int r = 0; r < started; r++) {
      ranks[r].waitFor();
    }
  }

  /** Shutdown hook: the launcher is being stopped (SIGINT, SIGTERM); take every rank with it. */
  private void stopOnShutdown() {
    if (!over) {
      shuttingDown = true;
      stopRanks();
    }
  }

  private void finish() {
    if (watchdog != null) {
      watchdog.release();
    }
    long deadline = System.nanoTime() + OUTPUT_LINGER.toNanos();
    for (Thread t : pumps) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    close();
  }

  private void close() {
    if (pmi != null) {
      pmi.close();
    }
  }

  private void pump(OutputPump pump, String name) {
    Thread t = new Thread(pump, name);
    t.setDaemon(true);
    t.start();
    pumps.add(t);
  }

  @Override
  public void aborted(int rank, int exitCode) {
    events.add(new JobEvent.Aborted(rank, exitCode));
  }

  @Override
  public void rejected(String line) {
    err.message(line);
  }
}
