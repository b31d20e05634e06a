package io.picluster.comm.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * The first bytes a rank reads from a peer's connection (magic, secret, rank), then frame headers
 * (context, tag, kind, length) as the engine reads them. A wrong greeting is -1, whatever the
 * bytes; a header's kind and length are only ever looked up, never trusted as an index, and a
 * length beyond {@link Frame#MAX_PAYLOAD} never passes {@link Frame#headerProblem}, nor does an
 * unknown kind or a control frame (SYNC, ACK, BYE, RTS, CTS) that announces a payload.
 */
class HandshakeAndFrameFuzzTest {
  private static final byte[] SECRET = new byte[Handshake.SECRET_BYTES];

  static {
    for (int i = 0; i < SECRET.length; i++) {
      SECRET[i] = (byte) (31 * i + 7);
    }
  }

  @FuzzTest(maxDuration = "10m")
  void fuzz(byte[] input) {
    ByteBuffer in = ByteBuffer.wrap(input).order(ElementType.ORDER);
    Handshake h = new Handshake(null);
    while (in.hasRemaining() && h.received.hasRemaining()) {
      h.received.put(in.get());
    }
    if (h.received.hasRemaining()) {
      return; // the engine waits for the rest (or its deadline)
    }
    int rank = h.validRank(SECRET);
    boolean presented = input.length >= Handshake.BYTES && matchesSecret(input);
    if (!presented && rank != -1) {
      throw new AssertionError("a greeting without the secret was taken, rank " + rank);
    }
    while (in.remaining() >= Frame.HEADER_BYTES) {
      in.getInt(); // context
      in.getInt(); // tag
      int kind = in.getInt();
      long length = in.getLong();
      Frame.typeOf(kind);
      Frame.elementClass(kind);
      Frame.describe(kind);
      if (length >= 0 && Frame.elements(kind, length) > length) {
        throw new AssertionError("more elements than bytes");
      }
      String problem = Frame.headerProblem(kind, length);
      if (problem == null && (length < 0 || length > Frame.MAX_PAYLOAD)) {
        throw new AssertionError("a length of " + length + " passed the header check");
      }
      if (problem == null && Frame.isControl(kind) && length != 0) {
        throw new AssertionError("control frame " + kind + " with a payload of " + length + " passed the header check");
      }
      if (problem == null && kind != Frame.OBJECT && kind != Frame.DATA && !Frame.isControl(kind)
          && Frame.typeOf(kind) == null) {
        throw new AssertionError("unknown kind " + kind + " passed the header check");
      }
      if (problem != null && problem.contains("\n")) {
        throw new AssertionError("a header problem of more than one line: " + problem);
      }
    }
  }

  /** Whether the input starts with this job's magic and secret, as a rank writes them. */
  private static boolean matchesSecret(byte[] input) {
    ByteBuffer good = ByteBuffer.allocate(Handshake.BYTES).order(ElementType.ORDER);
    Handshake.write(good, SECRET, 0);
    for (int i = 0; i < 4 + Handshake.SECRET_BYTES; i++) {
      if (input[i] != good.array()[i]) {
        return false;
      }
    }
    return true;
  }
}
