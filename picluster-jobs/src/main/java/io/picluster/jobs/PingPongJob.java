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
    int warmup = Math.max(1000, iterations / 10); // enough rounds for the JIT to compile the copy paths
    byte[] buffer = new byte[size];
    long[] roundTrips = new long[iterations];
    world.barrier();
    if (world.rank() == 0) {
      for (int i = -warmup; i < iterations; i++) {
        long start = System.nanoTime();
        world.send(buffer, 0, size, 1, TAG);
        world.recv(buffer, 0, size, 1, TAG);
        if (i >= 0) {
          roundTrips[i] = System.nanoTime() - start;
        }
      }
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
      for (int i = -warmup; i < iterations; i++) {
        world.recv(buffer, 0, size, 0, TAG);
        world.send(buffer, 0, size, 0, TAG);
      }
    }
  }
}
