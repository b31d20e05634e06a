package io.picluster.comm.internal;

import io.picluster.comm.CommException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Packs a run of byte blocks into one message ({@code count, lengths..., bytes...}) and back. */
final class Blobs {
  private Blobs() {}

  static byte[] pack(List<byte[]> blobs, int from, int to) {
    long total = 4L + 4L * (to - from);
    for (int i = from; i < to; i++) {
      total += blobs.get(i).length;
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new CommException("a collective's combined data exceeds 2 GiB; send it in parts");
    }
    ByteBuffer out = ByteBuffer.allocate((int) total).order(ElementType.ORDER);
    out.putInt(to - from);
    for (int i = from; i < to; i++) {
      out.putInt(blobs.get(i).length);
    }
    for (int i = from; i < to; i++) {
      out.put(blobs.get(i));
    }
    return out.array();
  }

  static List<byte[]> unpack(byte[] packed) {
    ByteBuffer in = ByteBuffer.wrap(packed).order(ElementType.ORDER);
    int count = in.getInt();
    int[] lengths = new int[count];
    for (int i = 0; i < count; i++) {
      lengths[i] = in.getInt();
    }
    List<byte[]> blobs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] blob = new byte[lengths[i]];
      in.get(blob);
      blobs.add(blob);
    }
    return blobs;
  }
}
