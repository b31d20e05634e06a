package io.picluster.bench;

import io.picluster.comm.Comm;
import java.util.Locale;

/**
 * The 8-byte token ring of bench row 11 as a picluster job: rank 0 sends a counter round the ranks
 * LAPS times and prints the time per hop (resource {@code token-ring/token_ring.c} is the same in C).
 */
public final class TokenRing {
  private TokenRing() {}

  public static void main(String[] args) {
    Comm world = Comm.world();
    int rank = world.rank();
    int size = world.size();
    int laps = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    // As many laps untimed first: the JIT compiles the hot path while they run (with 4 JVMs on 2
    // cores, that took more time than 10000 timed laps); the figure is the steady state, as MPI's
    // latency benchmarks report it.
    laps(world, laps);
    world.barrier();
    long start = System.nanoTime();
    laps(world, laps);
    if (rank == 0) {
      System.out.printf(Locale.ROOT, "ring_us_per_hop laps=%d ranks=%d value=%.3f%n", laps, size,
          (System.nanoTime() - start) / 1e3 / ((double) laps * size));
    }
  }

  private static void laps(Comm world, int laps) {
    int rank = world.rank();
    int size = world.size();
    long[] token = new long[1];
    for (int lap = 0; lap < laps; lap++) {
      if (rank == 0) {
        token[0] = lap;
        world.send(token, 0, 1, 1, 3);
        world.recv(token, 0, 1, size - 1, 3);
        if (token[0] != lap + size - 1) {
          throw new IllegalStateException("lap " + lap + ": the token came back as " + token[0]);
        }
      } else {
        world.recv(token, 0, 1, rank - 1, 3);
        token[0]++;
        world.send(token, 0, 1, (rank + 1) % size, 3);
      }
    }
  }
}
