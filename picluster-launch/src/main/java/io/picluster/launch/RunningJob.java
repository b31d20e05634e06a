package io.picluster.launch;

import io.picluster.comm.internal.HostName;
import io.picluster.comm.internal.JobSecret;
import io.picluster.launch.bootstrap.Bootstrap;
import io.picluster.launch.bootstrap.ForkBootstrap;
import io.picluster.launch.detect.ElfArch;
import io.picluster.launch.detect.MpiUse;
import io.picluster.launch.hosts.Host;
import io.picluster.launch.hosts.LocalHostCheck;
import io.picluster.launch.hosts.MappingVector;
import io.picluster.launch.hosts.Placement;
import io.picluster.launch.openmpi.NativeFile;
import io.picluster.launch.openmpi.OpenMpiBridge;
import io.picluster.launch.openmpi.OpenMpiLeftovers;
import io.picluster.launch.openmpi.OpenMpiRoute;
import io.picluster.launch.openmpi.PmixHelper;
import io.picluster.launch.openmpi.PmixLayout;
import io.picluster.launch.pmi.PmiIds;
import io.picluster.launch.pmi.PmiListener;
import io.picluster.launch.pmi.PmiServer;
import io.picluster.launch.remote.RemoteHost;
import io.picluster.launch.remote.StagedFile;
import io.picluster.launch.threads.JavaCommand;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/** One launch of a {@link JobSpec}, from binding the PMI port to the last forwarded line. */
final class RunningJob implements PmiListener {
  /** Between SIGTERM and SIGKILL when stopping the ranks. */
  static final Duration GRACE = Duration.ofSeconds(1);
  /** How long a dead rank's PMI connection may take to deliver its last request. */
  private static final Duration DRAIN = Duration.ofMillis(300);
  /** How long to wait for the last output after the ranks are gone. */
  private static final Duration OUTPUT_LINGER = Duration.ofMillis(500);

  private final JobSpec spec;
  /** What the launcher found about the program's MPI, or null. */
  private final MpiUse use;
  private final LineSink out;
  private final LineSink err;
  private final BlockingQueue<JobEvent> events = new LinkedBlockingQueue<>();
  private final List<HostRanks> hosts = new ArrayList<>();
  private final HostRanks[] hostOfRank;
  private PmiServer pmi;
  /** Where the PMI server listens: loopback, or this host's end of the backbone. */
  private InetAddress pmiAddress;
  /** Kills local rank processes if this JVM dies; none when the local ranks are threads. */
  private Watchdog watchdog;
  /** The secret that guards the ranks' own ports (hex): reaches them in their environment only. */
  private final String jobSecret = JobSecret.generateHex();
  /** How each host's ranks are started: fork, ssh, or the allocation's srun step. */
  private HostBootstraps bootstraps;
  /** Some ranks run on other hosts: MPICH programs get the backbone, see {@link MpichBackbone}. */
  private boolean spansHosts;
  /** What MPICH programs here add to their environment: the same for every local rank. */
  private Map<String, String> mpichBackbone;
  /**
   * An Open MPI job with ranks here: this host's copy of what they need for the ranks'
   * architecture (libpicluster-pmi.so on the flux route, picluster-pmix on the pmix route), else null.
   */
  private Path openMpiFile;
  /** How an Open MPI job's ranks join the job; null for other jobs. */
  private OpenMpiRoute openMpiRoute;
  /** On the pmix route: where the ranks run, as every node's PMIx server must know it. */
  private PmixLayout pmixLayout;
  /** {@link #pmixLayout} as the agents get it in every rank's environment, encoded once. */
  private String pmixLayoutText;
  /** On the pmix route: the PMIx server of each local rank's node, started before its ranks. */
  private final Map<Integer, PmixHelper> pmixHelperOfRank = new HashMap<>();
  /** What Open MPI ranks here add to their environment: the same for every local rank. */
  private Map<String, String> openMpiAdditions;
  private volatile boolean over;
  /** Set by the shutdown hook: the ranks die because we kill them, not because they failed. */
  private volatile boolean shuttingDown;

  RunningJob(JobSpec spec, MpiUse use, LineSink out, LineSink err) {
    this.spec = spec;
    this.use = use;
    this.out = out;
    this.err = err;
    this.hostOfRank = new HostRanks[spec.ranks()];
  }

