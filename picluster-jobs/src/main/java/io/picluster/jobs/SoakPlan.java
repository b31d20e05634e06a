package io.picluster.jobs;

import java.util.SplittableRandom;

/**
 * One round of the soak's traffic, the same on every rank (it comes from the seed and the round
 * number alone): who sends how many messages of which size and tag to whom, and each message's
 * sequence number on its (sender, receiver) pair. Receivers thus know exactly what must arrive.
 */
final class SoakPlan {
  /** Most messages are small, some medium, a few up to {@link #MAX_SIZE}. */
  static final int MAX_SIZE = 4 << 20;
  static final int MAX_TAG = 1000;

  final int size;
  final int perRank;
  final int[][] dest;
  final int[][] tag;
  final int[][] bytes;
  final long[][] seq;

  /**
   * @param next the sequence number each (sender, receiver) pair continues from; advanced by the
   *     messages of this round
   */
  SoakPlan(long seed, int round, int size, int perRank, long[][] next) {
    this.size = size;
    this.perRank = perRank;
    dest = new int[size][perRank];
    tag = new int[size][perRank];
    bytes = new int[size][perRank];
    seq = new long[size][perRank];
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + round);
    for (int src = 0; src < size; src++) {
      for (int k = 0; k < perRank; k++) {
        int d = random.nextInt(size - 1);
        dest[src][k] = d >= src ? d + 1 : d;
        tag[src][k] = random.nextInt(MAX_TAG);
        bytes[src][k] = messageSize(random);
        seq[src][k] = next[src][dest[src][k]]++;
      }
    }
  }

  /** 90 % up to 256 bytes, 9.9 % up to 64 KiB, 0.1 % up to 4 MiB. */
  private static int messageSize(SplittableRandom random) {
    int p = random.nextInt(1000);
    if (p < 900) {
      return SoakMessage.HEADER + random.nextInt(256 - SoakMessage.HEADER + 1);
    }
    if (p < 999) {
      return 257 + random.nextInt((64 << 10) - 257 + 1);
    }
    return (64 << 10) + 1 + random.nextInt(MAX_SIZE - (64 << 10));
  }

  /** How many messages rank {@code me} receives from each rank this round. */
  int[] incoming(int me) {
    int[] n = new int[size];
    for (int src = 0; src < size; src++) {
      for (int k = 0; k < perRank; k++) {
        if (dest[src][k] == me) {
          n[src]++;
        }
      }
    }
    return n;
  }

  /** Messages and bytes sent in this round by everyone. */
  long[] totals() {
    long messages = 0;
    long sum = 0;
    for (int src = 0; src < size; src++) {
      for (int k = 0; k < perRank; k++) {
        messages++;
        sum += bytes[src][k];
      }
    }
    return new long[] {messages, sum};
  }
}
