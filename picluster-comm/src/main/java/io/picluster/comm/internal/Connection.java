package io.picluster.comm.internal;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/** The one TCP connection between this rank and one peer, with its read and write state. */
final class Connection {
  static final int BUFFER_BYTES = 256 * 1024;

  final int rank;
  final ArrayDeque<OutMessage> queue = new ArrayDeque<>();
  SocketChannel channel;
  SelectionKey key;
  /** Bytes waiting to be written, in write mode: position = how many. */
  ByteBuffer out;
  /** Bytes read but not yet parsed, in write mode. */
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
    if (out == null) {
      out = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ElementType.ORDER);
      in = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ElementType.ORDER);
    }
  }

  boolean hasOutput() {
    return !queue.isEmpty() || (out != null && out.position() > 0);
  }

  /** Nothing more will cross this connection in either direction. */
  boolean settled() {
    return channel == null || lost || (outputShut && inputClosed);
  }

  void updateInterest() {
    if (key == null || !key.isValid()) {
      return;
    }
    int ops = connecting ? SelectionKey.OP_CONNECT : 0;
    if (!connecting && !inputClosed) {
      ops |= SelectionKey.OP_READ;
    }
    if (!connecting && !outputShut && hasOutput()) {
      ops |= SelectionKey.OP_WRITE;
    }
    if (key.interestOps() != ops) {
      key.interestOps(ops);
    }
  }
}
