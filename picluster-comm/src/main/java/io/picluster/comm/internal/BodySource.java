package io.picluster.comm.internal;

import java.nio.ByteBuffer;

/** The payload of an outgoing message, copied into the send buffer piece by piece. */
abstract class BodySource {
  /** Copies as much of the rest as fits into {@code out}; returns the bytes copied. */
  abstract int fill(ByteBuffer out);

  abstract long length();

  static BodySource bytes(byte[] bytes) {
    return new BodySource() {
      int sent;

      @Override
      int fill(ByteBuffer out) {
        int n = Math.min(out.remaining(), bytes.length - sent);
        out.put(bytes, sent, n);
        sent += n;
        return n;
      }

      @Override
      long length() {
        return bytes.length;
      }
    };
  }

  static BodySource array(ElementType type, Object array, int offset, int count) {
    return new BodySource() {
      int sent;

      @Override
      int fill(ByteBuffer out) {
        int n = Math.min(out.remaining() / type.size(), count - sent);
        type.put(out, array, offset + sent, n);
        sent += n;
        return n * type.size();
      }

      @Override
      long length() {
        return (long) count * type.size();
      }
    };
  }
}