  int run() {
    Thread hook = new Thread(new Runnable() { // no lambda on the launch path: LaunchPathTest
      @Override
      public void run() {
        stopOnShutdown();
      }
    }, "picluster-launcher-shutdown");
    try {
      // Before anything starts: a launcher stopped (SIGINT, SIGTERM) while it sets the job up
      // would otherwise start the agents' srun step, or ranks, that no hook ends.
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      return 130;
    }
    try {
      Map<Host, Boolean> local = whichHostsAreLocal();
      if (spec.slurmAgents()) {
        // The agents' srun step connects back to it. Over ssh it is found after the sessions have
        // started (a route lookup, 5 to 14 ms before the first ssh), while the hosts log in.
        pmiAddress = pmiAddress(local);
      }
      bootstraps = new HostBootstraps(spec, local, pmiAddress, err);
      if (spec.slurmAgents()) {
        // The agents' step first: their boot is the longest part of a launch in an allocation.
        bootstraps.startSrunStepEarly(JavaRuntime.executable(), JavaRuntime.piclusterJar().toString());
      }
      // The hosts first: makeHosts starts the other hosts' ssh sessions (see there).
      makeHosts(local);
      if (pmiAddress == null) {
        pmiAddress = pmiAddress(local);
      }
      pmi = onlyThreadsOfThisJvm()
          ? PmiServer.inJvmOnly(pmiAddress, processMapping(), this, PmiServer.DEFAULT_HANDSHAKE_TIMEOUT,
              PmiIds.random(spec.ranks()))
          : new PmiServer(pmiAddress, processMapping(), this, PmiServer.DEFAULT_HANDSHAKE_TIMEOUT,
              PmiIds.random(spec.ranks()), JobHostAddresses.allowed(otherHosts(local)));
      openMpiFile = openMpiFile(local);
    } catch (IOException e) {
      err.message("picluster: cannot set up the job: " + e.getMessage());
      over = true; // finish() ends what was set up; the hook need not
      finish();
      return 1;
    } catch (LaunchException e) {
      err.message("picluster: " + e.getMessage());
      over = true;
      finish();
      return 1;
    }
    try {
      if (!prepareAll()) {
        return 1;
      }
      if (!startPmixHelpers()) {
        return 1;
      }
      if (!startAll()) {
        stopRanks();
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

  /**
   * For a job the launcher marked as Open MPI with ranks on this host: the file they need, for the
   * architecture of the program's own file (else this JVM's). Also settles the route and, on the
   * pmix route, the layout every node's PMIx server gets.
   */
  private Path openMpiFile(Map<Host, Boolean> local) throws LaunchException {
    if (!OpenMpiBridge.requested(spec.env()) || spec.threads() != null) {
      return null;
    }
    openMpiRoute = OpenMpiRoute.of(spec.env());
    if (openMpiRoute == OpenMpiRoute.PMIX) {
      pmixLayout = spec.placement() == null
          ? PmixLayout.of(spec.env().get(OpenMpiBridge.JOB), List.of(HostName.get()), new int[spec.ranks()])
          : PmixLayout.of(spec.env().get(OpenMpiBridge.JOB),
              spec.placement().hosts().stream().map(Host::name).toList(), nodeOfRank(spec.placement()));
      pmixLayoutText = pmixLayout.encode();
    }
    if ((spec.placement() != null && !local.containsValue(true)) || spec.slurmAgents()) {
      return null;
    }
    String arch = use != null && use.via() != null ? ElfArch.of(use.via()) : null;
    return NativeFile.extract(openMpiRoute.nativeFile(), arch != null ? arch : ElfArch.ofThisJvm(), NativeFile.defaultCacheDir());
  }

  private static int[] nodeOfRank(Placement placement) {
    int[] nodes = new int[placement.size()];
    for (int r = 0; r < nodes.length; r++) {
      nodes[r] = placement.nodeOf(r);
    }
    return nodes;
  }

  /**
   * On the pmix route with ranks here: starts a PMIx server for each node run by this host (one,
   * unless the placement names this machine twice), which hands each local rank its environment.
   * False if one did not start (already said why).
   */
  private synchronized boolean startPmixHelpers() {
    if (openMpiRoute != OpenMpiRoute.PMIX || openMpiFile == null) {
      return true;
    }
    for (HostRanks h : hosts) {
      if (!(h instanceof LocalRanks) || h.ranks().isEmpty()) {
        continue;
      }
      Map<Integer, String> ids = new HashMap<>();
      for (int r : h.ranks()) {
        ids.put(r, Integer.toString(pmi.pmiId(r)));
      }
      try {
        PmixHelper helper = PmixHelper.start(openMpiFile, pmixLayout, ids, pmi.portValue(), err);
        for (int r : h.ranks()) {
          pmixHelperOfRank.put(r, helper);
        }
      } catch (LaunchException e) {
        err.message("picluster: " + e.getMessage());
        err.message("picluster: no rank was started");
        return false;
      }
    }
    return true;
  }

  /** The placement's hosts in order, each marked local (no SSH) or not. */
  private Map<Host, Boolean> whichHostsAreLocal() {
    Map<Host, Boolean> local = new LinkedHashMap<>();
    if (spec.placement() != null) {
      LocalHostCheck check = LocalHostCheck.forThisMachine();
      for (Host h : spec.placement().hosts()) {
        local.put(h, check.isLocal(h));
      }
    }
    return local;
  }

  private static List<String> otherHosts(Map<Host, Boolean> local) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<Host, Boolean> e : local.entrySet()) {
      if (!e.getValue()) {
        names.add(e.getKey().name());
      }
    }
    return names;
  }

  /** Whether every rank of the job runs as a thread of this JVM: then no PMI port is needed. */
  private boolean onlyThreadsOfThisJvm() {
    for (HostRanks h : hosts) {
      if (!(h instanceof ThreadRanks)) {
        return false;
      }
    }
    return !hosts.isEmpty();
  }

  /** Loopback for a job on this machine; the backbone address when other hosts take part. */
  private InetAddress pmiAddress(Map<Host, Boolean> local) throws LaunchException {
    if (spec.pmiBindAddress() != null) {
      return spec.pmiBindAddress();
    }
    for (Map.Entry<Host, Boolean> h : local.entrySet()) {
      if (!h.getValue()) {
        return Backbone.launcherAddress(spec.env(), h.getKey().name());
      }
    }
    return InetAddress.getLoopbackAddress();
  }

  private String processMapping() {
    return spec.placement() == null
        ? MappingVector.encode(new int[spec.ranks()])
        : spec.placement().processMapping();
  }

  private void makeHosts(Map<Host, Boolean> local) throws IOException, LaunchException {
    LocalRanks.Output output = new LocalRanks.Output(out, err, spec.tagOutput());
    if (spec.placement() == null) {
      List<Integer> all = new ArrayList<>();
      for (int r = 0; r < spec.ranks(); r++) {
        all.add(r);
      }
      add(local(bootstraps.forHost(null), all, output));
      return;
    }
    StagedFile picluster = null;
    Map<String, StagedFile> staged = Map.of();
    // The other hosts first, so that their sessions start before this machine's ranks are made
    // (their Watchdog is a process start of its own); added in the placement's order.
    Map<Host, HostRanks> made = new HashMap<>();
    try {
      for (Map.Entry<Host, Boolean> h : local.entrySet()) {
        List<Integer> ranks = spec.placement().ranksOn(h.getKey());
        Bootstrap bootstrap = bootstraps.forHost(h.getKey());
        if (bootstrap instanceof ForkBootstrap) {
          continue;
        }
        spansHosts = true;
        if (picluster == null && bootstrap.sharesFiles()) {
          // Hosts that share our files run the jar and the user's files where they are: no
          // checksums, nothing staged.
          picluster = new StagedFile(JavaRuntime.piclusterJar(), "", false);
        } else if (picluster == null) {
          picluster = StagedFile.of(JavaRuntime.piclusterJar());
          staged = stage(picluster);
        }
        String login = spec.logins().get(h.getKey().name());
        String name = h.getKey().name();
        String target = login == null || spec.slurmAgents() ? name : login + "@" + name;
        RemoteHost host = new RemoteHost(target, bootstrap, err::message);
        // In threads mode (run's built-in jobs) the agent runs its host's ranks as threads of its
        // JVM, under ssh and inside a Slurm allocation alike: no JVM start per rank.
        boolean threads = spec.threads() != null;
        RemoteRanks remote = new RemoteRanks(host, picluster, staged, spec.staging().jvmProgram(),
            ranks, threads ? spec.threads() : spec.command(), r -> rankEnvironment(r, ranks),
            workDirForOthers(), output, events);
        made.put(h.getKey(), threads ? remote.asThreads() : remote);
        if (bootstrap.startsSessionsEarly()) {
          // Logging in takes longest (a few hundred ms per host, ssh's key exchange and then the
          // agent's JVM): it starts now, each host's on a thread of its own, while this JVM sets
          // up the PMI server and the rest.
          remote.openEarly();
        }
      }
      for (Host h : local.keySet()) {
        Bootstrap bootstrap = bootstraps.forHost(h);
        if (bootstrap instanceof ForkBootstrap) {
          made.put(h, local(bootstrap, spec.placement().ranksOn(h), output));
        }
      }
    } finally {
      // Even on a failure: finish() closes every host made, and with it any session started.
      for (Host h : local.keySet()) {
        HostRanks ranks = made.get(h);
        if (ranks != null) {
          add(ranks);
        }
      }
    }
  }

  /** This host's ranks: processes, or threads of this JVM in threads mode. */
  private HostRanks local(Bootstrap fork, List<Integer> ranks, LocalRanks.Output output)
      throws IOException, LaunchException {
    if (spec.threads() == null) {
      // Only rank processes need it: threads die with this JVM (a process start saved otherwise).
      if (watchdog == null) {
        watchdog = Watchdog.start();
        // Only this JVM removes an Open MPI job's leftovers (endOpenMpi): should it die, the
        // watchdog does (no globs for another program).
        OpenMpiLeftovers.Globs leftovers = OpenMpiLeftovers.globs(spec.env().get(OpenMpiBridge.JOB), System.getenv());
        watchdog.removeIfOrphaned(leftovers.removed(), leftovers.removedIfEmpty());
      }
      return new LocalRanks(fork, HostName.get(), watchdog, ranks, spec.command(),
          new LocalEnvironment(ranks), spec.workDir(), spec.stdin(), output, events);
    }
    JavaCommand program;
    try {
      Path dir = spec.workDir() != null ? spec.workDir() : Path.of("").toAbsolutePath();
      program = JavaCommand.parse(spec.threads(), dir, System.getenv());
    } catch (IllegalArgumentException e) {
      throw new LaunchException(e.getMessage());
    }
    return new ThreadRanks(HostName.get(), ranks, program, new LocalEnvironment(ranks),
        spec.stdin() == java.lang.ProcessBuilder.Redirect.INHERIT, output, events,
        new Function<Consumer<String>, Consumer<String>>() { // no lambda on the launch path: LaunchPathTest
          @Override
          public Consumer<String> apply(Consumer<String> replies) {
            return pmi.connectInJvm(replies); // the server exists by the time a rank starts
          }
        });
  }

  /** The environment of each of RANKS on this machine ({@link #localEnvironment}); not a lambda. */
  private final class LocalEnvironment implements IntFunction<Map<String, String>> {
    private final List<Integer> ranks;

    LocalEnvironment(List<Integer> ranks) {
      this.ranks = ranks;
    }

    @Override
    public Map<String, String> apply(int rank) {
      return localEnvironment(rank, ranks);
    }
  }

  private void add(HostRanks h) {
    hosts.add(h);
    for (int r : h.ranks()) {
      hostOfRank[r] = h;
    }
  }

  /** Every file to stage, hashed once; the picluster jar is the same file wherever it is named. */
  private Map<String, StagedFile> stage(StagedFile picluster) throws LaunchException {
    Map<String, StagedFile> staged = new HashMap<>();
    for (Map.Entry<String, Path> f : spec.staging().files().entrySet()) {
      try {
        Path file = f.getValue().toAbsolutePath().normalize();
        staged.put(f.getKey(), file.equals(picluster.local()) ? picluster : StagedFile.of(file));
      } catch (IOException e) {
        throw new LaunchException("cannot stage " + f.getValue() + ": " + e.getMessage());
      }
    }
    return staged;
  }

  /** The folder remote ranks start in: the same path as here, if the host has it. */
  private String workDirForOthers() {
    Path dir = spec.workDir() != null ? spec.workDir() : Path.of("").toAbsolutePath();
    return dir.toAbsolutePath().toString();
  }

  /** Checks every host at once; on any failure says why for each and starts nothing. */
  private boolean prepareAll() throws InterruptedException {
    List<String> failures = new ArrayList<>();
    onEveryHostAtOnce("prepare-", new Consumer<HostRanks>() { // no lambda on the launch path: LaunchPathTest
      @Override
      public void accept(HostRanks h) {
        prepare(h, failures);
      }
    });
    for (String f : failures) {
      err.message("picluster: " + f);
    }
    if (!failures.isEmpty() && !shuttingDown) {
      err.message("picluster: no rank was started");
    }
    return failures.isEmpty() && !shuttingDown;
  }

  private static void prepare(HostRanks h, List<String> failures) {
    try {
      h.prepare();
    } catch (LaunchException e) {
      synchronized (failures) {
        failures.add(e.getMessage());
      }
    }
  }

  /** Other hosts first: their start takes a network round trip, ours only a fork. */
  private boolean startAll() {
    List<HostRanks> order = new ArrayList<>();
    for (HostRanks h : hosts) {
      if (h instanceof RemoteRanks) {
        order.add(h);
      }
    }
    for (HostRanks h : hosts) {
      if (!(h instanceof RemoteRanks)) {
        order.add(h);
      }
    }
    for (HostRanks h : order) {
      if (shuttingDown || !h.start()) {
        return false;
      }
    }
    return true;
  }

  /** The environment of a rank on this machine: ours, less any PMI of our own, plus the job's. */
  private Map<String, String> localEnvironment(int rank, List<Integer> ranksHere) {
    Map<String, String> env = new HashMap<>(System.getenv());
    // A launcher itself started by Hydra must not hand its own PMI connection to the ranks.
    // A loop: no lambda on the launch path (LaunchPathTest).
    for (java.util.Iterator<String> names = env.keySet().iterator(); names.hasNext(); ) {
      String k = names.next();
      if (k.startsWith("PMI_") || k.startsWith("MPI_LOCAL")) {
        names.remove();
      }
    }
    env.putAll(rankEnvironment(rank, ranksHere));
    // The other hosts' agents do the same for their ranks (Agent#startAll).
    boolean backbone = spansHosts || spec.env().containsKey("PICLUSTER_IFACE")
        || spec.env().containsKey("PICLUSTER_NETWORK");
    if (backbone) {
      if (mpichBackbone == null) {
        mpichBackbone = MpichBackbone.additions(env, pmiAddress); // a route and interface lookup
      }
      env.putAll(mpichBackbone);
    }
    if (openMpiFile != null) {
      if (openMpiAdditions == null) {
        // A job on this host alone needs loopback only: Open MPI 5's TCP, given every interface,
        // warns that it cannot pair some (bridges, links that are down) and, between two nodes the
        // placement puts on this one machine, hung in MPI_Init (measured in a Debian 13 root).
        String tcp = backbone ? MpichBackbone.backboneInterface(env, pmiAddress)
            : openMpiRoute == OpenMpiRoute.PMIX ? "lo" : null;
        openMpiAdditions = OpenMpiBridge.additions(env, openMpiRoute == OpenMpiRoute.FLUX ? openMpiFile : null, tcp);
      }
      env.putAll(openMpiAdditions);
      PmixHelper helper = pmixHelperOfRank.get(rank);
      if (helper != null) {
        env.putAll(helper.additions(rank, env));
      }
    }
    return env;
  }

  /**
   * What every rank gets on top of its host's environment: the job's variables and PMI's. Ranks on
   * other hosts keep their login environment (their own HOME and PATH), as with Open MPI.
   */
  private Map<String, String> rankEnvironment(int rank, List<Integer> ranksHere) {
    Map<String, String> env = new HashMap<>(spec.env());
    env.put("PMI_PORT", pmi.portValue());
    env.put("PMI_ID", Integer.toString(pmi.pmiId(rank)));
    // Ranks on other hosts get it over their agent's ssh session, never on a command line.
    env.put(JobSecret.ENVIRONMENT, jobSecret);
    env.put("PMI_RANK", Integer.toString(rank));
    env.put("PMI_SIZE", Integer.toString(spec.ranks()));
    env.put("MPI_LOCALNRANKS", Integer.toString(ranksHere.size()));
    env.put("MPI_LOCALRANKID", Integer.toString(ranksHere.indexOf(rank)));
    if (pmixLayoutText != null) {
      env.put(PmixLayout.ENV, pmixLayoutText); // for the other hosts' PMIx servers
    }
    return env;
  }

  private int superviseUntilAllExited() throws InterruptedException {
    RankFailure failure = null;
    int live = spec.ranks();
    while (live > 0) {
      JobEvent event = events.take();
      RankFailure now = null;
      if (event instanceof JobEvent.Aborted a) {
        now = RankFailure.aborted(a.rank(), host(a.rank()), a.exitCode());
      } else if (event instanceof JobEvent.Exited x) {
        live--;
        now = failure == null && !shuttingDown ? judge(x) : null;
      } else if (event instanceof JobEvent.StartFailed s) {
        live--;
        now = RankFailure.startFailed(s.rank(), host(s.rank()), s.reason());
      } else if (event instanceof JobEvent.Lost l) {
        live--;
        now = RankFailure.lost(l.rank(), host(l.rank()), l.reason());
      }
      if (now != null && failure == null && !shuttingDown) {
        failure = now;
        fail(failure);
      }
    }
    return failure == null ? 0 : failure.exitCode();
  }

  /** True if some rank ever identified itself to the PMI server (MPI_Init, a picluster job). */
  boolean anyRankConnected() {
    for (int r = 0; pmi != null && r < spec.ranks(); r++) {
      if (pmi.connected(r)) {
        return true;
      }
    }
    return false;
  }

  private String host(int rank) {
    return hostOfRank[rank].label();
  }

  /** How a rank's exit counts: null if it is fine. */
  private RankFailure judge(JobEvent.Exited x) throws InterruptedException {
    int r = x.rank();
    pmi.awaitDrained(r, DRAIN);
    JobEvent.Aborted abort = pendingAbort(r);
    if (abort != null) {
      return RankFailure.aborted(r, host(r), abort.exitCode());
    }
    if (x.exitValue() != 0) {
      return RankFailure.exited(r, host(r), x.exitValue());
    }
    if (pmi.connected(r) && !pmi.finalized(r)) {
      return RankFailure.notFinalized(r, host(r));
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
    try {
      long deadline = System.nanoTime() + GRACE.toNanos();
      for (HostRanks h : hosts) {
        h.terminate();
      }
      for (HostRanks h : hosts) {
        h.awaitGone(deadline);
      }
      for (HostRanks h : hosts) {
        h.kill();
      }
      long last = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
      for (HostRanks h : hosts) {
        h.awaitGone(last);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Shutdown hook: the launcher is being stopped (SIGINT, SIGTERM); take every rank with it. */
  private void stopOnShutdown() {
    if (!over) {
      shuttingDown = true;
      stopRanks();
      closeAll();
      endOpenMpi();
      // The JVM halts when the hooks end, maybe before the main thread's finish() gets this far:
      // the srun step and the ssh sockets' folder end here too.
      if (bootstraps != null) {
        bootstraps.close();
      }
    }
  }

  /** Closes every host at once: each remote close waits for its agent to finish. */
  private void closeAll() {
    // Every agent's input ends first, from this thread: the agents and their sessions then end
    // together while the threads that wait for them start (each took up to 8 ms under load).
    for (HostRanks h : hosts) {
      h.endInput();
    }
    try {
      onEveryHostAtOnce("close-", new Consumer<HostRanks>() { // no lambda on the launch path: LaunchPathTest
        @Override
        public void accept(HostRanks h) {
          h.close();
        }
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs ACTION for every host at once and waits for all: the first host in this thread, each
   * other in a thread of its own (named PREFIX and the host). A job on this machine alone starts no
   * thread; starting one at a job's end waited for a CPU for milliseconds on a busy machine.
   */
  private void onEveryHostAtOnce(String prefix, Consumer<HostRanks> action) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (HostRanks h : hosts.subList(Math.min(1, hosts.size()), hosts.size())) {
      Thread t = new Thread(new Runnable() { // no lambda on the launch path: LaunchPathTest
        @Override
        public void run() {
          action.accept(h);
        }
      }, prefix + h.label());
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    if (!hosts.isEmpty()) {
      action.accept(hosts.get(0));
    }
    for (Thread t : threads) {
      t.join();
    }
  }

  private void finish() {
    if (watchdog != null) {
      watchdog.release();
    }
    long deadline = System.nanoTime() + OUTPUT_LINGER.toNanos();
    for (HostRanks h : hosts) {
      if (h instanceof LocalRanks l) {
        try {
          l.awaitOutput(deadline);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    closeAll();
    endOpenMpi();
    if (bootstraps != null) {
      bootstraps.close();
    }
    if (pmi != null) {
      pmi.close();
    }
  }

  /** This host's ranks are gone: its PMIx server ends, and what Open MPI left when a rank did not finish goes. */
  private synchronized void endOpenMpi() {
    for (PmixHelper helper : new HashSet<>(pmixHelperOfRank.values())) {
      helper.close(); // one per node here, shared by its ranks
    }
    pmixHelperOfRank.clear();
    if (openMpiFile != null) {
      OpenMpiLeftovers.remove(spec.env().get(OpenMpiBridge.JOB), System.getenv());
    }
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
