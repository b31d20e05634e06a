package io.picluster.comm.internal;

import io.picluster.comm.CommException;
import io.picluster.comm.PeerEndedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * Moves framed messages between this rank and its peers over TCP: one connection per pair (the
 * higher rank connects to the lower; none between ranks that are threads of one JVM, which their
 * shared-memory rings alone link), non-blocking channels on one selector, and progress made by
 * whichever thread waits for a message. A waiting thread first polls for a few tens of
 * microseconds (small messages then cost about one system call each way), then blocks in select.
 *
 * <p>Messages up to {@link Frame#EAGER_BYTES} are eager: queued and written as the socket takes
 * them, and the thread that waits reads everything that arrives meanwhile. Larger ones go by
 * rendezvous (see {@link Frame#RTS}): the receiver holds only their request to send until a receive
 * takes it, then the payload goes straight into the receive's array. A receiver still fetches and
 * stores early large messages while they fit its budget ({@link #STORE_BUDGET_BYTES}), so two ranks
 * that send each other 64 MiB before receiving do not deadlock; past it, senders wait.
 */
public final class Engine implements Progress {
  private static final long BLOCK_MILLIS = 200;
  private static final int ACCEPT_BACKLOG = 1024;
  /** While spinning on one peer's socket, still look at all of them this often. */
  private static final int FULL_POLL_EVERY = 16;
  /** How many quiet rounds of progress a spin makes between readings of the clock. */
  private static final int CLOCK_EVERY = 8;
  private static final long FLUSH_NANOS = 10_000_000_000L;
  private static final long LINGER_NANOS = 1_000_000_000L;

  private final int me;
  private final int size;
  private final Selector selector;
  private final ServerSocketChannel listener;
  private final Connection[] peers;
  private final List<Handshake> handshakes = new ArrayList<>();
  /**
   * How many bytes of early large messages a rank fetches and stores before it makes their senders
   * wait for the receive: 256 MiB, or a quarter of the heap if that is less.
   */
  static final long STORE_BUDGET_BYTES = Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4);
  private final Matcher matcher = new Matcher(new RankNames(), STORE_BUDGET_BYTES);
  private final List<Connection> acknowledgementsOwed = new ArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  /** A blocking array receive's Pending given back for the next one ({@link #reuse}); null while in use. */
  private final AtomicReference<Pending> spareReceive = new AtomicReference<>();
  /** How long a waiting thread polls before it yields (adapted when ranks outnumber cores). */
  private long spinNanos;
  /** How long it then yields before it blocks; 0 over TCP alone. */
  private long yieldNanos;
  /** Ranks on this host outnumber its cores: the spin budget grows on success and halves on failure. */
  private boolean adaptiveSpin;
  /** The shared memory with this host's other ranks, or null. */
  private ShmSegment segment;
  private int myLocal = -1;
  private Connection[] shmPeers = new Connection[0];
  /** The shared-memory peers that are ranks of this job in this JVM: linked by the rings alone. */
  private Connection[] jvmPeers = new Connection[0];
  /** While spinning with shared-memory peers, the sockets are looked at only every few rounds. */
  private int roundsSinceSelect;
  private final ByteBuffer doorbell = ByteBuffer.allocateDirect(64);
  /** What every send that is copied out at once returns (see {@link Pending#completedSend}). */
  private final Pending sent = Pending.completedSend(this);
  /** Sends up to this size skip the queue when nothing waits before them. */
  private static final int DIRECT_BYTES = 16 * 1024;
  private byte[] secret;
  private String[] hosts;
  private volatile boolean closed;
  /** Set once a connection to a peer could not be made; see {@link #joinFailure()}. */
  private volatile String joinFailure;

  private Engine(int me, int size, Selector selector, ServerSocketChannel listener, long spinNanos) {
    this.me = me;
    this.size = size;
    this.selector = selector;
    this.listener = listener;
    this.spinNanos = spinNanos;
    this.peers = new Connection[size];
    for (int r = 0; r < size; r++) {
      peers[r] = new Connection(r);
    }
  }

  /** A world of one rank: messages only to itself, no sockets. */
  public static Engine single() {
    return new Engine(0, 1, null, null, 0);
  }

  /** Opens the listener this rank's peers connect to, on {@code bindAddress}. */
  public static Engine listen(int me, int size, InetAddress bindAddress, long spinNanos) {
    Selector selector = null;
    ServerSocketChannel listener = null;
    try {
      selector = Selector.open();
      listener = ServerSocketChannel.open();
      // Peers (and strays) wait in the accept queue while this rank computes: a short queue would
      // leave a legitimate connect stuck in SYN retries for minutes.
      listener.bind(new InetSocketAddress(bindAddress, 0), Math.max(ACCEPT_BACKLOG, size));
      listener.configureBlocking(false);
      listener.register(selector, SelectionKey.OP_ACCEPT, null);
      return new Engine(me, size, selector, listener, spinNanos);
    } catch (IOException e) {
      if (listener != null) {
        closeQuietly(listener);
      }
      if (selector != null) {
        closeQuietly(selector);
      }
      throw new CommException("cannot listen on " + bindAddress.getHostAddress() + ": " + e.getMessage(), e);
    }
  }

  /**
   * What this rank blocks in: a peer that is a thread of the same JVM wakes it with
   * {@code wakeup()} ({@link #useSharedMemory}). Public for {@code SharedMemory}, which a
   * threads-mode rank defines in a loader of its own (see {@code ShmSegment}).
   */
  public Selector selector() {
    return selector;
  }

  /**
   * An engine with no listener, for a rank whose every peer is a thread of this JVM linked to it by
   * shared-memory rings alone ({@link #useSharedMemory}): no port is opened, and {@link
   * #connectInJvmOnly} completes the mesh.
   */
  public static Engine withoutListener(int me, int size, long spinNanos) {
    try {
      return new Engine(me, size, Selector.open(), null, spinNanos);
    } catch (IOException e) {
      throw new CommException("cannot open a selector: " + e.getMessage(), e);
    }
  }

  public InetSocketAddress listenAddress() {
    if (listener == null) {
      throw new IllegalStateException("this engine has no listener");
    }
    try {
      return (InetSocketAddress) listener.getLocalAddress();
    } catch (IOException e) {
      throw new CommException("the listener has no address: " + e.getMessage(), e);
    }
  }

  /**
   * Completes the mesh of an engine {@link #withoutListener}, which {@link #useSharedMemory} has
   * linked to every peer: there is nothing to connect, and no secret to show. Every peer must be a
   * thread of this JVM on the rings, else the job could not go on without TCP, which this engine
   * cannot take.
   *
   * @param host this host's address, where every rank of the job is, named in messages about them
   */
  public void connectInJvmOnly(InetAddress host) {
    for (Connection c : peers) {
      if (c.rank != me && !c.inJvm()) {
        throw new IllegalStateException("rank " + c.rank + " is not a thread of this JVM on shared memory,"
            + " but rank " + me + " opened no listener for it");
      }
    }
    hosts = new String[size];
    java.util.Arrays.fill(hosts, host.getHostAddress());
  }

  /**
   * Starts connecting to every lower rank; higher ranks connect to this one. Ranks of this job that
   * are threads of this JVM ({@link #useSharedMemory}) get no connection: the rings alone link them.
   *
   * @param addresses every rank's listening address, by world rank
   */
  public void connect(byte[] secret, InetSocketAddress[] addresses) {
    this.secret = secret.clone();
    this.hosts = new String[size];
    for (int r = 0; r < size; r++) {
      hosts[r] = addresses[r].getAddress().getHostAddress();
    }
    acquire();
    try {
      for (int r = 0; r < me; r++) {
        Connection c = peers[r];
        if (c.inJvm()) {
          continue;
        }
        try {
          SocketChannel channel = SocketChannel.open();
          channel.configureBlocking(false);
          channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
          c.attach(channel);
          c.greeting = ByteBuffer.allocate(Handshake.BYTES).order(ElementType.ORDER);
          Handshake.write(c.greeting, this.secret, me);
          c.greeting.flip();
          c.connecting = !channel.connect(addresses[r]);
          c.key = channel.register(selector, 0, c);
          c.updateInterest();
        } catch (IOException e) {
          joinFailure = "cannot connect to " + rankName(r) + " at " + addresses[r] + ": " + e.getMessage();
          lost(c, "cannot connect to " + addresses[r] + ": " + e.getMessage());
        }
      }
    } finally {
      lock.unlock();
    }
  }

  public int rank() {
    return me;
  }

  /** Shortest and longest spin budget when ranks outnumber cores (research §3.3). */
  static final long MIN_ADAPTIVE_SPIN_NANOS = 1_000;
  static final long MAX_ADAPTIVE_SPIN_NANOS = 50_000;

  /**
   * Sends to and receives from this host's other ranks through {@code segment}'s rings; call before
   * {@link #connect}. The wait policy follows: with no more ranks than cores, spin long (the peer is
   * running, and its answer comes in a fraction of a microsecond), then yield, then block; with more,
   * an adaptive spin of 1 to 50 µs, a short yield, then block, so ranks that wait give their cores to
   * the ones that work.
   *
   * @param localRanks the world ranks on this host, in local order (this rank among them)
   * @param doorbells the Unix-domain doorbell to each local rank, by local index (null: the TCP connection)
   * @param peerSelectors by local index, the {@link #selector()} of each local rank that is a thread of
   *     this JVM (woken with {@code wakeup()} instead of a doorbell, and linked by the rings alone: no
   *     TCP connection), else null
   * @param spinOverride the spin budget the user asked for, or -1
   */
  public void useSharedMemory(ShmSegment segment, int[] localRanks, SocketChannel[] doorbells,
      Selector[] peerSelectors, boolean oversubscribed, long spinOverride) {
    this.segment = segment;
    List<Connection> local = new ArrayList<>();
    List<Connection> inJvm = new ArrayList<>();
    for (int i = 0; i < localRanks.length; i++) {
      if (localRanks[i] == me) {
        myLocal = i;
      }
    }
    for (int i = 0; i < localRanks.length; i++) {
      if (i == myLocal) {
        continue;
      }
      Connection c = peers[localRanks[i]];
      c.peerLocal = i;
      c.outRing = segment.ring(myLocal, i);
      c.inRing = segment.ring(i, myLocal);
      c.peerSelector = peerSelectors[i]; // its buffers come at first need (a socket's at attach)
      if (doorbells[i] != null) {
        try {
          doorbells[i].register(selector, SelectionKey.OP_READ, new Doorbell(c));
          c.bell = doorbells[i];
        } catch (IOException e) {
          closeQuietly(doorbells[i]); // the TCP connection rings instead
        }
      }
      local.add(c);
      if (c.inJvm()) {
        inJvm.add(c);
      }
    }
    shmPeers = local.toArray(new Connection[0]);
    jvmPeers = inJvm.toArray(new Connection[0]);
    adaptiveSpin = oversubscribed && spinOverride < 0;
    if (spinOverride >= 0) {
      spinNanos = spinOverride;
      yieldNanos = 0;
    } else if (oversubscribed) {
      spinNanos = 10_000;
      yieldNanos = 50_000;
    } else {
      spinNanos = 1_000_000;
      yieldNanos = 100_000;
    }
  }

  /**
   * Why this rank could not reach a peer it had to connect to, or null: such a rank never joined
   * the mesh, and the job cannot go on without it.
   */
  public String joinFailure() {
    return joinFailure;
  }

  public int size() {
    return size;
  }

  /** Payload bytes this rank holds for messages that arrived before their receive (see {@link Matcher}). */
  long storedBytes() {
    acquire();
    try {
      return matcher.storedBytes();
    } finally {
      lock.unlock();
    }
  }

  /** The capacities of the send and receive buffers to {@code peer} (0 before it has them): for tests. */
  int[] bufferBytes(int peer) {
    acquire();
    try {
      Connection c = peers[peer];
      return new int[] {c.out == null ? 0 : c.out.capacity(), c.in == null ? 0 : c.in.capacity()};
    } finally {
      lock.unlock();
    }
  }

  /** How many bytes of early large messages this rank may fetch and store (default {@link #STORE_BUDGET_BYTES}). */
  void storeBudget(long bytes) {
    acquire();
    try {
      matcher.storeBudget(bytes);
    } finally {
      lock.unlock();
    }
  }

  /** "rank 2 on 10.0.0.3", for messages. */
  public String rankName(int worldRank) {
    return hosts == null ? "rank " + worldRank : "rank " + worldRank + " on " + hosts[worldRank];
  }

  /**
   * Queues a message to world rank {@code dest}; the result completes once it is copied out, and
   * for a synchronous send once the receiver has matched it too.
   */
  Pending send(int context, int dest, int tag, int kind, BodySource body, boolean synchronous) {
    // a synchronous or large send waits for word from its destination: progress may watch that peer
    boolean answered = synchronous || body.length() > Frame.EAGER_BYTES;
    Pending pending = new Pending(this, answered && dest != me ? dest : -1);
    acquire();
    try {
      if (closed) {
        throw new CommException("the communicator is closed: the job is finishing");
      }
      if (dest == me) {
        if (synchronous) {
          SyncSend sync = new SyncSend(pending, me, tag, kind, body.length());
          deliverToSelf(context, tag, kind, body, sync::acknowledged);
          sync.copied();
        } else {
          deliverToSelf(context, tag, kind, body, null);
          pending.complete(me, tag, kind, 0, body.length(), null);
        }
        return pending;
      }
      Connection c = peers[dest];
      if (c.lost || c.byeReceived || c.byeQueued) {
        pending.fail(new PeerEndedException("cannot send to " + rankName(dest) + ": "
            + (c.lost ? "it ended unexpectedly" : "it has finished and receives nothing more")));
        return pending;
      }
      SyncSend sync = null;
      if (synchronous) {
        int id = c.nextSyncId++;
        sync = new SyncSend(pending, me, tag, kind, body.length());
        c.awaitingAck.put(id, sync);
        c.queue.add(OutMessage.control(Frame.SYNC, id));
      }
      if (body.length() > Frame.EAGER_BYTES) {
        // rendezvous: the envelope now, the payload once the receiver clears it
        int id = c.nextRequestId++;
        c.awaitingClear.put(id, OutMessage.data(id, tag, kind, body, pending, sync));
        c.queue.add(OutMessage.control(Frame.RTS, id));
        c.queue.add(OutMessage.requestToSend(context, tag, kind, body));
      } else if (synchronous) {
        c.queue.add(OutMessage.synchronous(context, tag, kind, body, sync));
      } else {
        c.queue.add(new OutMessage(context, tag, kind, body, pending));
      }
      if (c.ready()) {
        flush(c);
      }
    } finally {
      lock.unlock();
    }
    return pending;
  }

  /**
   * Sends {@code count} elements of {@code array}. A small standard send to a connected peer with
   * nothing queued before it goes straight into the send buffer and on its way, and allocates
   * nothing; anything else takes the queue.
   */
  Pending sendArray(int context, int dest, int tag, ElementType type, Object array, int offset, int count,
      boolean synchronous) {
    long length = (long) count * type.size();
    if (!synchronous && dest != me && length <= DIRECT_BYTES) {
      acquire();
      try {
        Connection c = peers[dest];
        if (!closed && c.queue.isEmpty() && c.greeting == null && c.ready() && !c.lost
            && !c.byeReceived && !c.byeQueued && !c.outputShut
            && c.sendRoom() >= Frame.HEADER_BYTES + length) {
          if (c.shm() && c.staged() == 0
              && c.outRing.writeFrame(context, tag, Frame.kindOf(type), type, array, offset, count)) {
            wake(c); // straight into the ring: no staging copy, no flush
            return sent;
          }
          Frame.putHeader(c.out(), context, tag, Frame.kindOf(type), length);
          type.put(c.out(), array, offset, count);
          flush(c);
          return sent;
        }
      } finally {
        lock.unlock();
      }
    }
    return send(context, dest, tag, Frame.kindOf(type), BodySource.array(type, array, offset, count), synchronous);
  }

  /** Posts a receive from world rank {@code source} (or {@link Matcher#ANY}). */
  Pending receive(int context, int source, int tag, RecvTarget target) {
    return postLocked(context, source, tag, target, new Pending(this, expectedSource(source)));
  }

  private Pending postLocked(int context, int source, int tag, RecvTarget target, Pending pending) {
    acquire();
    try {
      post(context, source, tag, target, pending);
    } finally {
      lock.unlock();
    }
    return pending;
  }

  /**
   * A blocking receive into {@code array}: {@link #receive} and {@link Pending#await}'s progress
   * under one hold of the lock (one atomic pair less per message), through a Pending and target kept from an earlier
   * such receive when there is one: the blocking receive of a small array then allocates nothing
   * (garbage per message costs more than the ring's copy, and a fresh heap page is a page fault).
   * The result is done; its await only reports a failure. The caller gives it back with
   * {@link #reuse} once it has read the results.
   */
  Pending receiveArrayAndWait(int context, int source, int tag, ElementType type, Object array, int offset,
      int capacity) {
    Pending pending = spareReceive.getAndSet(null); // another thread receiving meanwhile makes its own
    if (pending == null) {
      pending = new Pending(this, expectedSource(source));
    } else {
      pending.recycle(expectedSource(source));
    }
    return receiveAndWait(context, source, tag, pending.arrayTarget(type, array, offset, capacity), pending);
  }

  /**
   * Takes back a Pending of {@link #receiveArrayAndWait} that completed without error and whose
   * results its caller has read, for the next such receive.
   */
  void reuse(Pending pending) {
    pending.releaseArray();
    spareReceive.set(pending);
  }

  private int expectedSource(int source) {
    return source >= 0 && source != me ? source : -1;
  }

  private Pending receiveAndWait(int context, int source, int tag, RecvTarget target, Pending pending) {
    if (selector == null) {
      // one rank: its await says if it can never complete
      return postLocked(context, source, tag, target, pending);
    }
    acquire();
    try {
      post(context, source, tag, target, pending);
      progressLocked(pending, expectedSource(source));
    } finally {
      lock.unlock();
    }
    return pending;
  }

  private void post(int context, int source, int tag, RecvTarget target, Pending pending) {
    matcher.post(context, source, tag, target, pending);
    flushAcknowledgements();
    if (!pending.isDone() && source == Matcher.ANY && size > 1) {
      failAnySourceIfAlone();
    }
    if (!pending.isDone() && source >= 0 && source != me) {
      Connection c = peers[source];
      if (c.lost || c.inputClosed) {
        matcher.sourceLost(source, new PeerEndedException(rankName(source)
            + (c.lost ? " ended unexpectedly" : " has finished") + " without sending the message (tag "
            + tag + ") this receive waits for"));
      }
    }
  }

  private void deliverToSelf(int context, int tag, int kind, BodySource body, Runnable onMatch) {
    long length = body.length();
    if (length > Integer.MAX_VALUE - 16) {
      throw new CommException("a message to oneself is limited to 2 GiB");
    }
    ByteBuffer bytes = ByteBuffer.allocate((int) length).order(ElementType.ORDER);
    body.fill(bytes);
    bytes.flip();
    Sink sink = matcher.arrive(context, me, tag, kind, length, onMatch);
    sink.accept(bytes, (int) length);
    sink.complete();
  }

  /**
   * Waits, making progress, until a message that a receive (context, source, tag) would take has
   * arrived at least as far as its header; returns what it is without receiving it.
   */
  Envelope probe(int context, int source, int tag) {
    Envelope[] found = new Envelope[1];
    progressUntil(() -> (found[0] = peek(context, source, tag)) != null, source >= 0 && source != me ? source : -1);
    return found[0];
  }

  /**
   * One round of progress, then what a probe would see now: null if no such message is here yet
   * (also when its sender has ended: MPI_Iprobe just says "not yet").
   */
  Envelope probeNow(int context, int source, int tag) {
    poll();
    acquire();
    try {
      return matcher.peek(context, source, tag);
    } finally {
      lock.unlock();
    }
  }

  private Envelope peek(int context, int source, int tag) {
    acquire();
    try {
      Envelope found = matcher.peek(context, source, tag);
      if (found == null) {
        failProbeThatCannotComplete(source, tag);
      }
      return found;
    } finally {
      lock.unlock();
    }
  }

  /** A probe for a rank that has ended (or for anyone, when all have) would wait forever. */
  private void failProbeThatCannotComplete(int source, int tag) {
    if (source >= 0 && source != me) {
      Connection c = peers[source];
      if (c.lost || c.inputClosed) {
        throw new PeerEndedException(rankName(source) + (c.lost ? " ended unexpectedly" : " has finished")
            + " without sending the message (tag " + tag + ") this probe waits for");
      }
    } else if (source == Matcher.ANY && size > 1 && everyPeerGone()) {
      throw new PeerEndedException("every other rank has ended; no message can come for this probe (tag "
          + tag + ")");
    }
  }

  @Override
  public boolean withdraw(Pending receive) {
    acquire();
    try {
      if (receive.isDone() || !matcher.withdraw(receive)) {
        return false;
      }
      receive.markCancelled();
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void progressUntil(BooleanSupplier done, int expectedSource) {
    if (selector == null) {
      if (!done.getAsBoolean()) {
        throw new CommException("this operation can never complete: the world has one rank and "
            + "no matching message was sent to itself");
      }
      return;
    }
    acquire();
    try {
      progressLocked(done, expectedSource);
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@link #progressUntil} with the lock held, as on return. The lock stays held from round to round
   * (a lock and an unlock cost two atomic operations): it is let go to yield, and whenever another
   * thread of this rank waits for it.
   */
  private void progressLocked(BooleanSupplier done, int expectedSource) {
    // The clock costs as much as a look at a ring (18-25 ns here), so a spin reads it only every
    // CLOCK_EVERY quiet rounds, and a wait that is over by then never reads it: the quiet time counts
    // from the first reading, so a spin budget runs over by at most CLOCK_EVERY looks (well under 1 µs).
    int quietRounds = 0;
    long quietSince = 0; // the clock at the first reading since the last activity
    long idle = 0; // quiet time as of the last reading
    boolean patient = true; // done without yielding or blocking
    for (int round = 0; !done.getAsBoolean(); round++) {
      if (closed) {
        throw new CommException("the communicator is closed: the job is finishing");
      }
      if (lock.hasQueuedThreads()) {
        lock.unlock(); // it queued while we spun: let it in (the yield, or we would take it back at once)
        Thread.yield();
        acquire();
        continue; // done and closed again
      }
      if (quietRounds >= CLOCK_EVERY && (idle >= spinNanos || quietRounds % CLOCK_EVERY == 0)) {
        long now = System.nanoTime();
        if (quietRounds == CLOCK_EVERY) {
          quietSince = now;
        }
        idle = now - quietSince;
      }
      if (idle >= spinNanos) {
        patient = false;
        if (idle < spinNanos + yieldNanos) {
          lock.unlock();
          Thread.yield(); // outside the lock: a peer (or this rank's other thread) may need the core
          acquire();
          if (done.getAsBoolean()) {
            break; // another thread of this rank did it meanwhile
          }
          if (closed) {
            throw new CommException("the communicator is closed: the job is finishing");
          }
          // then look at the peers: a yield is a pause between looks, not one instead of a look
        }
      }
      boolean active;
      if (idle >= spinNanos + yieldNanos) {
        active = block(BLOCK_MILLIS);
      } else if (expectedSource >= 0 && (round + 1) % FULL_POLL_EVERY != 0 && readable(peers[expectedSource])) {
        // While spinning for one peer, look at it directly (from the first round on): cheaper than
        // looking at every peer, and far cheaper than a select.
        Connection peer = peers[expectedSource];
        if (peer.hasOutput()) {
          flush(peer); // what we still owe it may be what it waits for before it answers
        }
        active = peer.shm() ? drainRing(peer) : read(peer);
        if (peer.shm()) {
          flushAcknowledgements();
        }
      } else {
        active = pollOnce(0);
      }
      if (active) {
        quietRounds = 0;
        idle = 0;
      } else {
        quietRounds++;
      }
    }
    if (adaptiveSpin) {
      spinNanos = patient ? Math.min(MAX_ADAPTIVE_SPIN_NANOS, spinNanos + 1_000)
          : Math.max(MIN_ADAPTIVE_SPIN_NANOS, spinNanos / 2);
    }
  }

  /**
   * Waits up to {@code millis} for I/O. With shared-memory peers, first raises this rank's sleeping
   * flag and takes a last look at the rings, so a peer that writes after that look rings the doorbell
   * (a Unix-domain socket, see {@link ShmDoorbells}, or else the pair's TCP connection) and no wake-up
   * is lost.
   */
  private boolean block(long millis) {
    if (segment == null) {
      return pollOnce(millis);
    }
    segment.setSleeping(myLocal, true);
    try {
      return pollOnce(millis);
    } finally {
      segment.setSleeping(myLocal, false);
    }
  }

  private static boolean readable(Connection c) {
    return (c.shm() || c.ready()) && !c.inputClosed && !c.lost;
  }

  @Override
  public void poll() {
    if (selector == null) {
      return;
    }
    acquire();
    try {
      if (!closed) {
        pollOnce(0);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Takes the lock, waking a thread that holds it while blocked in select. */
  private void acquire() {
    if (!lock.tryLock()) {
      if (selector != null) {
        selector.wakeup();
      }
      lock.lock();
    }
  }

  /** One round of I/O; waits up to {@code waitMillis} (0: not at all). True if anything happened. */
  private boolean pollOnce(long waitMillis) {
    boolean rings = pollRings();
    if (waitMillis == 0 && shmPeers.length > 0 && ++roundsSinceSelect < FULL_POLL_EVERY) {
      return rings; // a select costs a system call; the rings cost a load each
    }
    roundsSinceSelect = 0;
    int ready;
    try {
      ready = waitMillis == 0 || rings ? selector.selectNow() : selector.select(waitMillis);
    } catch (IOException | ClosedSelectorException e) {
      throw new CommException("the transport failed: " + e.getMessage(), e);
    }
    if (ready > 0) {
      for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
        SelectionKey key = it.next();
        it.remove();
        handle(key);
      }
    }
    expireHandshakes();
    boolean ended = jvmPeers.length > 0 && noticeClosedPeers();
    return ready > 0 || rings || ended;
  }

  /**
   * Notices the ranks in this JVM whose engine has closed (it wakes this one then), as the end of
   * their connection would tell; true if any had.
   */
  private boolean noticeClosedPeers() {
    boolean any = false;
    for (Connection c : jvmPeers) {
      if (!c.settled() && !c.peerSelector.isOpen()) {
        peerClosed(c);
        any = true;
      }
    }
    return any;
  }

  /**
   * A rank in this JVM has closed its engine: what it wrote before is still in its ring (its goodbye
   * last, unless it ended without one), and it reads nothing more.
   */
  private void peerClosed(Connection c) {
    drainRing(c); // a goodbye found there ends its stream (see drainRing)
    if (c.lost) {
      return;
    }
    if (!c.inputClosed) {
      lost(c, "it closed without saying goodbye");
      return;
    }
    // What this rank has not put in its ring yet (for want of room) can never arrive.
    PeerEndedException why = new PeerEndedException("cannot send to " + rankName(c.rank)
        + ": it has finished and receives nothing more");
    for (OutMessage m : c.queue) {
      m.fail(why);
    }
    c.queue.clear();
    if (c.out != null) {
      c.out.clear();
    }
    c.outputShut = true;
  }

  /** Reads every shared-memory peer's ring and writes what waited for room in ours; true if anything moved. */
  private boolean pollRings() {
    boolean any = false;
    for (Connection c : shmPeers) {
      if (c.hasOutput() && c.ready()) {
        int before = c.staged() + c.queue.size();
        flush(c);
        any |= c.staged() + c.queue.size() != before;
      }
      any |= drainRing(c);
    }
    if (any) {
      flushAcknowledgements();
    }
    return any;
  }

  /** Parses what the peer's ring holds; true if anything arrived. Wakes the peer if it may wait for room. */
  private boolean drainRing(Connection c) {
    if (c.lost || c.inputClosed || !c.linked()) {
      // Not before its connection is accepted: what we owe it (acknowledgements) needs the connection.
      return false;
    }
    ByteBuffer in = c.in; // null until a frame first spans two records (a ring-only peer's)
    ShmRing ring = c.inRing;
    boolean any = false;
    while (true) {
      if (in == null || in.position() == 0) {
        // Nothing left over from a frame cut across records: parse straight from the ring, so a
        // payload goes from the ring into its receive (or its stored copy) with no copy between.
        ByteBuffer record = ring.peek();
        if (record == null) {
          break;
        }
        any = true;
        int start = record.position();
        boolean ok = parse(c, record);
        if (ok && record.hasRemaining()) {
          in = c.in();
          in.put(record); // the start of a frame (or of an element) that the next record finishes
        }
        ring.consumed(record.limit() - start);
        if (!ok) {
          return true;
        }
        continue;
      }
      int n = ring.read(in);
      if (n == 0) {
        break;
      }
      any = true;
      boolean filled = !in.hasRemaining();
      in.flip();
      boolean ok = parse(c, in);
      in.compact();
      if (!ok) {
        return true;
      }
      if (filled) {
        in = c.growIn();
      }
    }
    if (any && ring.freedEnoughToWake()) {
      wake(c); // it may be blocked waiting for the room we made
    }
    if (c.byeReceived && c.inJvm() && !c.inputClosed && !c.lost) {
      endOfStream(c); // its goodbye is the last frame it sends: with no connection, the end of its stream
    }
    return any;
  }

  /** Rings the peer's doorbell if it sleeps: it may wait for what we wrote or for the room we made. */
  private void wake(Connection c) {
    if (!segment.claimWakeUp(c.peerLocal)) {
      return;
    }
    if (c.peerSelector != null) {
      c.peerSelector.wakeup(); // a no-op once it is closed
      return;
    }
    if (c.bell != null) {
      try {
        doorbell.clear().limit(1);
        c.bell.write(doorbell); // 0 when its buffer is full: then it has bytes to wake it already
        return;
      } catch (IOException e) {
        dropBell(c); // it has gone, or is going: the TCP connection tells which
      }
    }
    if (c.channel != null && !c.connecting && !c.outputShut && !c.lost) {
      try {
        doorbell.clear().limit(1);
        c.channel.write(doorbell);
      } catch (IOException e) {
        // it has gone: its end shows up as the end of the connection
      }
    }
  }

  /** A shared-memory peer's Unix-domain doorbell rang: read the bytes, then its ring. */
  private void bellRang(Connection c) {
    int n;
    try {
      do {
        doorbell.clear();
        n = c.bell.read(doorbell);
      } while (n == doorbell.capacity()); // a short read took all there was: no second system call
    } catch (IOException e) {
      n = -1;
    }
    if (n < 0) {
      dropBell(c); // it ended or closed: its TCP connection says which, and rings from now on
    }
    drainRing(c);
    flushAcknowledgements();
  }

  private static void dropBell(Connection c) {
    if (c.bell != null) {
      closeQuietly(c.bell);
      c.bell = null;
    }
  }

  /** The TCP connection of a shared-memory peer is readable: wake-up bytes, or its end. */
  private void doorbellRang(Connection c) {
    int n;
    try {
      do {
        doorbell.clear();
        n = c.channel.read(doorbell);
      } while (n > 0);
    } catch (IOException e) {
      drainRing(c); // what it wrote before it went still counts
      lost(c, e.getMessage());
      return;
    }
    drainRing(c); // also what it wrote before it closed: the goodbye comes through the ring
    if (n < 0) {
      endOfStream(c);
    }
    flushAcknowledgements();
  }

  private void handle(SelectionKey key) {
    if (!key.isValid()) {
      return;
    }
    Object attachment = key.attachment();
    if (attachment == null) {
      acceptAll();
    } else if (attachment instanceof Doorbell) {
      Connection c = ((Doorbell) attachment).peer;
      if (c.bell != null) {
        bellRang(c);
      }
    } else if (attachment instanceof Handshake) {
      readHandshake((Handshake) attachment, key);
    } else {
      Connection c = (Connection) attachment;
      if (key.isConnectable()) {
        finishConnect(c);
      }
      if (key.isValid() && key.isReadable()) {
        if (c.shm()) {
          doorbellRang(c);
        } else {
          read(c);
        }
      }
      if (key.isValid() && key.isWritable()) {
        flush(c);
      }
    }
  }

  private void acceptAll() {
    try {
      for (SocketChannel channel; (channel = listener.accept()) != null; ) {
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        Handshake h = new Handshake(channel);
        handshakes.add(h);
        channel.register(selector, SelectionKey.OP_READ, h);
      }
    } catch (IOException e) {
      throw new CommException("accepting a connection failed: " + e.getMessage(), e);
    }
  }

  private void readHandshake(Handshake h, SelectionKey key) {
    int n;
    try {
      n = h.channel.read(h.received);
    } catch (IOException e) {
      n = -1;
    }
    if (n < 0) {
      reject(h, "it closed before presenting this job's secret");
      return;
    }
    if (h.received.hasRemaining()) {
      return;
    }
    int rank = h.validRank(secret);
    if (rank <= me || rank >= size || peers[rank].linked()) {
      reject(h, rank < 0 ? "it did not present this job's secret" : "it claimed to be rank " + rank
          + ", which cannot connect here");
      return;
    }
    handshakes.remove(h);
    Connection c = peers[rank];
    c.attach(h.channel);
    c.key = key;
    key.attach(c);
    c.updateInterest();
    if (c.hasOutput()) {
      flush(c);
    }
  }

  private void reject(Handshake h, String why) {
    handshakes.remove(h);
    String from;
    try {
      from = String.valueOf(h.channel.getRemoteAddress());
    } catch (IOException e) {
      from = "an unknown address";
    }
    closeQuietly(h.channel);
    if (!closed) {
      System.err.println("picluster: " + rankName(me) + ": closed a connection from " + from + ": " + why);
    }
  }

  private void expireHandshakes() {
    if (handshakes.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    for (Handshake h : List.copyOf(handshakes)) {
      if (now - h.deadline > 0) {
        reject(h, "it sent no greeting within " + Handshake.TIMEOUT_NANOS / 1_000_000_000L + " s");
      }
    }
  }

  private void finishConnect(Connection c) {
    try {
      if (c.channel.finishConnect()) {
        c.connecting = false;
        c.updateInterest();
        flush(c);
      }
    } catch (IOException e) {
      joinFailure = "cannot connect to " + rankName(c.rank) + ": " + e.getMessage();
      lost(c, "cannot connect to it: " + e.getMessage() + " (is a firewall in the way, or the wrong --iface?)");
    }
  }

  /** Reads what the socket has; true if anything arrived (or the stream ended). */
  private boolean read(Connection c) {
    boolean any = readAvailable(c);
    flushAcknowledgements();
    return any;
  }

  private boolean readAvailable(Connection c) {
    ByteBuffer in = c.in;
    boolean any = false;
    while (true) {
      int n;
      try {
        n = c.channel.read(in);
      } catch (IOException e) {
        lost(c, e.getMessage());
        return true;
      }
      if (n < 0) {
        endOfStream(c);
        return true;
      }
      if (n == 0) {
        return any;
      }
      any = true;
      boolean drained = in.hasRemaining(); // a short read: the socket had nothing more just now
      in.flip();
      boolean ok = parse(c, in);
      in.compact();
      if (!ok || drained) {
        return true; // level-triggered select reports whatever arrives later
      }
      in = c.growIn();
    }
  }

  /** Parses what is buffered; false if the stream turned out to be broken. */
  private boolean parse(Connection c, ByteBuffer in) {
    while (true) {
      if (c.sink == null) {
        if (in.remaining() < Frame.HEADER_BYTES) {
          return true;
        }
        int context = in.getInt();
        int tag = in.getInt();
        int kind = in.getInt();
        long length = in.getLong();
        String corrupt = Frame.headerProblem(kind, length);
        if (corrupt != null) {
          lost(c, corrupt); // the rest of the stream cannot be framed: treat the peer as gone
          return false;
        }
        if (Frame.isControl(kind)) {
          control(c, kind, context);
          continue;
        }
        if (kind == Frame.DATA) {
          Connection.Cleared into = c.cleared.remove(context);
          if (into == null || into.length() != length) {
            lost(c, "it sent " + length + " bytes for request to send " + context
                + (into == null ? ", which this rank has not cleared" : ", which announced " + into.length()));
            return false;
          }
          c.sink = into.sink();
        } else {
          Runnable onMatch = null;
          if (c.syncAnnounced) {
            int id = c.announcedSyncId;
            c.syncAnnounced = false;
            onMatch = () -> queueAcknowledgement(c, id);
          }
          if (c.requestAnnounced) {
            int id = c.announcedRequestId;
            c.requestAnnounced = false;
            matcher.announce(context, c.rank, tag, kind, length, onMatch,
                sink -> clearToSend(c, id, tag, length, sink));
            continue; // its payload comes in a DATA frame once cleared
          }
          try {
            c.sink = matcher.arrive(context, c.rank, tag, kind, length, onMatch);
          } catch (CommException cannotTake) {
            lost(c, cannotTake.getMessage()); // its body would be misread as the next header
            return false;
          }
        }
        c.bodyLeft = length;
      }
      if (c.bodyLeft > 0) {
        int offered = (int) Math.min(in.remaining(), c.bodyLeft);
        int taken = offered == 0 ? 0 : c.sink.accept(in, offered);
        c.bodyLeft -= taken;
        if (c.bodyLeft > 0) {
          return true; // the rest is still on its way
        }
      }
      Sink finished = c.sink;
      c.sink = null;
      finished.complete();
    }
  }

  /** A control frame from {@code c}, with its argument. */
  private void control(Connection c, int kind, int argument) {
    switch (kind) {
      case Frame.BYE -> c.byeReceived = true;
      case Frame.SYNC -> {
        c.syncAnnounced = true;
        c.announcedSyncId = argument;
      }
      case Frame.ACK -> {
        SyncSend acknowledged = c.awaitingAck.remove(argument);
        if (acknowledged != null) {
          acknowledged.acknowledged();
        }
      }
      case Frame.RTS -> {
        c.requestAnnounced = true;
        c.announcedRequestId = argument;
      }
      case Frame.CTS -> {
        OutMessage data = c.awaitingClear.remove(argument);
        if (data != null && c.byeQueued) {
          data.fail(new CommException("this rank is finishing: the large message (tag " + data.tag
              + ") to " + rankName(c.rank) + " was never completed"));
        } else if (data != null) {
          c.queue.add(data);
          acknowledgementsOwed.add(c); // sent after this parse, as acknowledgements are
        }
      }
      default -> throw new IllegalStateException("not a control frame: " + kind);
    }
  }

  private void flush(Connection c) {
    if (c.lost || c.outputShut || c.connecting || !c.linked()) {
      return;
    }
    ByteBuffer out = c.out;
    boolean rang = false;
    try {
      if (c.greeting != null) {
        c.channel.write(c.greeting);
        if (c.greeting.hasRemaining()) {
          c.updateInterest(); // the socket is full; OP_WRITE brings us back
          return;
        }
        c.greeting = null;
      }
      if (c.shm() && c.staged() == 0) {
        rang = fillRing(c);
      }
      // A shared-memory peer's staged bytes go first; one linked by the rings alone may have no
      // send buffer (then nothing staged): the queue waits for room in the ring.
      while (c.staged() != 0 || !c.shm()) {
        while (!c.queue.isEmpty() && out.hasRemaining()) {
          OutMessage m = c.queue.peek();
          if (!m.fill(out)) {
            break;
          }
          c.queue.poll();
          m.copiedOut(me);
        }
        if (out.remaining() < Frame.HEADER_BYTES && !c.queue.isEmpty()
            && out.capacity() < Connection.BUFFER_BYTES) {
          out = c.growOut(); // this peer is sent much: larger writes from now on
          continue;
        }
        if (out.position() == 0) {
          break;
        }
        out.flip();
        if (c.shm()) {
          c.outRing.write(out);
          rang = true;
        } else {
          c.channel.write(out);
        }
        boolean drained = !out.hasRemaining();
        out.compact();
        if (!drained) {
          break; // the socket is full (OP_WRITE brings us back) or the ring is (the reader's wake-up does)
        }
      }
      if (rang) {
        wake(c);
      }
      if (c.byeQueued && !c.hasOutput()) {
        if (c.channel != null) {
          c.channel.shutdownOutput();
        }
        c.outputShut = true; // a peer in this JVM knows from the goodbye, the last frame in its ring
      }
    } catch (IOException e) {
      lost(c, e.getMessage());
      return;
    }
    c.updateInterest();
  }

  /**
   * Copies queued messages straight into records of a shared-memory peer's ring (no staging in the
   * send buffer: one copy less for every message the queue holds, large ones included) while it has
   * room; true if anything went in.
   */
  private boolean fillRing(Connection c) {
    boolean wrote = false;
    while (!c.queue.isEmpty()) {
      ByteBuffer record = c.outRing.claim();
      if (record == null) {
        break; // full: the reader's wake-up brings us back
      }
      int start = record.position();
      while (!c.queue.isEmpty() && record.hasRemaining()) {
        OutMessage m = c.queue.peek();
        if (!m.fill(record)) {
          break; // the record is full; the rest goes in the next
        }
        c.queue.poll();
        m.copiedOut(me);
      }
      int n = record.position() - start;
      c.outRing.commit(n);
      wrote |= n > 0;
    }
    return wrote;
  }

  private void endOfStream(Connection c) {
    c.inputClosed = true;
    if (!c.byeReceived) {
      lost(c, "its connection closed");
      return;
    }
    matcher.sourceLost(c.rank, new PeerEndedException(rankName(c.rank)
        + " has finished without sending the message this receive waits for"));
    // Its acknowledgements came before its goodbye: what is still unacknowledged never will be.
    failSynchronousSends(c, new PeerEndedException(rankName(c.rank)
        + " has finished without receiving a synchronous send this rank made to it"));
    failRendezvous(c, new PeerEndedException(rankName(c.rank)
        + " has finished without receiving a large message this rank sent it"),
        new PeerEndedException(rankName(c.rank) + " has finished without sending a large message it announced"));
    failAnySourceIfAlone();
    queueBye(c); // answer, so a peer that is finishing need not wait for its linger time
    c.updateInterest();
  }

  /**
   * This rank is ready for the payload of {@code c}'s request to send {@code id}, into {@code sink}:
   * ask for it (sent by the next flush). A peer that has ended will never send it.
   */
  private void clearToSend(Connection c, int id, int tag, long length, Sink sink) {
    if (c.lost || c.inputClosed || c.byeQueued || !c.linked()) {
      sink.abandon(new PeerEndedException(rankName(c.rank) + (c.lost ? " ended unexpectedly" : " has finished")
          + " before sending the " + length + "-byte message (tag " + tag + ") it announced"));
      return;
    }
    c.cleared.put(id, new Connection.Cleared(sink, length));
    c.queue.add(OutMessage.control(Frame.CTS, id));
    acknowledgementsOwed.add(c);
  }

  /** A receive took a synchronous send from {@code c}: tell its sender (sent by the next flush). */
  private void queueAcknowledgement(Connection c, int id) {
    if (c.lost || c.byeQueued || !c.linked()) {
      return; // it has ended or we are finishing: nobody waits for this acknowledgement any more
    }
    c.queue.add(OutMessage.control(Frame.ACK, id));
    acknowledgementsOwed.add(c);
  }

  /**
   * Sends queued acknowledgements now, so a synchronous sender does not wait for this rank's next
   * call. Not done inside {@link #parse}: flushing there could end the connection under its reader.
   */
  private void flushAcknowledgements() {
    if (acknowledgementsOwed.isEmpty()) {
      return;
    }
    for (Connection c : acknowledgementsOwed) {
      flush(c);
    }
    acknowledgementsOwed.clear();
  }

  private static void failSynchronousSends(Connection c, CommException why) {
    for (SyncSend s : c.awaitingAck.values()) {
      s.fail(why);
    }
    c.awaitingAck.clear();
  }

  /**
   * Nothing more comes from {@code c}: its clearance for our large messages never will, nor the
   * payloads of its own that this rank cleared.
   */
  private static void failRendezvous(Connection c, CommException sends, CommException receives) {
    for (OutMessage m : c.awaitingClear.values()) {
      m.fail(sends);
    }
    c.awaitingClear.clear();
    for (Connection.Cleared into : List.copyOf(c.cleared.values())) {
      into.sink().abandon(receives);
    }
    c.cleared.clear();
  }

  private void queueBye(Connection c) {
    if (c.byeQueued || c.lost || !c.linked()) {
      return;
    }
    c.byeQueued = true;
    c.queue.add(OutMessage.control(Frame.BYE, 0));
    flush(c);
  }

  private void lost(Connection c, String reason) {
    if (c.lost) {
      return;
    }
    c.lost = true;
    if (c.channel != null) {
      closeQuietly(c.channel);
    }
    dropBell(c);
    CommException why = new PeerEndedException(rankName(c.rank) + " ended unexpectedly (" + reason + ")");
    for (OutMessage m : c.queue) {
      m.fail(why);
    }
    c.queue.clear();
    failSynchronousSends(c, why);
    failRendezvous(c, why, why);
    if (c.sink != null) {
      c.sink.abandon(why);
      c.sink = null;
    }
    matcher.sourceLost(c.rank, why);
    failAnySourceIfAlone();
  }

  /** When every other rank has ended, a receive from any source can never be met by a peer. */
  private void failAnySourceIfAlone() {
    if (everyPeerGone()) {
      matcher.anySourceLost(new PeerEndedException("every other rank has ended; no message can come"));
    }
  }

  /**
   * Finishes cleanly: sends every queued message, says goodbye on every connection, waits a moment
   * for the peers' goodbyes (so no unread byte turns our close into a reset that could cost a peer
   * our last message), then closes everything.
   */
  public void close() {
    if (selector == null || closed) {
      return;
    }
    acquire();
    try {
      if (closed) {
        return; // closed meanwhile by another thread
      }
      for (Connection c : peers) {
        if (c.linked() && c.rank != me) {
          queueBye(c);
        }
      }
      long flushDeadline = System.nanoTime() + FLUSH_NANOS;
      while (!everyGoodbyeSent() && flushDeadline - System.nanoTime() > 0) {
        blockUntil(flushDeadline);
      }
      long lingerDeadline = System.nanoTime() + LINGER_NANOS;
      while (!everyPeerSettled() && lingerDeadline - System.nanoTime() > 0) {
        blockUntil(lingerDeadline);
      }
      closed = true;
      for (Connection c : peers) {
        if (c.channel != null) {
          closeQuietly(c.channel);
        }
        dropBell(c);
      }
      for (Handshake h : handshakes) {
        closeQuietly(h.channel);
      }
      if (listener != null) {
        closeQuietly(listener);
      }
      closeQuietly(selector);
      for (Connection c : jvmPeers) {
        c.peerSelector.wakeup(); // it sees this selector closed: as the end of a connection would tell it
      }
    } finally {
      lock.unlock();
    }
  }

  // Loops, not a predicate and a supplier: these run at every rank's end, and a lambda is spun
  // again for every rank that runs as a thread with its own copy of this class (a job that brings
  // its own picluster-comm), ~0.3 ms each.

  private void blockUntil(long deadline) {
    long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    block(Math.min(BLOCK_MILLIS, left));
  }

  /** Whether every other rank has ended or finished sending. */
  private boolean everyPeerGone() {
    for (Connection c : peers) {
      if (c.rank != me && !(c.lost || c.inputClosed)) {
        return false;
      }
    }
    return true;
  }

  private boolean everyGoodbyeSent() {
    for (Connection c : peers) {
      if (c.rank != me && c.linked() && !c.lost && !c.outputShut) {
        return false;
      }
    }
    return true;
  }

  private boolean everyPeerSettled() {
    for (Connection c : peers) {
      if (c.rank != me && !c.settled()) {
        return false;
      }
    }
    return true;
  }

  /** How the matcher names ranks in its errors (a class, not this::rankName: see blockUntil). */
  private final class RankNames implements IntFunction<String> {
    @Override
    public String apply(int worldRank) {
      return rankName(worldRank);
    }
  }

  /** The selection-key attachment of a Unix-domain doorbell. */
  private static final class Doorbell {
    final Connection peer;

    Doorbell(Connection peer) {
      this.peer = peer;
    }
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // closing is best effort
    }
  }
}
