package io.picluster.jobs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * A soak message: a 32-byte header (magic, sender, receiver, sequence number, tag, length, CRC-32C
 * of the payload) and a payload cut from a random block that every rank makes from the seed.
 */
final class SoakMessage {
  static final int HEADER = 32;
  private static final int MAGIC = 0x534f414b; // "SOAK"
  private static final int SPREAD = 64 << 10;

  /** What a received message turned out to be. */
  record Check(boolean intact, long seq) {}

  private final byte[] block;

  SoakMessage(long seed) {
    block = new byte[SoakPlan.MAX_SIZE + SPREAD];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < block.length; i += 8) {
      long v = random.nextLong();
      for (int b = 0; b < 8 && i + b < block.length; b++) {
        block[i + b] = (byte) (v >>> (8 * b));
      }
    }
  }

  byte[] make(int src, int dst, long seq, int tag, int length) {
    byte[] m = new byte[length];
    int offset = (int) Math.floorMod(seq * 7919 + src * 104729L + dst, (long) SPREAD);
    System.arraycopy(block, offset, m, HEADER, length - HEADER);
    ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN)
        .putInt(MAGIC).putInt(src).putInt(dst).putLong(seq).putInt(tag).putInt(length)
        .putInt(crc(m, length));
    return m;
  }

  /** Checks LENGTH bytes of M, received by DST from SRC with TAG (as the status says). */
  static Check check(byte[] m, int length, int src, int dst, int tag) {
    if (length < HEADER) {
      return new Check(false, -1);
    }
    ByteBuffer h = ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
    int magic = h.getInt();
    int s = h.getInt();
    int d = h.getInt();
    long seq = h.getLong();
    int t = h.getInt();
    int len = h.getInt();
    int sum = h.getInt();
    boolean intact = magic == MAGIC && s == src && d == dst && t == tag && len == length
        && sum == crc(m, length);
    return new Check(intact, seq);
  }

  private static int crc(byte[] m, int length) {
    CRC32C c = new CRC32C();
    c.update(m, HEADER, length - HEADER);
    return (int) c.getValue();
  }
}
