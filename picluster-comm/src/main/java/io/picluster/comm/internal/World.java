package io.picluster.comm.internal;

import io.picluster.comm.CommException;
import io.picluster.comm.PeerEndedException;
import io.picluster.comm.pmi.PmiClient;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * This process's membership of a job: joins through PMI-1 when a launcher started it (picluster's,
 * or MPICH's Hydra in either of its modes), else forms a world of one rank. Joining publishes the
 * rank's listening address in the key-value space, waits for every rank, and starts the mesh.
 * Leaving, always via a shutdown hook, closes the connections cleanly and tells PMI "finalize".
 */
public final class World {
  private static final String SECRET_KEY = "picluster-secret";
  private static final String ADDRESS_KEY = "picluster-addr-";
  private static final long DEFAULT_SPIN_MICROS = 50;
  private static final long PEER_FAILURE_GRACE_MILLIS = 3000;
  private static World instance;

  private final PmiClient pmi;
  /**
   * Slurm's slurmstepd serves PMI to this rank ({@code srun --mpi=pmi2}): it does not end the step
   * when a rank fails or exits, and it loses the code of an abort, so the rank must abort and say
   * the code itself.
   */
  private final boolean slurmStep;
  private final Engine engine;
  private final Group group;
  private final GroupIds groupIds = new GroupIds();
  private boolean finished;

  private World(PmiClient pmi, Engine engine, boolean slurmStep) {
    this.pmi = pmi;
    this.slurmStep = slurmStep;
    this.engine = engine;
    this.group = Group.world(engine);
  }

  /** The world, joined on first use. */
  public static synchronized World get() {
    if (instance == null) {
      instance = join(RankHost.environment());
      // Classes, not instance::finish and engine::close: every rank that runs as a thread has its
      // own copy of this class, and would spin each lambda again (~0.3 ms apiece at its start).
      RankHost.atExit(new Finish(instance), "picluster-finalize");
      if (RankHost.isThread()) {
        RankHost.onStop(new CloseEngine(instance.engine)); // a stopped rank's blocked calls then fail
      } else {
        abortWhenMainThrows(); // a threads-mode host reports its rank's exception itself
      }
    }
    return instance;
  }

  public Group group() {
    return group;
  }

  /** The group ids this process's communicators use. */
  public GroupIds groupIds() {
    return groupIds;
  }

  private static World join(Map<String, String> env) {
    PmiClient pmi = connect(env);
    if (pmi == null) {
      return new World(null, Engine.single(), false);
    }
    boolean slurm = isSlurmStep(env);
    if (pmi.size() == 1) {
      return new World(pmi, Engine.single(), slurm);
    }
    try {
      return new World(pmi, joinMesh(env, pmi), slurm);
    } catch (RuntimeException e) {
      abortWhenLeaving(pmi);
      throw e;
    }
  }

  /** Publishes this rank's address, waits for every rank, and connects to them all. */
  private static Engine joinMesh(Map<String, String> env, PmiClient pmi) {
    InetAddress bind = BackboneAddress.forRank(env, pmi.localAddress(), pmi.size());
    // Every rank a thread of this JVM (its PMI server has no port) on the rings: no TCP at all, so
    // no listener and no addresses to publish.
    boolean ringsOnly = pmi.serverHasNoPort() && SharedMemory.enabled(env);
    Engine engine = ringsOnly ? Engine.withoutListener(pmi.rank(), pmi.size(), spinNanos(env))
        : Engine.listen(pmi.rank(), pmi.size(), bind, spinNanos(env));
    byte[] secret = JobSecret.fromEnvironment(env);
    if (secret == null && pmi.rank() == 0) {
      // Only another launcher's KVS (Hydra's) carries it; picluster's gives it in the environment.
      pmi.put(SECRET_KEY, HexFormat.of().formatHex(JobSecret.generate()));
    }
    if (!ringsOnly) {
      pmi.put(ADDRESS_KEY + pmi.rank(), format(engine.listenAddress()));
    }
    try {
      SharedMemory.publish(pmi, env);
      pmi.barrier();
      SharedMemory.join(pmi, env, engine, env.get("PICLUSTER_SPIN_US") == null ? -1 : spinNanos(env));
    } catch (CommException e) {
      // Bad setup (a full /dev/shm, a wrong setting): one line naming the rank, and the job ends.
      System.out.flush();
      System.err.println("picluster: rank " + pmi.rank() + " on " + HostName.get() + ": " + e.getMessage());
      System.err.flush();
      pmi.abort(1);
      RankHost.halt(1);
    }
    if (ringsOnly) {
      engine.connectInJvmOnly(bind);
      return engine;
    }
    if (secret == null) {
      secret = HexFormat.of().parseHex(pmi.get(SECRET_KEY));
    }
    InetSocketAddress[] addresses = new InetSocketAddress[pmi.size()];
    for (int r = 0; r < addresses.length; r++) {
      addresses[r] = parse(pmi.get(ADDRESS_KEY + r));
    }
    engine.connect(secret, addresses);
    return engine;
  }

