package io.picluster.launch.agent;

import io.picluster.comm.CommException;
import io.picluster.comm.internal.BackboneAddress;
import io.picluster.comm.internal.HostName;
import io.picluster.launch.JavaRuntime;
import io.picluster.launch.MpichBackbone;
import io.picluster.launch.ProgramLookup;
import io.picluster.launch.Watchdog;
import io.picluster.launch.bootstrap.LocalBootstrap;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The launcher's hands on one host: started over that host's SSH session, it checks and starts the
 * host's ranks (each in its own process group), streams their output and exit codes back, signals
 * them on request, and ends them all when its input ends, which is what happens when the launcher
 * exits, is killed, or loses the connection. If the agent itself is killed, its {@link Watchdog}
 * ends the ranks.
 *
 * <p>Plain classes instead of lambdas: this JVM starts on every host of every job, and each lambda
 * shape costs start-up time on a Pi.
 */
public final class Agent {
  /** Between SIGTERM and SIGKILL when the launcher has gone. */
  private static final long GRACE_MILLIS = 1000;
  /** How long to wait for a rank's last output after it exited (grandchildren may hold its pipes). */
  private static final long OUTPUT_LINGER_MILLIS = 500;

  private final DataInputStream in;
  private final AgentOutput out;
  private final LocalBootstrap bootstrap;
  private final List<Process> processes = new ArrayList<>();
  private Watchdog watchdog;
  private List<RankOrder> orders = List.of();
  private Path workDir;

  private final String cacheDir;

  Agent(InputStream in, OutputStream out, String cacheDir) {
    this.cacheDir = cacheDir;
    this.in = new DataInputStream(new BufferedInputStream(in));
    this.out = new AgentOutput(out);
    this.bootstrap = new LocalBootstrap(HostName.get());
  }

  /** Serves the launcher until its input ends; returns once every rank of this host is gone. */
  void run() throws IOException {
    watchdog = Watchdog.start();
    out.hello(HostName.get(), cacheDir, JavaRuntime.executable());
    try {
      serve();
    } catch (IOException corruptOrLost) {
      // Same as the end of input: the launcher can no longer steer the ranks.
    }
    stopAll();
  }

  private void serve() throws IOException {
    while (true) {
      int type = AgentWire.readType(in);
      switch (type) {
        case -1:
          return;
        case AgentWire.RANKS:
          readRanks();
          break;
        case AgentWire.GO:
          startAll();
          break;
        case AgentWire.TERM:
          watchdog.terminateAll();
          break;
        case AgentWire.KILL:
          watchdog.killAll();
          break;
        default:
          throw new IOException("corrupt agent stream: frame type " + type);
      }
    }
  }

  private void readRanks() throws IOException {
    String dir = AgentWire.readString(in);
    orders = RankOrder.readAll(in);
    String note = "";
    workDir = dir.isEmpty() ? null : Path.of(dir);
    if (workDir != null && !Files.isDirectory(workDir)) {
      note = "there is no folder " + dir + " here, so its ranks start in " + home();
      workDir = Path.of(home());
    }
    for (RankOrder o : orders) {
      String program = o.command().get(0);
      String path = o.env().containsKey("PATH") ? o.env().get("PATH") : System.getenv("PATH");
      if (ProgramLookup.find(program, path, workDir) == null) {
        out.refused(program.contains("/")
            ? "no executable file " + absolute(program) + " here; copy it there (picluster copy) or stage it with --stage"
            : "no program '" + program + "' on PATH here (" + path + "); install it or give its full path");
        return;
      }
    }
    String badAddress = addressProblem();
    if (badAddress != null) {
      out.refused(badAddress);
      return;
    }
    out.ready(note);
  }

  /**
   * Why the ranks' --iface or --network (or the cluster file's interface) cannot work on this host,
   * or null: said before any rank starts, instead of by every rank as it fails.
   */
  private String addressProblem() {
    if (orders.isEmpty()) {
      return null;
    }
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(orders.get(0).env()); // the job's settings: the same for every rank
    try {
      BackboneAddress.choose(env, null);
      return null;
    } catch (CommException e) {
      return e.getMessage();
    }
  }

  private void startAll() throws IOException {
    Map<String, String> backbone = null;
    for (RankOrder o : orders) {
      Map<String, String> env = new HashMap<>(System.getenv());
      env.putAll(o.env());
      // A job with an agent spans hosts: MPICH programs use this host's end of the backbone. The
      // job's settings and PMI_PORT are the same for every rank here: one route lookup will do.
      if (backbone == null) {
        backbone = MpichBackbone.additions(env);
      }
      env.putAll(backbone);
      Process p;
      try {
        p = bootstrap.start(o.command(), env, workDir, Redirect.from(new File("/dev/null")));
      } catch (IOException e) {
        out.startFailed(o.rank(), "cannot start " + o.command().get(0) + ": " + e.getMessage());
        continue;
      }
      synchronized (processes) {
        processes.add(p);
      }
      watchdog.watch(p.pid());
      Thread stdout = daemon(new Forward(o.rank(), 1, p.getInputStream()), "rank-" + o.rank() + "-out");
      Thread stderr = daemon(new Forward(o.rank(), 2, p.getErrorStream()), "rank-" + o.rank() + "-err");
      daemon(new Reaper(o.rank(), p, stdout, stderr), "rank-" + o.rank() + "-exit");
    }
  }

  /** TERM every group, KILL after the grace period, and wait (bounded) until the ranks are gone. */
  private void stopAll() {
    List<Process> all;
    synchronized (processes) {
      all = new ArrayList<>(processes);
    }
    watchdog.terminateAll();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
    awaitAll(all, deadline);
    watchdog.release(); // KILLs whatever is left in the groups
    awaitAll(all, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500));
    for (Process p : all) {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
  }

  private static void awaitAll(List<Process> all, long deadlineNanos) {
    for (Process p : all) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        p.waitFor(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private String absolute(String program) {
    Path p = Path.of(program);
    return (p.isAbsolute() || workDir == null ? p : workDir.resolve(p)).toString();
  }

  private static String home() {
    return System.getProperty("user.home");
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Copies one rank stream to the launcher as output frames. */
  private final class Forward implements Runnable {
    private final int rank;
    private final int stream;
    private final InputStream from;

    Forward(int rank, int stream, InputStream from) {
      this.rank = rank;
      this.stream = stream;
      this.from = from;
    }

    @Override
    public void run() {
      byte[] buf = new byte[16384];
      try (InputStream s = from) {
        int n;
        while ((n = s.read(buf)) > 0) {
          out.output(rank, stream, buf, n);
        }
      } catch (IOException e) {
        // the rank was killed: what was read is forwarded
      }
    }
  }

  /** Reports a rank's exit once its output has been forwarded. */
  private final class Reaper implements Runnable {
    private final int rank;
    private final Process process;
    private final Thread stdout;
    private final Thread stderr;

    Reaper(int rank, Process process, Thread stdout, Thread stderr) {
      this.rank = rank;
      this.process = process;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    @Override
    public void run() {
      try {
        int code = process.waitFor();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(OUTPUT_LINGER_MILLIS);
        stdout.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        stderr.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        out.exit(rank, code);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
