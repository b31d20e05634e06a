package io.picluster.comm.internal;

import io.picluster.comm.CommException;
import java.nio.ByteBuffer;
import java.util.function.IntFunction;

/**
 * What a posted receive wants: any message as raw bytes (the object layer and the collectives), or
 * elements of one primitive type written straight into the caller's array (the array layer: no
 * intermediate copy when the receive is posted before the message arrives).
 */
abstract class RecvTarget {
  /** Opens a sink for a message of {@code kind} and {@code length} bytes, completing {@code pending}. */
  abstract Sink open(Pending pending, int kind, long length, int source, int tag, IntFunction<String> rankName);

  static RecvTarget anyMessage() {
    return AnyMessage.INSTANCE;
  }

  static RecvTarget array(ElementType type, Object array, int offset, int capacity) {
    return new IntoArray().aim(type, array, offset, capacity);
  }

  private static final class AnyMessage extends RecvTarget {
    static final AnyMessage INSTANCE = new AnyMessage();

    @Override
    Sink open(Pending pending, int kind, long length, int source, int tag, IntFunction<String> rankName) {
      if (length > Integer.MAX_VALUE - 16) {
        pending.fail(new CommException(rankName.apply(source) + " sent " + length
            + " bytes (tag " + tag + "), more than one object message can hold (2 GiB); send arrays in parts"));
        return Sink.DISCARD;
      }
      byte[] bytes = new byte[(int) length];
      return new Sink() {
        int filled;

        @Override
        public int accept(ByteBuffer in, int max) {
          in.get(bytes, filled, max);
          filled += max;
          return max;
        }

        @Override
        public void complete() {
          pending.complete(source, tag, kind, (int) Frame.elements(kind, length), length, new RawMessage(kind, bytes));
        }

        @Override
        public void abandon(CommException why) {
          pending.fail(why);
        }
      };
    }
  }

  /** An array target that a reused receive ({@link Pending#recycle}) aims anew each time. */
  static final class IntoArray extends RecvTarget implements Sink {
    private ElementType type;
    private Object array;
    private int offset;
    private int capacity;
    // Set when a message opens it:
    private Pending pending;
    private int source;
    private int tag;
    private int kind;
    private long length;
    private int written;

    /** Points this target at {@code capacity} elements of {@code array} from {@code offset}, as new. */
    IntoArray aim(ElementType type, Object array, int offset, int capacity) {
      this.type = type;
      this.array = array;
      this.offset = offset;
      this.capacity = capacity;
      this.pending = null;
      this.written = 0;
      return this;
    }

    @Override
    Sink open(Pending pending, int kind, long length, int source, int tag, IntFunction<String> rankName) {
      if (kind != Frame.kindOf(type)) {
        pending.fail(new CommException(rankName.apply(source) + " sent " + Frame.describe(kind) + " (tag " + tag
            + ") but this receive expects " + type.javaName() + "; receive it as that type"));
        return Sink.DISCARD;
      }
      long elements = length / type.size();
      if (elements > capacity) {
        pending.fail(new CommException(rankName.apply(source) + " sent " + elements + " elements of " + type.javaName()
            + " (tag " + tag + ") but this receive has room for " + capacity + "; give a larger count"));
        return Sink.DISCARD;
      }
      this.pending = pending;
      this.source = source;
      this.tag = tag;
      this.kind = kind;
      this.length = length;
      return this; // a receive takes one message: this object is its sink too, nothing to allocate
    }

    @Override
    public int accept(ByteBuffer in, int max) {
      int whole = max / type.size(); // a split element waits in the buffer for its other bytes
      type.get(in, array, offset + written, whole);
      written += whole;
      return whole * type.size();
    }

    @Override
    public void complete() {
      pending.complete(source, tag, kind, (int) (length / type.size()), length, null);
    }

    @Override
    public void abandon(CommException why) {
      pending.fail(why);
    }
  }
}
