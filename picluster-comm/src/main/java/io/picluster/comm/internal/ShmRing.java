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
  /** The cache line size of the CPUs we run on (x86-64, arm64 and armhf's Cortex-A cores). */
  private static final int CACHE_LINE = 64;
  private static final VarHandle INT =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
  private static final VarHandle LONG =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

  private final ByteBuffer map;
  /**
   * Views of the mapping in the frames' byte order whose position and limit this ring's one user
   * moves: the producer's to write a frame into a record, the consumer's to lend out a record.
   */
  private final ByteBuffer writeView;
  private final ByteBuffer readView;
  private final int headIndex;
  private final int data;
  private final int capacity;
  private final int mask;

  // Producer side (only the writing rank uses these).
  private long tail;
  private long headCache;
  /** Where the record {@link #claim} lent goes. */
  private int claimed;

  // Consumer side (only the reading rank uses these).
  private long head;
  /** Payload bytes of the record at {@link #head} already handed out. */
  private int consumedOfRecord;
  /** Where {@link #head} was when {@link #freedEnoughToWake} last said yes. */
  private long headAtLastWake;

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
    this.writeView = map.duplicate().order(ElementType.ORDER);
    this.readView = map.duplicate().order(ElementType.ORDER);
    this.headIndex = base;
    this.data = base + dataOffset;
    this.capacity = capacity;
    this.mask = capacity - 1;
    // A ring joined later starts where the consumer is (a fresh one at 0).
    this.head = (long) LONG.getAcquire(map, headIndex);
    this.tail = head;
    this.headCache = head;
    this.headAtLastWake = head;
  }

  /**
   * Whether the consumer has freed enough room since it last said yes that a producer blocked for
   * room may be waiting for it, so the consumer must look at the producer's sleeping flag (a full
   * fence and a load) and wake it; resets the count when it says yes.
   *
   * <p>Why a quarter of the ring is enough: a write fails only when the room left is under what
   * it needs, {@code padding + record + HEADER} &lt; 2 * (MAX_PAYLOAD + 2 * HEADER), which the
   * constructor's minimum (a power of 2 of at least 4 * (MAX_PAYLOAD + HEADER)) keeps under half the
   * ring. A producer that then sleeps raises its flag, fences and tries once more; if that try still
   * fails, its records from the head it saw to its tail span over half the ring, all complete, and
   * the consumer reads them. By the
   * time it has read a quarter of the ring past that head it has said yes here after a head store
   * the producer's last try did not see, so its fence comes after the producer's and it sees the
   * flag (Dekker, as in {@link ShmSegment#claimWakeUp}). Waking after every read instead rang a
   * producer that sleeps for another reason (its next message) once per message: a context switch
   * and a spin each time.
   */
  boolean freedEnoughToWake() {
    if (head - headAtLastWake < capacity / 4) {
      return false;
    }
    headAtLastWake = head;
    return true;
  }

  /**
   * Copies as much of {@code src} as the ring has room for, in records of at most
   * {@link #MAX_PAYLOAD}; returns the bytes taken (0 when the ring is full).
   */
  int write(ByteBuffer src) {
    int written = 0;
    while (src.hasRemaining()) {
      int n = Math.min(src.remaining(), MAX_PAYLOAD);
      int at = reserve(n);
      if (at < 0) {
        break;
      }
      map.put(data + at + HEADER, src, src.position(), n);
      publish(at, n);
      src.position(src.position() + n);
      written += n;
    }
    return written;
  }

  /**
   * Writes one whole frame, its header and {@code count} elements of {@code array}, as one record
   * straight from the array (no staging buffer); false, having written nothing, when the frame is
   * over {@link #MAX_PAYLOAD} or the ring has no room for it.
   */
  boolean writeFrame(int context, int tag, int kind, ElementType type, Object array, int offset, int count) {
    long length = (long) count * type.size();
    if (Frame.HEADER_BYTES + length > MAX_PAYLOAD) {
      return false;
    }
    int n = Frame.HEADER_BYTES + (int) length;
    int at = reserve(n);
    if (at < 0) {
      return false;
    }
    ByteBuffer out = writeView.limit(data + at + HEADER + n).position(data + at + HEADER);
    Frame.putHeader(out, context, tag, kind, length);
    type.put(out, array, offset, count);
    publish(at, n);
    return true;
  }

  /**
   * Lends the payload space of a new record, {@link #MAX_PAYLOAD} bytes in the frames' byte order,
   * to fill from its position; null when the ring has no room for a whole one. {@link #commit}
   * publishes what was filled.
   */
  ByteBuffer claim() {
    int at = reserve(MAX_PAYLOAD);
    if (at < 0) {
      return null;
    }
    claimed = at;
    return writeView.limit(data + at + HEADER + MAX_PAYLOAD).position(data + at + HEADER);
  }

  /** Publishes the record {@link #claim} lent with its first {@code n} bytes filled; 0 publishes nothing. */
  void commit(int n) {
    if (n > 0) {
      publish(claimed, n);
    }
  }

  /**
   * Where a record of {@code n} payload bytes goes (its header's index in the data; the payload
   * follows it), or -1 if there is no room for it, any padding before it, and the next record's
   * header, which {@link #publish} zeroes.
   */
  private int reserve(int n) {
    int record = align(HEADER + n);
    int index = (int) (tail & mask);
    int toEnd = capacity - index;
    int padding = record > toEnd ? toEnd : 0;
    if (!room(padding + record + HEADER)) {
      return -1;
    }
    return padding == 0 ? index : 0;
  }

  /** Makes the record {@link #reserve} placed at {@code at}, its payload written, visible to the consumer. */
  private void publish(int at, int n) {
    int record = align(HEADER + n);
    int index = (int) (tail & mask);
    int padding = at == index ? 0 : capacity - index; // a record at 0 that was not due there wrapped
    INT.set(map, data + at + 4, DATA | n << 8); // the payload's exact length rides in the type word
    INT.set(map, data + ((at + record) & mask), 0); // the next record's length: not ready yet
    INT.setRelease(map, data + at, record);
    if (padding != 0) {
      // After the record at 0 is complete: the consumer jumps there as soon as it sees this.
      INT.set(map, data + index + 4, PADDING);
      INT.setRelease(map, data + index, padding);
    }
    tail += padding + record;
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
        takeOver(index, HEADER);
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
        takeOver(index, record);
        head += record;
      }
    }
    if (head != start) {
      LONG.setRelease(map, headIndex, head);
    }
    return copied;
  }

  /**
   * Lends the unread payload of the next complete record, as a view in the frames' byte order
   * (position at its first unread byte, limit at its end), or null when none is there yet. The
   * view is valid until {@link #consumed} gives its bytes back: parse from it, then say how much
   * was taken.
   */
  ByteBuffer peek() {
    while (true) {
      int index = (int) (head & mask);
      int record = (int) INT.getAcquire(map, data + index);
      if (record == 0) {
        return null;
      }
      int type = (int) INT.get(map, data + index + 4);
      if ((type & 0xff) == PADDING) {
        takeOver(index, HEADER);
        head += record;
        continue;
      }
      int from = data + index + HEADER;
      return readView.limit(from + (type >>> 8)).position(from + consumedOfRecord);
    }
  }

  /**
   * {@code n} bytes of what {@link #peek} lent are taken; a record taken whole goes back to the
   * producer (a release store of the head: our reads of it come before its reuse).
   */
  void consumed(int n) {
    int index = (int) (head & mask);
    int payload = (int) INT.get(map, data + index + 4) >>> 8;
    consumedOfRecord += n;
    if (consumedOfRecord == payload) {
      consumedOfRecord = 0;
      int record = (int) INT.get(map, data + index);
      takeOver(index, record);
      head += record;
      LONG.setRelease(map, headIndex, head);
    }
  }

  /**
   * Stores a zero into each cache line of the {@code bytes} at {@code index} that the consumer has
   * read, before it hands them back with its head. Reading leaves those lines shared between the
   * two cores, and on an AMD EPYC virtual machine the producer's vector copies into shared lines
   * ran at 6.6-6.7 GB/s at 1 MiB, most likely invalidating the consumer's copies line by line; into
   * lines the consumer had written, 16.6-18.1 GB/s in the same minutes (a two-process Java ring,
   * 16 KiB records, 4 alternating runs each), and 64 KiB went from 5.4-5.5 to 12.9-13.4 GB/s. One
   * store per line did better than zeroing the record (14.6-15.6 GB/s at 1 MiB). The bytes are
   * consumed, so what is stored does not matter.
   */
  private void takeOver(int index, int bytes) {
    int end = index + bytes;
    for (int at = index; at < end; at = (at & -CACHE_LINE) + CACHE_LINE) {
      map.putLong(data + at, 0L);
    }
  }

  /** Whether a record is waiting (a cheap acquire load: what a waiting consumer polls). */
  boolean hasData() {
    return (int) INT.getAcquire(map, data + (int) (head & mask)) != 0;
  }

  private static int align(int n) {
    return (n + 7) & ~7;
  }
}
