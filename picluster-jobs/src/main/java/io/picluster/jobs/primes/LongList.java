package io.picluster.jobs.primes;

import java.util.Arrays;

/** A growing list of {@code long}s without boxing. */
final class LongList {
  private long[] values;
  private int size;

  LongList(int initialCapacity) {
    values = new long[Math.max(initialCapacity, 8)];
  }

  void add(long value) {
    if (size == values.length) {
      grow();
    }
    values[size++] = value;
  }

  int size() {
    return size;
  }

  /** The values added so far, in a new array of exactly {@link #size()} elements. */
  long[] toArray() {
    return Arrays.copyOf(values, size);
  }

  private void grow() {
    long wanted = values.length + (values.length >> 1) + 8L;
    if (size >= Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("more than " + size + " values do not fit in one array");
    }
    values = Arrays.copyOf(values, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
  }
}
