package io.picluster.jobs;

import io.picluster.comm.Comm;
import java.util.Arrays;
import java.util.List;

/**
 * {@code pingpong}: ranks 0 and 1 bounce a message back and forth, as NetPIPE does, and rank 0
 * prints the one-way time (half a round trip) and the bandwidth for each size. Other ranks idle.
 */
final class PingPongJob implements Job {
  private static final int TAG = 1;
  /** Rank 0 tells rank 1 with this tag whether another round of warm-up follows. */
  private static final int WARMUP_TAG = 2;
  /**
   * Round trips are timed only once the JIT has compiled the send and receive paths: 1000 untimed
   * rounds left the first 20000 timed ones on the first-tier code, whose 8 B median was 0.5-1.2 us
   * where the compiled path takes 0.13-0.16 us (C2 takes them after some 60000 round trips, later
   * still while 2 spinning ranks hold both cores: the compiler thread waits for a core). So warm-up
   * goes on in batches until their median has not beaten the best by 5 % for {@link #SETTLE_NANOS},
   * or for at most {@link #MAX_WARMUP_NANOS}. NetPIPE, the comparison, reports the best of repeated trials.
   */
  static final long SETTLE_NANOS = 1_000_000_000L;
  static final long MAX_WARMUP_NANOS = 5_000_000_000L;
  private static final int[] DEFAULT_SIZES = {8, 1 << 20};

  @Override
  public String name() {
    return "pingpong";
  }

  @Override
  public String summary() {
    return "latency and bandwidth between ranks 0 and 1";
  }

  @Override
  public String usage() {
    return "pingpong [SIZE...]   message sizes in bytes (default: 8 1048576); needs at least 2 ranks";
  }

  @Override
  public void check(List<String> args) {
    sizes(args);
  }

  private static int[] sizes(List<String> args) {
    if (args.isEmpty()) {
      return DEFAULT_SIZES.clone();
    }
    int[] sizes = new int[args.size()];
    for (int i = 0; i < sizes.length; i++) {
      try {
        sizes[i] = Integer.parseInt(args.get(i));
      } catch (NumberFormatException e) {
        sizes[i] = -1;
      }
      if (sizes[i] < 0 || sizes[i] > (256 << 20)) {
        throw new IllegalArgumentException("pingpong sizes are bytes from 0 to 268435456, got '" + args.get(i) + "'");
      }
    }
    return sizes;
  }

  @Override
  public int run(List<String> args) {
    Comm world = Comm.world();
    if (world.size() < 2) {
      if (world.rank() == 0) {
        System.err.println("picluster: pingpong needs at least 2 ranks: run it with -n 2");
      }
      return 2;
    }
    for (int size : sizes(args)) {
      measure(world, size);
    }
    return 0;
  }

  private static void measure(Comm world, int size) {
    int iterations = size <= 1024 ? 20_000 : size <= (64 << 10) ? 2_000 : 300;
    int warmupRounds = Math.max(1000, iterations / 10);
    byte[] buffer = new byte[size];
    world.barrier();
    if (world.rank() == 0) {
      warmUp(world, buffer, warmupRounds);
      long[] roundTrips = new long[iterations];
      timeRoundTrips(world, buffer, roundTrips);
      Arrays.sort(roundTrips);
      double medianOneWayMicros = roundTrips[iterations / 2] / 2e3;
      double minOneWayMicros = roundTrips[0] / 2e3;
      if (size <= 1024) {
        System.out.printf("latency_us size=%d median=%.2f min=%.2f iterations=%d%n",
            size, medianOneWayMicros, minOneWayMicros, iterations);
      } else {
        double megabytesPerSecond = size / medianOneWayMicros; // bytes per µs = MB/s
        System.out.printf("bandwidth_MBps size=%d median=%.0f max=%.0f iterations=%d%n",
            size, megabytesPerSecond, size / minOneWayMicros, iterations);
      }
    } else if (world.rank() == 1) {
      echoWarmUp(world, buffer, warmupRounds);
      echo(world, buffer, iterations);
    }
  }

  /**
   * Rank 0's untimed round trips, {@code rounds} at a time, until their medians settle (see
   * {@link #SETTLE_NANOS}); after each batch it tells rank 1 whether another follows. The
   * batches run the timed loop itself, so that it is compiled too.
   */
  private static void warmUp(Comm world, byte[] buffer, int rounds) {
    long[] times = new long[rounds];
    long start = System.nanoTime();
    long best = Long.MAX_VALUE;
    long lastGain = start;
    int[] more = new int[1];
    do {
      timeRoundTrips(world, buffer, times);
      Arrays.sort(times);
      long median = times[rounds / 2];
      long now = System.nanoTime();
      if (median < best - best / 20) {
        lastGain = now;
      }
      best = Math.min(best, median);
      more[0] = now - start < MAX_WARMUP_NANOS && now - lastGain < SETTLE_NANOS ? 1 : 0;
      world.send(more, 0, 1, 1, WARMUP_TAG);
    } while (more[0] == 1);
  }

  /** Rank 1's side of {@link #warmUp}. */
  private static void echoWarmUp(Comm world, byte[] buffer, int rounds) {
    int[] more = new int[1];
    do {
      echo(world, buffer, rounds);
      world.recv(more, 0, 1, 0, WARMUP_TAG);
    } while (more[0] == 1);
  }

  /** Rank 0: one round trip to rank 1 per element of {@code times}, each timed into it. */
  private static void timeRoundTrips(Comm world, byte[] buffer, long[] times) {
    for (int i = 0; i < times.length; i++) {
      long start = System.nanoTime();
      world.send(buffer, 0, buffer.length, 1, TAG);
      world.recv(buffer, 0, buffer.length, 1, TAG);
      times[i] = System.nanoTime() - start;
    }
  }

  /** Rank 1: sends back each of {@code rounds} messages from rank 0. */
  private static void echo(Comm world, byte[] buffer, int rounds) {
    for (int i = 0; i < rounds; i++) {
      world.recv(buffer, 0, buffer.length, 0, TAG);
      world.send(buffer, 0, buffer.length, 0, TAG);
    }
  }
}