  /**
   * A rank that fails to join after reaching its launcher asks it to end the job, on its way out
   * (once the caller has said why): ranks on other hosts may wait in a PMI barrier for it, and
   * Hydra, with ranks on several hosts, would leave them waiting forever.
   */
  private static void abortWhenLeaving(PmiClient pmi) {
    RankHost.atExit(new AbortJob(pmi), "picluster-abort");
  }

  /**
   * The connection to the process manager that started this rank: {@code PMI_PORT} (picluster's
   * launcher, {@code mpiexec -pmi-port}; it wins if both are set, as in MPICH), else an inherited
   * {@code PMI_FD} (Hydra's default mode), else none: a world of one rank.
   */
  private static PmiClient connect(Map<String, String> env) {
    String port = env.get("PMI_PORT");
    if (port != null && RankHost.isThread()) {
      PmiClient here = PmiClient.inJvm(new HostPmi(), port, env.get("PMI_ID"), env.get("PMI_RANK"),
          env.get("PMI_SIZE"));
      if (here != null) {
        return here; // a thread of the launcher: its PMI server is in this JVM
      }
    }
    if (port != null) {
      return PmiClient.connect(port, env.get("PMI_ID"), env.get("PMI_RANK"), env.get("PMI_SIZE"),
          new LauncherLost());
    }
    String fd = env.get("PMI_FD");
    if (fd != null) {
      return PmiClient.inherit(fd, env.get("PMI_RANK"), env.get("PMI_SIZE"), new LauncherLost());
    }
    String size = env.get("PMI_SIZE");
    if (size != null && !size.trim().equals("1")) {
      throw new CommException("PMI_SIZE=" + size + " but no PMI_PORT or PMI_FD: start ranks with a "
          + "launcher (picluster exec, or mpiexec -pmi-port)");
    }
    return null;
  }

  /** Whether slurmstepd serves this rank's PMI (an inherited PMI_FD in an srun step). */
  static boolean isSlurmStep(Map<String, String> env) {
    String type = env.get("SLURM_MPI_TYPE");
    return env.get("PMI_PORT") == null && env.get("PMI_FD") != null && type != null
        && type.startsWith("pmi");
  }

