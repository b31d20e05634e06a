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
    ShmRing[] ends = twoMappings(dir, "picluster-ringtest-0-1");
    ShmRing producer = ends[0];
    ShmRing consumer = ends[1];
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
  void framesWrittenStraightFromArraysAndLentOutInPiecesCrossTheWrapIntact(@TempDir Path dir) throws Exception {
    long seed = System.nanoTime();
    System.out.println("ShmRingTest frames seed " + seed);
    ShmRing[] ends = twoMappings(dir, "picluster-ringtest-0-4");
    ShmRing producer = ends[0];
    ShmRing consumer = ends[1];
    int frames = 20_000;
    CRC32 sent = new CRC32();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      try {
        Random random = new Random(seed);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (int i = 0; i < frames; i++) {
          int count = random.nextInt(3) == 0 ? random.nextInt(16)
              : random.nextInt((ShmRing.MAX_PAYLOAD - Frame.HEADER_BYTES) / 8 + 1); // up to a whole record
          long[] values = random.longs(count).toArray();
          ByteBuffer expected = ByteBuffer.allocate(Frame.HEADER_BYTES + 8 * count).order(ElementType.ORDER);
          Frame.putHeader(expected, i, 7, Frame.kindOf(ElementType.LONG), 8L * count);
          ElementType.LONG.put(expected, values, 0, count);
          sent.update(expected.array());
          while (!producer.writeFrame(i, 7, Frame.kindOf(ElementType.LONG), ElementType.LONG, values, 0, count)) {
            Thread.yield();
            assertThat(System.nanoTime() - deadline).as("the consumer stopped taking").isNegative();
          }
        }
        assertThat(producer.writeFrame(0, 0, Frame.kindOf(ElementType.BYTE), ElementType.BYTE,
            new byte[ShmRing.MAX_PAYLOAD], 0, ShmRing.MAX_PAYLOAD)).as("a frame over one record").isFalse();
      } catch (Throwable e) {
        failure.set(e);
      }
    });
    writer.start();
    CRC32 received = new CRC32();
    Random takes = new Random(seed + 1);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (writer.isAlive() || consumer.peek() != null) {
      ByteBuffer lent = consumer.peek();
      if (lent == null) {
        Thread.yield();
        assertThat(System.nanoTime() - deadline).as("the producer stopped writing").isNegative();
        continue;
      }
      int n = Math.min(lent.remaining(), takes.nextInt(4) == 0 ? takes.nextInt(64) : lent.remaining());
      byte[] piece = new byte[n];
      lent.get(piece);
      received.update(piece);
      consumer.consumed(n);
    }
    writer.join();
    assertThat(failure.get()).isNull();
    assertThat(received.getValue()).as("checksum of every frame in order (seed " + seed + ")")
        .isEqualTo(sent.getValue());
  }

  @Test
  void aConsumerAsksToWakeTheProducerBeforeItHasFreedAQuarterPastAFailedWrite(@TempDir Path dir) {
    ShmSegment segment = ShmSegment.create(dir, "picluster-ringtest-0-5", 2, CAPACITY);
    ShmRing producer = segment.ring(0, 1);
    ShmRing consumer = segment.ring(0, 1);
    Random random = new Random(5);
    for (int round = 0; round < 200; round++) {
      // Fill until a write fails, as a producer about to sleep for room finds it.
      long queued = 0;
      ByteBuffer src;
      while (true) {
        src = ByteBuffer.allocate(1 + random.nextInt(ShmRing.MAX_PAYLOAD));
        int taken = producer.write(src);
        queued += taken;
        if (src.hasRemaining()) {
          break;
        }
      }
      ByteBuffer rest = src;
      // What stays queued past the head the producer saw spans more than a quarter of the ring,
      // and the consumer says "wake it" before it has read a quarter of the ring.
      long read = 0;
      boolean asked = false;
      while (!asked) {
        int n = consumer.read(ByteBuffer.allocate(1 + random.nextInt(2 * ShmRing.MAX_PAYLOAD)));
        assertThat(n).as("round " + round + ": ran out of records before saying wake (read " + read + ")")
            .isPositive();
        read += n;
        asked = consumer.freedEnoughToWake();
      }
      assertThat(read).isLessThanOrEqualTo(CAPACITY / 4 + 2 * ShmRing.MAX_PAYLOAD);
      // drain the rest and the producer's leftover so the next round starts from a quiet ring
      while (consumer.read(ByteBuffer.allocate(CAPACITY)) > 0) {
        consumer.freedEnoughToWake();
      }
      while (rest.hasRemaining()) {
        producer.write(rest);
        consumer.read(ByteBuffer.allocate(CAPACITY));
      }
      assertThat(queued).isPositive();
    }
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

  /** A folder with room to spare (this test's, on a disk of gigabytes): no page is written ahead. */
  @Test
  void inARoomyFolderTheSegmentsPagesComeOnlyAsTheRingsTouchThem(@TempDir Path dir) throws Exception {
    ShmSegment segment = ShmSegment.create(dir, "picluster-ringtest-0-4", 4, CAPACITY);
    long size = ShmSegment.bytes(4, CAPACITY);
    assertThat(Files.size(segment.file())).isEqualTo(size);
    assertThat(allocatedBytes(segment.file())).as("bytes on disk of %s", size).isLessThan(size / 4);
    segment.ring(0, 1).write(ByteBuffer.wrap(new byte[] {42}));
    ByteBuffer one = ByteBuffer.allocate(8);
    assertThat(segment.ring(0, 1).read(one)).isEqualTo(1);
    assertThat(one.get(0)).isEqualTo((byte) 42);
  }

  /** The file's allocated blocks, as {@code stat} gives them (Java has no call for it). */
  private static long allocatedBytes(Path file) throws Exception {
    Process stat = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).start();
    String[] words = new String(stat.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
        .trim().split(" ");
    assertThat(stat.waitFor()).isZero();
    return Long.parseLong(words[0]) * Long.parseLong(words[1]);
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

  /** Ring 0 -> 1 of a new segment: the producer's end in one mapping, the consumer's in another, as two ranks map it. */
  private static ShmRing[] twoMappings(Path dir, String name) {
    ShmSegment segment = ShmSegment.create(dir, name, 2, CAPACITY);
    ShmSegment other = ShmSegment.attach(segment.file(), 2, CAPACITY);
    segment.unlink();
    return new ShmRing[] {segment.ring(0, 1), other.ring(0, 1)};
  }

  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }
}
