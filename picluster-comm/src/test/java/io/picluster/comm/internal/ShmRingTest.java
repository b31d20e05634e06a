package io.picluster.comm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picluster.comm.CommException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared-memory ring and its segment, with a producer and a consumer thread over a real mapping. */
class ShmRingTest {
  private static final int CAPACITY = 128 * 1024;

  @Test
  void aStreamOfRandomSizesCrossesTheWrapManyTimesIntact(@TempDir Path dir) throws Exception {
    long seed = System.nanoTime();
    System.out.println("ShmRingTest seed " + seed);
    ShmSegment segment = ShmSegment.create(dir, "picluster-ringtest-0-1", 2, CAPACITY);
    ShmSegment other = ShmSegment.attach(segment.file(), 2, CAPACITY);
    segment.unlink();
    ShmRing producer = segment.ring(0, 1);
    ShmRing consumer = other.ring(0, 1);
    long total = 64L * 1024 * 1024; // 512 laps of the ring
    CRC32 sent = new CRC32();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      try {
        Random random = new Random(seed);
        long left = total;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (left > 0) {
          // sizes around the record limit and tiny ones, so records land on every offset of the wrap
          int size = (int) Math.min(left, random.nextInt(4) == 0 ? 1 + random.nextInt(16)
              : 1 + random.nextInt(3 * ShmRing.MAX_PAYLOAD));
          byte[] bytes = new byte[size];
          random.nextBytes(bytes);
          sent.update(bytes);
          ByteBuffer src = ByteBuffer.wrap(bytes);
          while (src.hasRemaining()) {
            if (producer.write(src) == 0) {
              Thread.yield();
              assertThat(System.nanoTime() - deadline).as("the consumer stopped taking").isNegative();
            }
          }
          left -= size;
        }
      } catch (Throwable e) {
        failure.set(e);
      }
    });
    writer.start();
    CRC32 received = new CRC32();
    Random reads = new Random(seed + 1);
    long got = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (got < total && failure.get() == null) {
      ByteBuffer dst = ByteBuffer.allocate(1 + reads.nextInt(40_000)); // partial records too
      int n = consumer.read(dst);
      if (n == 0) {
        Thread.yield();
        assertThat(System.nanoTime() - deadline).as("the producer stopped writing").isNegative();
        continue;
      }
      assertThat(dst.position()).isEqualTo(n);
      received.update(dst.array(), 0, n);
      got += n;
    }
    writer.join(TimeUnit.SECONDS.toMillis(120));
    assertThat(failure.get()).isNull();
    assertThat(got).isEqualTo(total);
    assertThat(received.getValue()).as("checksum of every byte in order (seed " + seed + ")").isEqualTo(sent.getValue());
    assertThat(consumer.read(ByteBuffer.allocate(16))).isZero();
  }

  @Test
  void aFullRingTakesNothingAndTakesMoreOnceRead(@TempDir Path dir) {
    ShmSegment segment = ShmSegment.create(dir, "picluster-ringtest-0-2", 2, CAPACITY);
    ShmRing producer = segment.ring(1, 0);
    ShmRing consumer = segment.ring(1, 0);
    long written = 0;
    for (int i = 0; i < 1000 && producer.write(ByteBuffer.allocate(1000)) > 0; i++) {
      written += 1000;
    }
    assertThat(written).isLessThan(CAPACITY).isGreaterThan(CAPACITY / 2);
    assertThat(producer.write(ByteBuffer.allocate(1000))).isZero();
    assertThat(consumer.read(ByteBuffer.allocate(4000))).isEqualTo(4000);
    assertThat(producer.write(ByteBuffer.allocate(1000))).isEqualTo(1000);
  }

  @Test
  void theSegmentIsMadeOfZerosAndRingsDoNotOverlap(@TempDir Path dir) throws Exception {
    ShmSegment segment = ShmSegment.create(dir, "picluster-ringtest-0-3", 3, CAPACITY);
    assertThat(Files.size(segment.file())).isEqualTo(ShmSegment.bytes(3, CAPACITY));
    // every ordered pair has its own ring: a message on one is seen on no other
    for (int from = 0; from < 3; from++) {
      for (int to = 0; to < 3; to++) {
        if (from != to) {
          segment.ring(from, to).write(ByteBuffer.wrap(new byte[] {(byte) (10 * from + to)}));
        }
      }
    }
    for (int from = 0; from < 3; from++) {
      for (int to = 0; to < 3; to++) {
        if (from != to) {
          ByteBuffer one = ByteBuffer.allocate(8);
          assertThat(segment.ring(from, to).read(one)).isEqualTo(1);
          assertThat(one.get(0)).isEqualTo((byte) (10 * from + to));
        }
      }
    }
  }

  @Test
  void aStaleSegmentOfADeadCreatorIsRemovedAndALiveOnesIsKept(@TempDir Path dir) throws Exception {
    long dead = deadPid();
    Path stale = Files.createFile(dir.resolve(ShmSegment.fileName("job1", 1000, dead)));
    Path live = Files.createFile(dir.resolve(ShmSegment.fileName("job2", 1000, ProcessHandle.current().pid())));
    Path otherUser = Files.createFile(dir.resolve(ShmSegment.fileName("job3", 1001, dead)));
    ShmSegment.removeStale(dir, 1000);
    assertThat(stale).doesNotExist();
    assertThat(live).exists();
    assertThat(otherUser).exists();
  }

  @Test
  void aSegmentTooBigForItsFolderIsAOneLineError() {
    // /proc does not take writes: the same IOException path as a full tmpfs (ENOSPC)
    assertThatThrownBy(() -> ShmSegment.create(Path.of("/proc"), "picluster-x-0-1", 2, CAPACITY))
        .isInstanceOf(CommException.class)
        .hasMessageContaining("PICLUSTER_SHM=0")
        .hasMessageNotContaining("\n");
  }

  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }
}
