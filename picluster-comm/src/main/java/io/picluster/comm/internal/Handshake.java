package io.picluster.comm.internal;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The first bytes on every connection: a magic, the job's secret and the connecting rank. An
 * accepted connection that does not present them in time is closed; the job goes on.
 */
final class Handshake {
  static final int SECRET_BYTES = 16;
  static final int BYTES = 4 + SECRET_BYTES + 4;
  private static final int MAGIC = 0x50494331; // "PIC1"
  static final long TIMEOUT_NANOS = 10_000_000_000L;

  final SocketChannel channel;
  final ByteBuffer received = ByteBuffer.allocate(BYTES).order(ElementType.ORDER);
  final long deadline = System.nanoTime() + TIMEOUT_NANOS;

  Handshake(SocketChannel channel) {
    this.channel = channel;
  }

  static void write(ByteBuffer out, byte[] secret, int rank) {
    out.putInt(MAGIC).put(secret).putInt(rank);
  }

  /** The connecting rank if the bytes are a valid greeting for this job, else -1. */
  int validRank(byte[] secret) {
    ByteBuffer b = received.duplicate().flip().order(ElementType.ORDER);
    if (b.getInt() != MAGIC) {
      return -1;
    }
    byte[] presented = new byte[SECRET_BYTES];
    b.get(presented);
    int rank = b.getInt();
    return sameBytes(presented, secret) ? rank : -1;
  }

  /** Compares in constant time, so timing tells nothing about how much of a guess was right. */
  private static boolean sameBytes(byte[] a, byte[] b) {
    if (a.length != b.length) {
      return false;
    }
    int difference = 0;
    for (int i = 0; i < a.length; i++) {
      difference |= a[i] ^ b[i];
    }
    return difference == 0;
  }
}
