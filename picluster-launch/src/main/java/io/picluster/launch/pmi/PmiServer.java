package io.picluster.launch.pmi;

import io.picluster.comm.internal.ThisProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A PMI-1 server in port mode, speaking MPICH's "simple" wire protocol: ranks get
 * {@code PMI_PORT=host:port} and {@code PMI_ID=id}, connect once, and identify themselves with
 * {@code cmd=initack pmiid=id}. Only the job's own ranks get a slot: each id is a random number
 * that only its rank's environment holds ({@link PmiIds}), connections come only from the job's
 * hosts, and an address that fails {@link HandshakeFailures#LIMIT} handshakes gets no more tries.
 * The bind address is a parameter so that one server can serve ranks
 * on other hosts as well as local ones. One thread per connection: a job has few ranks and each
 * blocks on its own request/reply exchange.
 */
public final class PmiServer implements AutoCloseable {
  /** How long a new connection may take to send its {@code initack} line. */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  private final int size;
  private final String processMapping;
  private final PmiListener listener;
  private final Duration handshakeTimeout;
  private final Kvs kvs;
  private final PmiIds ids;
  private final Predicate<InetAddress> allowedPeer;
  private final HandshakeFailures failures = new HandshakeFailures();
  private final Set<InetAddress> strangersReported = ConcurrentHashMap.newKeySet();
  private final PmiBarrier barrier;
  private final InetAddress bindAddress;
  /** Null when every rank is a thread of this JVM: they connect in the JVM, and nothing else may. */
  private final ServerSocket serverSocket;
  private final AtomicReferenceArray<PmiConnection> ranks;
  private final CopyOnWriteArrayList<Socket> sockets = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<PmiConnection> inJvm = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService timer;
  private volatile boolean closed;

  /**
   * Binds (on an ephemeral port) and starts accepting at once: MPICH connects exactly once, without
   * retry, so the server must listen before the first rank starts.
   *
   * @param processMapping the value of {@code PMI_process_mapping}; empty means "unknown"
   * @param ids the ranks' PMI ids
   * @param allowedPeer which addresses may connect: those of the job's hosts
   */
  public PmiServer(
      InetAddress bindAddress,
      String processMapping,
      PmiListener listener,
      Duration handshakeTimeout,
      PmiIds ids,
      Predicate<InetAddress> allowedPeer)
      throws IOException {
    this(bindAddress, processMapping, listener, handshakeTimeout, ids, allowedPeer, true);
  }

  /**
   * A server for a job whose every rank is a thread of this JVM ({@link #connectInJvm}): it opens
   * no port, which spares the launcher's start a socket (about 4 ms of CPU before the first rank
   * starts) and leaves no door for anyone else. {@link #portValue} names the bind address and port 0.
   */
  public static PmiServer inJvmOnly(InetAddress bindAddress, String processMapping, PmiListener listener,
      Duration handshakeTimeout, PmiIds ids) throws IOException {
    // No socket, so no peer to vet: allowedPeer is never asked.
    return new PmiServer(bindAddress, processMapping, listener, handshakeTimeout, ids, null, false);
  }

  private PmiServer(InetAddress bindAddress, String processMapping, PmiListener listener,
      Duration handshakeTimeout, PmiIds ids, Predicate<InetAddress> allowedPeer, boolean listen)
      throws IOException {
    int size = ids.size();
    if (size < 1) {
      throw new IllegalArgumentException("a job needs at least one rank, got " + size);
    }
    this.ids = ids;
    this.allowedPeer = allowedPeer;
    this.size = size;
    this.processMapping = processMapping;
    this.listener = listener;
    this.handshakeTimeout = handshakeTimeout;
    this.kvs = new Kvs("kvs_" + ThisProcess.pid() + "_0");
    this.barrier = new PmiBarrier(size);
    this.ranks = new AtomicReferenceArray<>(size);
    this.bindAddress = bindAddress;
    this.serverSocket = listen ? new ServerSocket() : null;
    if (listen) {
      try {
        serverSocket.bind(new InetSocketAddress(bindAddress, 0), 128);
      } catch (IOException e) {
        serverSocket.close();
        throw e;
      }
    }
    // Classes here and below, not lambdas: no lambda on the launch path (LaunchPathTest).
    this.timer = Executors.newSingleThreadScheduledExecutor(new ThreadFactory() {
      @Override
      public Thread newThread(Runnable r) {
        return daemon(r, "pmi-handshake-timer");
      }
    });
    if (listen) {
      daemon(new Runnable() { // no lambda on the launch path: LaunchPathTest
        @Override
        public void run() {
          acceptLoop();
        }
      }, "pmi-accept").start();
    }
  }

  /** Random ids; any peer that reaches the bind address may try. */
  public PmiServer(
      InetAddress bindAddress,
      int size,
      String processMapping,
      PmiListener listener,
      Duration handshakeTimeout)
      throws IOException {
    this(bindAddress, processMapping, listener, handshakeTimeout, PmiIds.random(size), peer -> true);
  }

  public PmiServer(InetAddress bindAddress, int size, String processMapping, PmiListener listener)
      throws IOException {
    this(bindAddress, size, processMapping, listener, DEFAULT_HANDSHAKE_TIMEOUT);
  }

  /** The {@code PMI_ID} of {@code rank}: a secret of that rank's environment. */
  public int pmiId(int rank) {
    return ids.idOf(rank);
  }

  /**
   * {@code host:port} for the ranks' {@code PMI_PORT}; port 0 when the server opened none (ranks
   * that are threads of this JVM only take the address from it, to bind their own listeners).
   */
  public String portValue() {
    return bindAddress.getHostAddress() + ":" + port();
  }

  public int port() {
    return serverSocket == null ? 0 : serverSocket.getLocalPort();
  }

  /** True once {@code rank} has completed {@code initack}: from then on it must finalize. */
  public boolean connected(int rank) {
    return ranks.get(rank) != null;
  }

  public boolean finalized(int rank) {
    PmiConnection c = ranks.get(rank);
    return c != null && c.finalized();
  }

  /**
   * Waits (bounded) until {@code rank}'s connection has been read to its end, so that an
   * {@code abort} or {@code finalize} a rank sent just before it exited is seen before its exit is
   * judged.
   */
  public void awaitDrained(int rank, Duration timeout) throws InterruptedException {
    PmiConnection c = ranks.get(rank);
    if (c != null) {
      c.awaitClosed(timeout);
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        if (!closed) {
          listener.rejected("picluster: the PMI port stopped accepting: " + e.getMessage());
        }
        return;
      }
      InetAddress peer = socket.getInetAddress();
      if (!allowedPeer.test(peer)) {
        closeQuietly(socket);
        if (strangersReported.add(peer)) {
          listener.rejected("picluster: refused a PMI connection from " + peer.getHostAddress()
              + ": not one of the job's hosts (further ones from it are refused silently)");
        }
        continue;
      }
      if (failures.blocked(peer)) {
        closeQuietly(socket); // reported when the budget ran out
        continue;
      }
      sockets.add(socket);
      if (closed) {
        closeQuietly(socket); // close() may have walked the sockets before this one was added
        return;
      }
      PmiConnection connection = new PmiConnection(this, socket);
      daemon(new Runnable() { // no lambda on the launch path: LaunchPathTest
        @Override
        public void run() {
          connection.serve();
        }
      }, "pmi-conn").start();
    }
  }

  /**
   * A connection for a rank that is a thread of this JVM: it hands each request line (without its
   * newline) to the returned sink, in its own thread, and its replies come back through
   * {@code replies} at once, so a request costs no socket and no hand-off between threads. The rank
   * still identifies itself with its {@code initack pmiid} first. A null line closes the connection;
   * the server closing it sends the rank a null reply.
   */
  public Consumer<String> connectInJvm(Consumer<String> replies) {
    PmiConnection connection = new PmiConnection(this, replies);
    inJvm.add(connection);
    if (closed) {
      connection.close(); // close() may have walked the connections before this one was added
    } else {
      scheduleHandshakeDeadline(connection);
    }
    return new Consumer<String>() { // no lambda on the launch path: LaunchPathTest
      @Override
      public void accept(String line) {
        connection.fromRank(line);
      }
    };
  }

  /** Closes the socket if it has not identified itself in time; the job goes on. */
  void scheduleHandshakeDeadline(PmiConnection connection) {
    timer.schedule(new Runnable() { // no lambda on the launch path: LaunchPathTest
      @Override
      public void run() {
        connection.handshakeDeadlinePassed();
      }
    }, handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  Duration handshakeTimeout() {
    return handshakeTimeout;
  }

  /** The rank whose PMI id is {@code id}, or -1. */
  int rankOf(long id) {
    return ids.rankOf(id);
  }

  /** Claims {@code rank} for this connection; returns why not (taken), or null. */
  String claim(int rank, PmiConnection connection) {
    if (!ranks.compareAndSet(rank, null, connection)) {
      return "the pmiid of rank " + rank + " is already connected";
    }
    return null;
  }

  /** Counts a refused handshake from {@code peer}; says so once when its budget runs out. */
  void handshakeFailed(InetAddress peer) {
    if (failures.count(peer) && !closed) {
      listener.rejected("picluster: " + HandshakeFailures.LIMIT + " failed PMI handshakes from "
          + peer.getHostAddress() + ": no further connections are taken from it");
    }
  }

  void forget(Socket socket) {
    sockets.remove(socket);
  }

  void forget(PmiConnection inJvmConnection) {
    inJvm.remove(inJvmConnection);
  }

  int size() {
    return size;
  }

  String processMapping() {
    return processMapping;
  }

  Kvs kvs() {
    return kvs;
  }

  PmiBarrier barrier() {
    return barrier;
  }

  PmiListener listener() {
    return listener;
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    try {
      if (serverSocket != null) {
        serverSocket.close();
      }
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    for (PmiConnection c : inJvm) {
      c.close();
    }
    timer.shutdownNow();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing is best effort
    }
  }
}
