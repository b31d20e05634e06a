package io.picluster.launch.agent;

import io.picluster.comm.CommException;
import io.picluster.comm.internal.BackboneAddress;
import io.picluster.comm.internal.HostName;
import io.picluster.launch.JavaRuntime;
import io.picluster.launch.LaunchException;
import io.picluster.launch.MpichBackbone;
import io.picluster.launch.ProgramLookup;
import io.picluster.launch.Watchdog;
import io.picluster.launch.bootstrap.ForkBootstrap;
import io.picluster.launch.detect.ElfArch;
import io.picluster.launch.detect.MpiDetector;
import io.picluster.launch.detect.MpiUse;
import io.picluster.launch.detect.OpenMpiAdvice;
import io.picluster.launch.openmpi.OpenMpiBridge;
import io.picluster.launch.openmpi.NativeFile;
import io.picluster.launch.openmpi.OpenMpiLeftovers;
import io.picluster.launch.openmpi.OpenMpiRoute;
import io.picluster.launch.openmpi.PmixHelper;
import io.picluster.launch.openmpi.PmixLayout;
import io.picluster.launch.threads.JavaCommand;
import io.picluster.launch.threads.RankClassFiles;
import io.picluster.launch.threads.RankExchange;
import io.picluster.launch.threads.ThreadRank;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

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
  private final ForkBootstrap bootstrap = new ForkBootstrap();
  private final List<Process> processes = new ArrayList<>();
  private Watchdog watchdog;
  /** Starts the watchdog while the ranks are checked, for a job with rank processes here. */
  private WatchdogStart watchdogStart;
  /**
   * What this host's ranks add to their environment for the backbone (MPICH's, Open MPI's): the
   * same for every rank here, found while the ranks are checked instead of after GO.
   */
  private Map<String, String> backbone = Map.of();
  private List<RankOrder> orders = List.of();
  /** Threads mode: the java command line of each rank run as a thread of this JVM. */
  private final Map<Integer, JavaCommand> threadPrograms = new HashMap<>();
  /** The class files of this host's threads-mode ranks, read once for all of them. */
  private final RankClassFiles classFiles = new RankClassFiles();
  private final RankExchange exchange = new RankExchange();
  private final List<ThreadRank> threadRanks = new ArrayList<>();
  private Path workDir;
  /**
   * A job of Open MPI ranks: this host's copy of what they need (the PMI-1 library they load on the
   * flux route, the PMIx helper on the pmix route), else null.
   */
  private Path openMpiFile;
  private OpenMpiRoute openMpiRoute;
  /** On the pmix route: this host's PMIx server, started before the ranks. */
  private PmixHelper pmixHelper;
  /** When the launcher last sent a frame (System.nanoTime). */
  private volatile long lastHeard = System.nanoTime();
  /** Set by the launcher's first {@link AgentWire#BEAT}: from then on, its silence counts. */
  private volatile boolean launcherBeats;

  private final String cacheDir;
  /**
   * An agent connected to the launcher over TCP (srun's): the launcher's address and this host's
   * end of that connection, which is also the end of the route to the ranks' PMI server when it
   * listens at the same address (no probe needed); both null under ssh.
   */
  private final InetAddress launcher;
  private final InetAddress launcherRouteEnd;

  Agent(InputStream in, OutputStream out, String cacheDir) {
    this(in, out, cacheDir, null, null);
  }

  /** An agent connected to the launcher at LAUNCHER over TCP, from this host's LOCAL address. */
  Agent(InputStream in, OutputStream out, String cacheDir, InetAddress launcher, InetAddress local) {
    this.cacheDir = cacheDir;
    this.in = new DataInputStream(new BufferedInputStream(in));
    this.out = new AgentOutput(out);
    this.launcher = launcher;
    this.launcherRouteEnd = local;
  }

  /** Serves the launcher until its input ends; returns once every rank of this host is gone. */
  void run() throws IOException {
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
      lastHeard = System.nanoTime();
      switch (type) {
        case -1:
          return;
        case AgentWire.BEAT:
          launcherBeats = true;
          break;
        case AgentWire.RANKS:
          readRanks();
          break;
        case AgentWire.GO:
          startAll();
          daemon(new Heartbeat(), "agent-heartbeat");
          break;
        case AgentWire.TERM:
          if (watchdog != null) {
            watchdog.terminateAll();
          }
          for (ThreadRank r : threadRanks()) {
            r.stop();
          }
          break;
        case AgentWire.KILL:
          if (watchdog != null) {
            watchdog.killAll();
          }
          for (ThreadRank r : threadRanks()) {
            r.kill();
          }
          break;
        default:
          throw new IOException("corrupt agent stream: frame type " + type);
      }
    }
  }

  private void readRanks() throws IOException {
    String dir = AgentWire.readString(in);
    orders = RankOrder.readAll(in);
    // The backbone's route and interface lookup (7 to 12 ms in a fresh JVM) runs beside the checks.
    BackboneLookup lookup = null;
    Map<String, String> firstEnv = null;
    if (!orders.isEmpty()) {
      firstEnv = hostEnvironment(orders.get(0));
      lookup = new BackboneLookup(firstEnv, launcher, launcherRouteEnd);
      lookup.start("agent-backbone");
    }
    for (RankOrder o : orders) {
      if (!o.command().get(0).equals(AgentWire.THREADS) && watchdogStart == null) {
        // A process start of its own: it runs while the ranks are checked, off the path from GO
        // to the ranks' start.
        watchdogStart = new WatchdogStart();
        watchdogStart.start("agent-watchdog-start");
      }
    }
    String note = "";
    workDir = dir.isEmpty() ? null : Path.of(dir);
    if (workDir != null && !Files.isDirectory(workDir)) {
      note = "there is no folder " + dir + " here, so its ranks start in " + home();
      workDir = Path.of(home());
    }
    for (RankOrder o : orders) {
      if (o.command().get(0).equals(AgentWire.THREADS)) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(o.env());
        try {
          JavaCommand program = JavaCommand.parse(o.command().subList(1, o.command().size()),
              workDir != null ? workDir : Path.of(home()), env);
          if (threadPrograms.isEmpty()) {
            classFiles.readAhead(program.classpath(), program.mainClass()); // while the job is set up
          }
          threadPrograms.put(o.rank(), program);
        } catch (IllegalArgumentException e) {
          out.refused(e.getMessage());
          return;
        }
        continue;
      }
      String program = o.command().get(0);
      String path = o.env().containsKey("PATH") ? o.env().get("PATH") : System.getenv("PATH");
      if (ProgramLookup.find(program, path, workDir) == null) {
        out.refused(program.contains("/")
            ? "no executable file " + absolute(program) + " here; copy it there (picluster copy) or stage it with --stage"
            : "no program '" + program + "' on PATH here (" + path + "); install it or give its full path");
        return;
      }
    }
    String openMpi = openMpiProblem();
    if (openMpi != null) {
      out.refused(openMpi);
      return;
    }
    String badAddress = addressProblem();
    if (badAddress != null) {
      out.refused(badAddress);
      return;
    }
    if (lookup != null) {
      try {
        backbone = backbone(firstEnv, lookup.await());
      } catch (IOException e) {
        out.refused("cannot look up the backbone's route here: " + e.getMessage());
        return;
      }
    }
    out.ready(note);
  }

  /**
   * Why this host's copy of the program cannot run as one job of several ranks, or null: the
   * launcher checked its own copy, this one may differ, or be another file. For a job the launcher
   * marked as Open MPI, also finds this host's copy of what its ranks need.
   */
  private String openMpiProblem() {
    RankOrder first = orders.get(0);
    if (first.command().get(0).equals(AgentWire.THREADS)) {
      return null; // Java ranks as threads of this JVM: picluster's own library, never Open MPI
    }
    int size;
    try {
      size = Integer.parseInt(first.env().getOrDefault("PMI_SIZE", "1"));
    } catch (NumberFormatException e) {
      size = 1;
    }
    if (size < 2) {
      return null;
    }
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(first.env());
    boolean openMpiJob = OpenMpiBridge.requested(first.env());
    OpenMpiRoute route = openMpiJob ? OpenMpiRoute.of(first.env()) : null;
    Path program = ProgramLookup.find(first.command().get(0), env.get("PATH"), workDir);
    MpiUse use = program == null ? MpiUse.unknown("not found")
        : new MpiDetector(env, workDir).ofCommand(first.command(), program);
    String problem = OpenMpiAdvice.problemHere(first.command(), use, OpenMpiBridge.release(first.env()), size);
    if (problem != null || !openMpiJob) {
      return problem;
    }
    String arch = use.via() != null ? ElfArch.of(use.via()) : null;
    try {
      openMpiFile = NativeFile.extract(route.nativeFile(),
          arch != null ? arch : ElfArch.ofThisJvm(),
          cacheDir.isEmpty() ? NativeFile.defaultCacheDir() : Path.of(cacheDir));
      openMpiRoute = route;
      return null;
    } catch (LaunchException e) {
      return e.getMessage();
    }
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

  /** A rank's environment: this host's, less any PMI of its own, plus the rank's order. */
  private static Map<String, String> hostEnvironment(RankOrder o) {
    Map<String, String> env = new HashMap<>(System.getenv());
    // An agent started by srun under a site's MpiDefault=pmi2 got slurmstepd's PMI: its ranks
    // speak to picluster's PMI server only.
    env.keySet().removeIf(k -> k.startsWith("PMI_") || k.startsWith("PMIX_")
        || k.equals("SLURM_MPI_TYPE") || k.equals("PICLUSTER_AGENT_TOKEN"));
    env.putAll(o.env());
    return env;
  }

  /**
   * A job with an agent spans hosts: MPICH programs use this host's end of the backbone (and Open
   * MPI's its interface). The job's settings and PMI_PORT are the same for every rank here: one
   * route lookup, from the first rank's environment {@code env}, will do.
   */
  private Map<String, String> backbone(Map<String, String> env, Route route) {
    Map<String, String> add = new HashMap<>(route.mpich());
    if (openMpiFile != null) {
      add.putAll(OpenMpiBridge.additions(env, openMpiRoute == OpenMpiRoute.FLUX ? openMpiFile : null,
          MpichBackbone.backboneInterface(env, route.towardsLauncher())));
    }
    return add;
  }

  private void startAll() throws IOException {
    if (!startPmixHelper()) {
      return;
    }
    for (RankOrder o : orders) {
      Map<String, String> env = hostEnvironment(o);
      env.putAll(backbone);
      if (pmixHelper != null) {
        env.putAll(pmixHelper.additions(o.rank(), env));
      }
      JavaCommand threads = threadPrograms.get(o.rank());
      if (threads != null) {
        ThreadRank rank = new ThreadRank(o.rank(), threads, env, false, new ThreadOutput(), classFiles,
            exchange, null); // the job's PMI server is the launcher's, on another host
        synchronized (threadRanks) {
          threadRanks.add(rank);
        }
        rank.start();
        continue;
      }
      if (watchdog == null) {
        // Only rank processes need it: threads die with this JVM (a process start saved otherwise).
        try {
          watchdog = watchdogStart.await();
        } catch (IOException e) {
          out.startFailed(o.rank(), "cannot start the watchdog (/bin/sh): " + e.getMessage());
          continue;
        }
        // Only this agent removes an Open MPI job's leftovers (at its end): should it die, the
        // watchdog does (no globs for another program).
        OpenMpiLeftovers.Globs leftovers = OpenMpiLeftovers.globs(o.env().get(OpenMpiBridge.JOB), System.getenv());
        watchdog.removeIfOrphaned(leftovers.removed(), leftovers.removedIfEmpty());
      }
      Process p;
      try {
        p = bootstrap.launch("", o.command(), env, workDir, Redirect.from(new File("/dev/null")));
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

  /**
   * On the pmix route: starts this host's PMIx server, which gives each rank here its environment.
   * False if it did not start: then every rank here failed to start, saying why.
   */
  private boolean startPmixHelper() {
    if (openMpiRoute != OpenMpiRoute.PMIX) {
      return true;
    }
    Map<Integer, String> ids = new HashMap<>();
    for (RankOrder o : orders) {
      ids.put(o.rank(), o.env().get("PMI_ID"));
    }
    Map<String, String> job = orders.get(0).env();
    try {
      pmixHelper = PmixHelper.start(openMpiFile, PmixLayout.decode(job.get(PmixLayout.ENV)), ids, job.get("PMI_PORT"),
          new HelperMessages());
      return true;
    } catch (LaunchException | IllegalArgumentException e) {
      for (RankOrder o : orders) {
        out.startFailed(o.rank(), e.getMessage());
      }
      return false;
    }
  }

  /** TERM every group, KILL after the grace period, and wait (bounded) until the ranks are gone. */
  private synchronized void stopAll() {
    List<Process> all;
    synchronized (processes) {
      all = new ArrayList<>(processes);
    }
    if (watchdog != null) {
      watchdog.terminateAll();
    }
    for (ThreadRank r : threadRanks()) {
      r.stop();
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
    awaitAll(all, deadline);
    for (ThreadRank r : threadRanks()) {
      try {
        r.awaitGone(deadline);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      r.kill(); // its threads end with this JVM
    }
    if (watchdog != null) {
      watchdog.release(); // KILLs whatever is left in the groups
    } else if (watchdogStart != null) {
      watchdogStart.release(); // started for ranks that never started (no GO)
    }
    awaitAll(all, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500));
    for (Process p : all) {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
    if (pmixHelper != null) {
      pmixHelper.close();
    }
    if (openMpiFile != null) {
      // This host's ranks are gone: what Open MPI leaves when a rank did not finish goes too.
      OpenMpiLeftovers.remove(orders.get(0).env().get(OpenMpiBridge.JOB), System.getenv());
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

  private List<ThreadRank> threadRanks() {
    synchronized (threadRanks) {
      return new ArrayList<>(threadRanks);
    }
  }

  /**
   * Sends a beat every {@link AgentWire#BEAT_MILLIS} and watches the launcher's: once it has beaten
   * and then stays silent for {@link AgentWire#SILENCE_MILLIS} (its host froze, or the link to it is
   * cut, so no stream ends), this host's ranks are stopped and the agent exits.
   */
  private final class Heartbeat implements Runnable {
    @Override
    public void run() {
      try {
        for (long tick = 0; ; tick++) {
          if (tick % (AgentWire.BEAT_MILLIS / AgentWire.SILENCE_CHECK_MILLIS) == 0) {
            out.beat();
          }
          Thread.sleep(AgentWire.SILENCE_CHECK_MILLIS);
          long silent = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastHeard);
          if (launcherBeats && silent > AgentWire.SILENCE_MILLIS) {
            System.err.println("picluster agent: no word from the launcher for " + silent
                + " ms; stopping this host's ranks");
            stopAll();
            Runtime.getRuntime().halt(1);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** This host's end of the route to the launcher (null if unknown), and MPICH's variables for it. */
  private record Route(InetAddress towardsLauncher, Map<String, String> mpich) {}

  /**
   * The {@link Route} for an environment: a route lookup unless the launcher's connection tells
   * it, and an interface lookup.
   */
  private static final class BackboneLookup extends Background<Route> {
    private final Map<String, String> env;
    private final InetAddress launcher;
    private final InetAddress launcherRouteEnd;

    BackboneLookup(Map<String, String> env, InetAddress launcher, InetAddress launcherRouteEnd) {
      this.env = env;
      this.launcher = launcher;
      this.launcherRouteEnd = launcherRouteEnd;
    }

    @Override
    Route compute() {
      InetAddress towards = MpichBackbone.towardsLauncher(env.get("PMI_PORT"), launcher, launcherRouteEnd);
      return new Route(towards, MpichBackbone.additions(env, towards));
    }
  }

  /**
   * Starts the watchdog on a thread of its own (a process start: mostly the kernel's work, on
   * another CPU while this one checks the ranks); {@link #await} hands it over.
   */
  private static final class WatchdogStart extends Background<Watchdog> {
    @Override
    Watchdog compute() throws IOException {
      return Watchdog.start();
    }

    /** Ends the watchdog if it started. */
    void release() {
      try {
        await().release();
      } catch (IOException notStarted) {
        // nothing to end
      }
    }
  }

  /** The PMIx helper's lines, as the launcher's messages from this host. */
  private static final class HelperMessages implements Consumer<String> {
    @Override
    public void accept(String line) {
      System.err.println(line);
    }
  }

  /** A thread rank's lines and end, as output and exit frames like a process's. */
  private final class ThreadOutput implements ThreadRank.Listener {
    @Override
    public void line(int rank, int stream, byte[] b, int off, int len, boolean newline) {
      byte[] line = new byte[len + (newline ? 1 : 0)];
      System.arraycopy(b, off, line, 0, len);
      if (newline) {
        line[len] = '\n';
      }
      out.output(rank, stream, line, line.length);
    }

    @Override
    public void exited(int rank, int code) {
      out.exit(rank, code);
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
