package io.picluster.it.ranks;

import io.picluster.comm.Comm;
import io.picluster.comm.Request;
import io.picluster.comm.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Traffic between ranks for the shared-memory tests. Every rank prints {@code pid RANK PID} and
 * {@code shm RANK yes|no} (whether this process maps a picluster segment), then:
 * <ul>
 *   <li>{@code random SEED ROUNDS}: each round every rank sends a message of a random size (0 B to
 *       1 MiB, seeded) to the next rank and checks every byte of the one from the previous rank; then
 *       rank 0 takes one message from each other rank with ANY_SOURCE, and checks each came once;
 *   <li>{@code ring LAPS}: an 8-byte token goes round the ranks LAPS times; rank 0 prints the time per hop.
 * </ul>
 */
public final class ShmTraffic {
  public static void main(String[] args) throws Exception {
    Comm world = Comm.world();
    int rank = world.rank();
    System.out.println("pid " + rank + " " + ProcessHandle.current().pid());
    System.out.println("shm " + rank + " " + (mapsSegment() ? "yes" : "no"));
    System.out.flush();
    if (args[0].equals("random")) {
      random(world, Long.parseLong(args[1]), Integer.parseInt(args[2]));
    } else {
      ring(world, Integer.parseInt(args[1]));
    }
    world.barrier();
    System.out.println("rank " + rank + " done");
  }

  private static void random(Comm world, long seed, int rounds) {
    int rank = world.rank();
    int size = world.size();
    int next = (rank + 1) % size;
    int previous = (rank - 1 + size) % size;
    Random mine = new Random(seed + rank);
    Random theirs = new Random(seed + previous);
    byte[] in = new byte[1 << 20];
    for (int round = 0; round < rounds; round++) {
      byte[] out = message(mine, round);
      Request<Void> sent = world.isend(out, 0, out.length, next, round % 7);
      byte[] expected = message(theirs, round);
      Status status = world.recv(in, 0, in.length, previous, round % 7);
      if (status.count() != expected.length || !Arrays.equals(in, 0, expected.length, expected, 0, expected.length)) {
        throw new AssertionError("rank " + rank + " round " + round + ": the message from rank " + previous
            + " (" + status.count() + " bytes, " + expected.length + " expected) differs (seed " + seed + ")");
      }
      sent.await();
      if (rank == 0) {
        boolean[] seen = new boolean[size];
        for (int i = 1; i < size; i++) {
          Status any = world.recv(in, 0, 8, Comm.ANY_SOURCE, 1000 + round); // ranks may be a round apart
          if (seen[any.source()] || in[0] != (byte) any.source() || in[1] != (byte) round) {
            throw new AssertionError("ANY_SOURCE round " + round + ": from rank " + any.source() + " came "
                + in[0] + "," + in[1] + " (" + any.count() + " bytes); seen " + Arrays.toString(seen));
          }
          seen[any.source()] = true;
        }
      } else {
        world.send(new byte[] {(byte) rank, (byte) round}, 0, 2, 0, 1000 + round);
      }
    }
    System.out.println("rank " + rank + " checked " + rounds + " messages");
  }

  /** Sizes across every regime: tiny, around the 16 KiB records, and up to 1 MiB. */
  private static byte[] message(Random random, int round) {
    int kind = random.nextInt(10);
    int length = kind < 4 ? random.nextInt(64) : kind < 8 ? random.nextInt(70_000) : random.nextInt(1 << 20);
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static void ring(Comm world, int laps) {
    int rank = world.rank();
    int size = world.size();
    long[] token = new long[1];
    world.barrier();
    long start = System.nanoTime();
    for (int lap = 0; lap < laps; lap++) {
      if (rank == 0) {
        token[0] = lap;
        world.send(token, 0, 1, 1, 3);
        world.recv(token, 0, 1, size - 1, 3);
        if (token[0] != lap + size - 1) {
          throw new AssertionError("lap " + lap + ": the token came back as " + token[0]);
        }
      } else {
        world.recv(token, 0, 1, rank - 1, 3);
        token[0]++;
        world.send(token, 0, 1, (rank + 1) % size, 3);
      }
    }
    if (rank == 0) {
      double micros = (System.nanoTime() - start) / 1e3 / ((double) laps * size);
      System.out.printf("ring laps=%d ranks=%d us_per_hop=%.2f%n", laps, size, micros);
    }
  }

  /** Whether this process maps a picluster shared-memory segment (unlinked once all ranks mapped it). */
  private static boolean mapsSegment() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/maps")).stream()
        .anyMatch(l -> l.matches(".*/picluster-\\w+-\\d+-\\d+( \\(deleted\\))?"));
  }
}
