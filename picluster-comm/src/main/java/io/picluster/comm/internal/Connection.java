package io.picluster.comm.internal;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * This rank's link to one peer, with its read and write state: a TCP connection, through which a
 * peer on this host sends nothing but wake-up bytes (its frames go through shared-memory rings),
 * or, for a peer that is a thread of this JVM, the rings alone (see {@link #inJvm()}).
 */
final class Connection {
  /**
   * The send and receive buffers' size from the start: room for a direct send (16 KiB) and the
   * frames around it. Each buffer is zeroed, so resident, and every pair of ranks has two at each
   * end: 512 KiB per pair at full size was most of what a 4-rank threads job held over one JVM.
   */
  static final int FIRST_BUFFER_BYTES = 32 * 1024;
  /** Their size once a peer has filled one: large writes and reads for a peer that sends much. */
  static final int BUFFER_BYTES = 256 * 1024;

  final int rank;
  final ArrayDeque<OutMessage> queue = new ArrayDeque<>();
  SocketChannel channel;
  SelectionKey key;
  /**
   * Bytes waiting to be written, in write mode: position = how many. Null for a peer linked by the
   * rings alone until it is first needed ({@link #out()}): most such pairs never stage a byte.
   */
  ByteBuffer out;
  /**
   * The greeting a connecting rank still has to write on the socket, in read mode; null once sent.
   * Kept apart from {@link #out} because a shared-memory peer's frames go through the ring.
   */
  ByteBuffer greeting;
  /** Bytes read but not yet parsed, in write mode; null like {@link #out} ({@link #in()}). */
  ByteBuffer in;
  boolean connecting;

  /** Payload bytes of the current message still to come; 0 between messages. */
  long bodyLeft;
  /** Where the current message's payload goes; null while a header is awaited. */
  Sink sink;

  /** The id the next synchronous send to this peer gets. */
  int nextSyncId;
  /** Synchronous sends to this peer that it has not acknowledged yet, by id. */
  final Map<Integer, SyncSend> awaitingAck = new HashMap<>();
  /** A SYNC frame arrived: the next data frame from this peer is synchronous, with this id. */
  boolean syncAnnounced;
  int announcedSyncId;

  /** The id the next large message to this peer gets (its request to send's). */
  int nextRequestId;
  /** Large messages to this peer whose request to send it has not cleared yet, by id: their DATA frames. */
  final Map<Integer, OutMessage> awaitingClear = new HashMap<>();
  /** An RTS frame arrived: the next data header from this peer is a request to send, with this id. */
  boolean requestAnnounced;
  int announcedRequestId;
  /** Requests to send from this peer that this rank has cleared, by id: where their payload goes. */
  final Map<Integer, Cleared> cleared = new HashMap<>();

  /** A cleared request to send: the sink its DATA frame fills and the size it announced. */
  record Cleared(Sink sink, long length) {}

  /**
   * Set when the peer runs on this host: messages then go through these shared-memory rings, and the
   * TCP connection (if any: see {@link #inJvm()}) only carries wake-up bytes and tells when the peer
   * ends (EOF).
   */
  ShmRing outRing;
  ShmRing inRing;
  /** The peer's index among this host's ranks, for its sleeping flag; -1 over TCP. */
  int peerLocal = -1;
  /**
   * The Unix-domain socket that wakes the peer (and us) when it sleeps, or null: the TCP connection
   * does it then. See {@link ShmDoorbells}.
   */
  SocketChannel bell;
  /**
   * The peer's own selector when the peer is a rank of this job in this JVM (threads mode): waking it
   * is a {@code wakeup()}, no socket needed, and it is closed once the peer's engine has closed.
   * Null otherwise.
   */
  Selector peerSelector;

  boolean byeQueued;
  boolean outputShut;
  boolean byeReceived;
  boolean inputClosed;
  boolean lost;

  Connection(int rank) {
    this.rank = rank;
  }

  void attach(SocketChannel channel) {
    this.channel = channel;
    allocateBuffers();
  }

  /** Both buffers at their first size: a peer with a socket uses them from its first byte. */
  void allocateBuffers() {
    out();
    in();
  }

  /**
   * The send buffer, made at its first size when first needed. A peer linked by the rings alone
   * (threads of one JVM) gets none before: at 32 KiB each, zeroed, two per pair at both ends, they
   * were 768 KiB and ~4 % of a 4-rank job's start in a CPU profile, for buffers that small messages
   * never touch.
   */
  ByteBuffer out() {
    if (out == null) {
      out = ByteBuffer.allocateDirect(FIRST_BUFFER_BYTES).order(ElementType.ORDER);
    }
    return out;
  }

  /** The receive buffer, made at its first size when first needed (see {@link #out()}). */
  ByteBuffer in() {
    if (in == null) {
      in = ByteBuffer.allocateDirect(FIRST_BUFFER_BYTES).order(ElementType.ORDER);
    }
    return in;
  }

  /** Bytes staged in the send buffer (none without one). */
  int staged() {
    return out == null ? 0 : out.position();
  }

  /** Room in the send buffer, or its first size if it is not made yet. */
  int sendRoom() {
    return out == null ? FIRST_BUFFER_BYTES : out.remaining();
  }

  /** The send buffer at its full size, what it holds kept; call when it filled up. */
  ByteBuffer growOut() {
    out = grown(out);
    return out;
  }

  /** The receive buffer at its full size, what it holds kept; call when a read filled it. */
  ByteBuffer growIn() {
    in = grown(in);
    return in;
  }

  /** {@code b} (in write mode) at {@link #BUFFER_BYTES}, or {@code b} itself if it is that big. */
  private static ByteBuffer grown(ByteBuffer b) {
    if (b.capacity() >= BUFFER_BYTES) {
      return b;
    }
    ByteBuffer big = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ElementType.ORDER);
    b.flip();
    big.put(b);
    return big;
  }

  boolean shm() {
    return inRing != null;
  }

  /**
   * Whether the peer is a rank of this job in this JVM: then there is no TCP connection at all. Its
   * goodbye (the last frame in its ring) stands for the end of the stream, and its closed selector
   * for a connection that closed.
   */
  boolean inJvm() {
    return peerSelector != null;
  }

  /** Whether this rank has a link to the peer: its TCP connection (made or being made), or the rings alone. */
  boolean linked() {
    return channel != null || inJvm();
  }

  /** Whether frames can go to the peer now: over the rings alone at once, else once the connection is made. */
  boolean ready() {
    return inJvm() || key != null && !connecting;
  }

  boolean hasOutput() {
    return !queue.isEmpty() || staged() > 0 || greeting != null;
  }

  /** Nothing more will cross this connection in either direction. */
  boolean settled() {
    return !linked() || lost || (outputShut && inputClosed);
  }

  void updateInterest() {
    if (key == null || !key.isValid()) {
      return;
    }
    int ops = connecting ? SelectionKey.OP_CONNECT : 0;
    if (!connecting && !inputClosed) {
      ops |= SelectionKey.OP_READ;
    }
    // A shared-memory peer's frames wait for room in the ring, not in the socket: the socket is
    // always writable, and asking for OP_WRITE would make every select return at once (a spin).
    if (!connecting && !outputShut && (shm() ? greeting != null : hasOutput())) {
      ops |= SelectionKey.OP_WRITE;
    }
    if (key.interestOps() != ops) {
      key.interestOps(ops);
    }
  }
}