  /** Leaves the job cleanly; runs once, from the shutdown hook at the latest. */
  public synchronized void finish() {
    if (finished) {
      return;
    }
    finished = true;
    String notJoined = engine.joinFailure();
    if (notJoined != null && slurmStep) {
      // Telling slurmstepd "finalize" would say this rank ended well, and the ranks waiting for it
      // would wait forever: end the step instead, saying why. (Under picluster's launcher and
      // Hydra a peer that was refused may simply have finished first, and a failing rank's exit
      // code ends the job there anyway.)
      System.out.flush();
      System.err.println("picluster: " + engine.rankName(engine.rank()) + " could not join the job ("
          + notJoined + "); ending the step (if the address is wrong, give PICLUSTER_IFACE or "
          + "PICLUSTER_NETWORK)");
      System.err.flush();
      pmi.abort(1);
      return;
    }
    CommException failure = null;
    try {
      engine.close();
    } catch (CommException e) {
      failure = e;
    }
    // Always, even when closing the connections failed: this rank's main has ended, and a launcher
    // (Hydra above all) takes a rank that exits without "finalize" for a crash and kills the job.
    if (pmi != null) {
      try {
        pmi.finalizeJob();
      } catch (CommException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      // Typically the launcher is stopping the job and its peers are already gone: say so in one
      // line, as the launcher names the rank that failed.
      System.err.println("picluster: " + engine.rankName(engine.rank()) + " could not finish cleanly: "
          + failure.getMessage());
    }
  }

  /** Ends the whole job with {@code code}: the launcher stops every rank. */
  public void abort(int code) {
    System.out.flush();
    if (slurmStep) {
      System.err.println("picluster: " + engine.rankName(engine.rank()) + " aborts the job with exit code "
          + code + " (Slurm ends the step with 137 and does not pass the code on)");
    }
    System.err.flush();
    if (pmi != null) {
      pmi.abort(code);
    }
    RankHost.halt(code);
  }

  private static void launcherLost() {
    System.err.println("picluster: this rank lost its launcher (the PMI connection closed); ending it");
    RankHost.halt(1);
  }

  /**
   * An exception escaping main would leave the JVM waiting for other threads while its peers wait
   * for it: print it and end this rank at once with exit code 1, so the launcher names this rank
   * and stops the job. If the exception only says that a peer ended, the peer is the culprit: give
   * the launcher a moment to stop the job in its name first.
   */
  private static void abortWhenMainThrows() {
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(new AbortWhenMainThrows(previous));
  }

  /** {@link #abortWhenMainThrows}'s handler; a class, as a lambda costs a rank's start its linking. */
  private static final class AbortWhenMainThrows implements Thread.UncaughtExceptionHandler {
    private final Thread.UncaughtExceptionHandler previous;

    AbortWhenMainThrows(Thread.UncaughtExceptionHandler previous) {
      this.previous = previous;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
      if (previous != null) {
        previous.uncaughtException(thread, error);
      } else {
        System.err.print("Exception in thread \"" + thread.getName() + "\" ");
        error.printStackTrace();
      }
      if (thread.getName().equals("main")) {
        if (causedByPeer(error) && instance.pmi != null) {
          sleepQuietly(PEER_FAILURE_GRACE_MILLIS);
        }
        System.out.flush();
        System.err.flush();
        if (instance.slurmStep) {
          instance.pmi.abort(1); // slurmstepd would let the other ranks wait for this one forever
        }
        Runtime.getRuntime().halt(1);
      }
    }
  }

  private static boolean causedByPeer(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof PeerEndedException) {
        return true;
      }
    }
    return false;
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long spinNanos(Map<String, String> env) {
    String micros = env.get("PICLUSTER_SPIN_US");
    try {
      return 1000L * (micros == null ? DEFAULT_SPIN_MICROS : Long.parseLong(micros.trim()));
    } catch (NumberFormatException e) {
      throw new CommException("PICLUSTER_SPIN_US must be a number of microseconds, got '" + micros + "'");
    }
  }

  private static String format(InetSocketAddress address) {
    InetAddress ip = address.getAddress();
    String host = ip instanceof Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
    return host + ":" + address.getPort();
  }

  private static InetSocketAddress parse(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
    return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
  }

  /** The rank's way out: finalize. */
  private static final class Finish implements Runnable {
    private final World world;

    Finish(World world) {
      this.world = world;
    }

    @Override
    public void run() {
      world.finish();
    }
  }

  private static final class CloseEngine implements Runnable {
    private final Engine engine;

    CloseEngine(Engine engine) {
      this.engine = engine;
    }

    @Override
    public void run() {
      engine.close();
    }
  }

  /** A rank that could not join asks its launcher to end the job (see abortWhenLeaving). */
  private static final class AbortJob implements Runnable {
    private final PmiClient pmi;

    AbortJob(PmiClient pmi) {
      this.pmi = pmi;
    }

    @Override
    public void run() {
      System.out.flush();
      System.err.flush();
      pmi.abort(1);
    }
  }

  /** Connects to the PMI server when it runs in this JVM (RankHost.pmi). */
  private static final class HostPmi implements Function<Consumer<String>, Consumer<String>> {
    @Override
    public Consumer<String> apply(Consumer<String> replies) {
      return RankHost.pmi(replies);
    }
  }

  private static final class LauncherLost implements Runnable {
    @Override
    public void run() {
      launcherLost();
    }
  }
}
