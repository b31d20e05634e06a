package io.picluster.launch.threads;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One rank run as threads of this JVM: its {@code main} on a thread of its own, in a thread group
 * of its own, with classes from a {@link RankLoader} of its own. It behaves as its process would:
 * {@code System.exit(n)} runs its exit actions (picluster-comm's "finalize") and ends it with n; an
 * exception escaping {@code main} is printed and ends it with 1; when {@code main} returns it ends
 * with 0 once its non-daemon threads have ended. Its output comes out as whole lines, and its end
 * is reported exactly once.
 */
public final class ThreadRank {
  /** After an exception that only says a peer ended: give the launcher time to name the peer. */
  private static final long PEER_FAILURE_GRACE_MILLIS = 3000;
  /** A "line" longer than this (binary output) is passed on in pieces, as in process mode. */
  private static final int MAX_PENDING = 1 << 20;
  private static final int SIGTERM_EXIT = 128 + 15;
  private static final int SIGKILL_EXIT = 128 + 9;

  /** Where the rank's lines and its end go. */
  public interface Listener {
    /** {@code len} bytes of one line (without its newline) of stream 1 (stdout) or 2 (stderr). */
    void line(int rank, int stream, byte[] b, int off, int len, boolean newline);

    /** The rank has ended with {@code code}; called once, after its last line. */
    void exited(int rank, int code);
  }

  private final int rank;
  private final JavaCommand program;
  private final Map<String, String> environment;
  private final boolean stdin;
  private final Listener listener;
  private final RankClassFiles classFiles;
  private final RankExchange exchange;
  private final Function<Consumer<String>, Consumer<String>> pmiInJvm;
  private final List<Runnable> exitActions = new ArrayList<>();
  private final List<Runnable> stopActions = new ArrayList<>();
  private final Map<Thread, Pending[]> pending = new ConcurrentHashMap<>();
  private final AtomicBoolean ending = new AtomicBoolean();
  private final CountDownLatch gone = new CountDownLatch(1);
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private volatile boolean silent;
  private ThreadGroup group;

  /**
   * @param stdin whether this rank reads the launcher's standard input (rank 0, as a rule)
   * @param classFiles shared by the job's ranks in this JVM: each class file is read and rewritten
   *     once for all of them
   * @param exchange shared by the job's ranks in this JVM: where they leave objects for one another
   * @param pmiInJvm connects the rank to the job's PMI server when that runs in this JVM (the
   *     launcher's): given the rank's reply sink, returns its request sink; null elsewhere (an agent)
   */
  public ThreadRank(int rank, JavaCommand program, Map<String, String> environment, boolean stdin,
      Listener listener, RankClassFiles classFiles, RankExchange exchange,
      Function<Consumer<String>, Consumer<String>> pmiInJvm) {
    this.classFiles = classFiles;
    this.exchange = exchange;
    this.pmiInJvm = pmiInJvm;
    this.rank = rank;
    this.program = program;
    this.environment = Map.copyOf(environment);
    this.stdin = stdin;
    this.listener = listener;
  }

  public int rank() {
    return rank;
  }

  /** Starts the rank's main thread. */
  public void start() {
    RankOutput.install();
    for (Map.Entry<String, String> p : program.systemProperties().entrySet()) {
      System.setProperty(p.getKey(), p.getValue()); // JVM-wide: the same for every rank of the job
    }
    RankLoader loader = new RankLoader(program.classpath().toArray(new URL[0]), this, classFiles);
    loader.setDefaultAssertionStatus(program.assertions());
    group = new RankGroup("rank-" + rank);
    Thread main = new Thread(group, new Runnable() { // no lambda on the launch path: LaunchPathTest
      @Override
      public void run() {
        runMain();
      }
    }, "main");
    main.setDaemon(false);
    main.setContextClassLoader(loader);
    main.start();
  }

  /** The job is stopping: cut the rank's connections and interrupt its threads (SIGTERM's part). */
  public void stop() {
    stopRequested.countDown();
    List<Runnable> actions;
    synchronized (stopActions) {
      actions = new ArrayList<>(stopActions);
    }
    if (!actions.isEmpty()) {
      Thread t = new Thread(new Runnable() { // no lambda on the launch path: LaunchPathTest
        @Override
        public void run() {
          runAllQuietly(actions);
        }
      }, "stop-rank-" + rank);
      t.setDaemon(true);
      t.start();
    }
    interruptOthers();
  }

  /** SIGKILL's part: a rank that has not ended counts as killed; its threads are left to die. */
  public void kill() {
    if (ending.compareAndSet(false, true)) {
      report(SIGKILL_EXIT);
    }
  }

  /** True when the rank has ended by {@code deadlineNanos} (System.nanoTime). */
  public boolean awaitGone(long deadlineNanos) throws InterruptedException {
    return gone.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  Map<String, String> environment() {
    return environment;
  }

  RankExchange exchange() {
    return exchange;
  }

  /** The rank's request sink to the job's PMI server in this JVM, or null when it is elsewhere. */
  Consumer<String> connectPmi(Consumer<String> replies) {
    return pmiInJvm == null ? null : pmiInJvm.apply(replies);
  }

  boolean readsStdin() {
    return stdin;
  }

  void atExit(Runnable action) {
    synchronized (exitActions) {
      exitActions.add(action);
    }
  }

  void onStop(Runnable action) {
    synchronized (stopActions) {
      stopActions.add(action);
    }
  }

  /** {@code System.exit(code)} from one of the rank's threads. */
  void exit(int code) {
    end(code, true);
    throw new RankExit(code);
  }

  /** {@code Runtime.halt(code)}, or picluster-comm's abort: no exit actions. */
  void halt(int code) {
    end(code, false);
    throw new RankExit(code);
  }

  private void runMain() {
    RankOutput.enter(this);
    int code;
    try {
      Class<?> main = Class.forName(program.mainClass(), false, Thread.currentThread().getContextClassLoader());
      Method m = main.getMethod("main", String[].class);
      if (!Modifier.isStatic(m.getModifiers())) {
        throw new NoSuchMethodException("main is not static");
      }
      m.setAccessible(true);
      m.invoke(null, (Object) program.args().toArray(new String[0]));
      awaitNonDaemonThreads();
      code = stopRequested.getCount() == 0 ? SIGTERM_EXIT : 0;
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      System.err.println("Error: Could not find or load main class " + program.mainClass());
      System.err.println("Caused by: " + e);
      code = 1;
    } catch (NoSuchMethodException e) {
      System.err.println("Error: Main method not found in class " + program.mainClass()
          + ", please define the main method as:\n   public static void main(String[] args)");
      code = 1;
    } catch (InvocationTargetException e) {
      code = uncaught(e.getCause());
    } catch (Throwable e) {
      code = uncaught(e);
    }
    end(code, true);
  }

  /** As the JVM does with an exception escaping main: print it; exit code 1. */
  private int uncaught(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RankExit exit) {
        return exit.code;
      }
    }
    if (stopRequested.getCount() == 0) {
      return SIGTERM_EXIT; // the job is being stopped: this is the consequence, not a cause
    }
    System.err.print("Exception in thread \"main\" ");
    error.printStackTrace();
    if (causedByPeer(error)) {
      try {
        stopRequested.await(PEER_FAILURE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return 1;
  }

  private static boolean causedByPeer(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t.getClass().getName().equals("io.picluster.comm.PeerEndedException")) {
        return true;
      }
    }
    return false;
  }

  /** Waits, as the JVM does before exiting, for the non-daemon threads the rank started. */
  private void awaitNonDaemonThreads() throws InterruptedException {
    while (true) {
      Thread[] threads = new Thread[group.activeCount() + 8];
      int n = group.enumerate(threads, true);
      Thread waitFor = null;
      for (int i = 0; i < n; i++) {
        if (threads[i] != Thread.currentThread() && !threads[i].isDaemon() && threads[i].isAlive()) {
          waitFor = threads[i];
          break;
        }
      }
      if (waitFor == null) {
        return;
      }
      waitFor.join();
    }
  }

  /** Ends the rank once: exit actions (if asked), its last partial lines, the report. */
  private void end(int code, boolean runExitActions) {
    if (!ending.compareAndSet(false, true)) {
      return;
    }
    // A rank the job is stopping skips them, as its peers and the launcher are going away.
    if (runExitActions && stopRequested.getCount() != 0) {
      List<Runnable> actions;
      synchronized (exitActions) {
        actions = new ArrayList<>(exitActions);
      }
      runAllQuietly(actions);
    }
    for (Map.Entry<Thread, Pending[]> e : pending.entrySet()) {
      for (Pending p : e.getValue()) {
        if (p != null) {
          p.flush(true);
        }
      }
    }
    report(stopRequested.getCount() == 0 && code == 0 ? SIGTERM_EXIT : code);
    interruptOthers();
  }

  private void report(int code) {
    silent = true;
    listener.exited(rank, code);
    gone.countDown();
  }

  private void interruptOthers() {
    ThreadGroup g = group;
    if (g == null) {
      return;
    }
    Thread[] threads = new Thread[g.activeCount() + 8];
    int n = g.enumerate(threads, true);
    for (int i = 0; i < n; i++) {
      if (threads[i] != Thread.currentThread()) {
        threads[i].interrupt();
      }
    }
  }

  /** Runs each of ACTIONS in order; one that throws is reported and the rest still run. */
  private static void runAllQuietly(List<Runnable> actions) {
    for (Runnable action : actions) {
      try {
        action.run();
      } catch (RuntimeException | Error e) {
        System.err.println("picluster: " + e);
      }
    }
  }

  /** Bytes written by one of the rank's threads to stream 1 or 2. */
  void write(int stream, byte[] b, int off, int len) {
    if (silent) {
      return; // the rank has ended (as its process would have): nothing more comes out
    }
    Thread me = Thread.currentThread();
    Pending[] mine = pending.get(me); // only this thread puts its own entry: no race
    if (mine == null) {
      mine = new Pending[2];
      pending.put(me, mine);
    }
    Pending p = mine[stream - 1];
    if (p == null) {
      p = mine[stream - 1] = new Pending(stream);
    }
    p.add(b, off, len);
    Pending other = mine[2 - stream];
    if (p.size == 0 && (other == null || other.size == 0)) {
      pending.remove(me); // nothing held for this thread: no entry kept for it
    }
  }

  /** One thread's unfinished line on one stream. */
  private final class Pending {
    private final int stream;
    private byte[] buf = new byte[128];
    private int size;

    Pending(int stream) {
      this.stream = stream;
    }

    void add(byte[] b, int off, int len) {
      int start = off;
      int end = off + len;
      for (int i = off; i < end; i++) {
        if (b[i] != '\n') {
          continue;
        }
        if (size == 0) {
          listener.line(rank, stream, b, start, i - start, true);
        } else {
          append(b, start, i - start);
          listener.line(rank, stream, buf, 0, size, true);
          size = 0;
        }
        start = i + 1;
      }
      append(b, start, end - start);
      if (size > MAX_PENDING) {
        flush(false);
      }
    }

    void flush(boolean newline) {
      if (size > 0) {
        listener.line(rank, stream, buf, 0, size, newline);
        size = 0;
      }
    }

    private void append(byte[] b, int off, int len) {
      if (size + len > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
      }
      System.arraycopy(b, off, buf, size, len);
      size += len;
    }
  }

  /** The rank's threads: an exception that ends one of them is printed as the JVM would. */
  private static final class RankGroup extends ThreadGroup {
    RankGroup(String name) {
      super(name);
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
      if (!(e instanceof RankExit)) {
        super.uncaughtException(t, e);
      }
    }
  }
}
