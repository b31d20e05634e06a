package io.picluster.comm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlobsTest {
  @Test
  void aRunOfBlocksPacksAndUnpacks() {
    List<byte[]> blocks = List.of(new byte[] {1}, new byte[0], new byte[] {2, 3, 4}, new byte[] {5});
    List<byte[]> middle = Blobs.unpack(Blobs.pack(blocks, 1, 3));
    assertThat(middle).hasSize(2);
    assertThat(middle.get(0)).isEmpty();
    assertThat(middle.get(1)).containsExactly(2, 3, 4);
    assertThat(Blobs.unpack(Blobs.pack(blocks, 2, 2))).isEmpty();
  }
}
