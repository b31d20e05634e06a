package io.picluster.comm.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One single-producer single-consumer byte ring in shared memory, in Agrona's record shape: each
 * record is an 8-byte header ({@code int length} of the whole record, 8-byte aligned; {@code int
 * type}, whose upper 24 bits hold the payload's exact length) and its payload. The producer writes the payload, zeroes the header after it, and only then
 * stores the length with release semantics; the consumer reads the length with acquire semantics, so
 * a record is seen whole or not at all, on arm64's weak memory order as on x86. A record that would
 * cross the end of the ring is put at its start, and a padding record fills the gap.
 *
 * <p>Layout at {@code base}: the consumer's head position in its own 128-byte slot, then
 * {@code capacity} bytes of records starting at {@code base + dataOffset}. The producer's tail is
 * private to it. Records never exceed {@link #MAX_PAYLOAD}, so the consumer can take a stream in
 * pieces and the producer never waits for a whole large message to fit.
 */
final class ShmRing {
  static final int HEADER = 8;
  static final int MAX_PAYLOAD = 16 * 1024;
  private static final int DATA = 1;
  private static final int PADDING = 2;
  private static final VarHandle INT =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
  private static final VarHandle LONG =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

  private final ByteBuffer map;
  private final int headIndex;
  private final int data;
  private final int capacity;
  private final int mask;

  // Producer side (only the writing rank uses these).
  private long tail;
  private long headCache;

  // Consumer side (only the reading rank uses these).
  private long head;
  /** Payload bytes of the record at {@link #head} already handed out. */
  private int consumedOfRecord;

  /**
   * @param map the whole shared mapping (native order does not matter: the VarHandles fix it)
   * @param base where this ring's head slot starts; the records start at {@code base + dataOffset}
   */
  ShmRing(ByteBuffer map, int base, int dataOffset, int capacity) {
    if (Integer.bitCount(capacity) != 1 || capacity < 4 * (MAX_PAYLOAD + HEADER)) {
      throw new IllegalArgumentException("ring capacity " + capacity + " is not a power of 2 of at least "
          + 4 * (MAX_PAYLOAD + HEADER));
    }
    this.map = map;
    this.headIndex = base;
    this.data = base + dataOffset;
    this.capacity = capacity;
    this.mask = capacity - 1;
    // A ring joined later starts where the consumer is (a fresh one at 0).
    this.head = (long) LONG.getAcquire(map, headIndex);
    this.tail = head;
    this.headCache = head;
  }

  /**
   * Copies as much of {@code src} as the ring has room for, in records of at most
   * {@link #MAX_PAYLOAD}; returns the bytes taken (0 when the ring is full).
   */
  int write(ByteBuffer src) {
    int written = 0;
    while (src.hasRemaining()) {
      int n = Math.min(src.remaining(), MAX_PAYLOAD);
      int record = align(HEADER + n);
      int index = (int) (tail & mask);
      int toEnd = capacity - index;
      int padding = record > toEnd ? toEnd : 0;
      // Room for the record, any padding, and the next record's header, which we zero now.
      long needed = padding + record + HEADER;
      if (!room(needed)) {
        break;
      }
      int at = padding == 0 ? index : 0;
      map.put(data + at + HEADER, src, src.position(), n);
      INT.set(map, data + at + 4, DATA | n << 8); // the payload's exact length rides in the type word
      INT.set(map, data + ((at + record) & mask), 0); // the next record's length: not ready yet
      INT.setRelease(map, data + at, record);
      if (padding != 0) {
        // After the record at 0 is complete: the consumer jumps there as soon as it sees this.
        INT.set(map, data + index + 4, PADDING);
        INT.setRelease(map, data + index, padding);
      }
      tail += padding + record;
      src.position(src.position() + n);
      written += n;
    }
    return written;
  }

  private boolean room(long needed) {
    if (tail + needed - headCache <= capacity) {
      return true;
    }
    headCache = (long) LONG.getAcquire(map, headIndex);
    return tail + needed - headCache <= capacity;
  }

  /** Copies complete records (or their start, if {@code dst} fills up) into {@code dst}; returns bytes copied. */
  int read(ByteBuffer dst) {
    int copied = 0;
    long start = head;
    while (dst.hasRemaining()) {
      int index = (int) (head & mask);
      int record = (int) INT.getAcquire(map, data + index);
      if (record == 0) {
        break;
      }
      int type = (int) INT.get(map, data + index + 4);
      if ((type & 0xff) == PADDING) {
        head += record;
        continue;
      }
      int payload = type >>> 8;
      int n = Math.min(dst.remaining(), payload - consumedOfRecord);
      dst.put(dst.position(), map, data + index + HEADER + consumedOfRecord, n);
      dst.position(dst.position() + n);
      copied += n;
      consumedOfRecord += n;
      if (consumedOfRecord == payload) {
        consumedOfRecord = 0;
        head += record;
      }
    }
    if (head != start) {
      LONG.setRelease(map, headIndex, head);
    }
    return copied;
  }

  /** Whether a record is waiting (a cheap acquire load: what a waiting consumer polls). */
  boolean hasData() {
    return (int) INT.getAcquire(map, data + (int) (head & mask)) != 0;
  }

  private static int align(int n) {
    return (n + 7) & ~7;
  }
}
