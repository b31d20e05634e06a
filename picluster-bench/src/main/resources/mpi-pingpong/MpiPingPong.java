import java.util.Arrays;
import java.util.Locale;
import mpi.MPI;
import mpi.Status;

/**
 * Ping-pong between ranks 0 and 1, written against the mpiJava 1.2 API of MPJ Express 0.44. bin/bench
 * compiles this one source twice, against MPJ Express's mpj.jar and against picluster's package mpi,
 * and runs each build under its own runtime: that it compiles and runs unchanged on both is part of
 * what the bench shows.
 *
 * <p>For each size, rank 0 first checks one echo (offsets, counts and the Status), then times round
 * trips and prints the one-way time (half the median round trip) in the format and with the schedule
 * of picluster's {@code pingpong} job, so the two differ only in the API layer:
 * {@code latency_us size=8 median=...} and {@code bandwidth_MBps size=1048576 median=...}.
 * Timing uses System.nanoTime: MPJ Express's MPI.Wtime() counts whole seconds.
 */
public class MpiPingPong {
  /** The line rank 0 prints once every echo checked out. */
  static final String CHECKED = "mpi-pingpong: echoes with offsets and Status checked";

  private static final int TAG = 7;
  private static final int WARMUP_TAG = 8;
  /** The pingpong job's warm-up bounds: untimed batches until their medians settle. */
  private static final long SETTLE_NANOS = 1_000_000_000L;
  private static final long MAX_WARMUP_NANOS = 5_000_000_000L;
  private static final int[] SIZES = {8, 1 << 20};
  private static final byte UNTOUCHED = (byte) 0x5A;

  public static void main(String[] args) throws Exception {
    MPI.Init(args);
    int rank = MPI.COMM_WORLD.Rank();
    int size = MPI.COMM_WORLD.Size();
    if (size != 2) {
      if (rank == 0) {
        System.err.println("MpiPingPong: needs exactly 2 ranks, got " + size);
      }
      MPI.Finalize();
      System.exit(2);
    }
    for (int n : SIZES) {
      checkEcho(rank, n);
    }
    if (rank == 0) {
      System.out.println(CHECKED);
    }
    for (int n : SIZES) {
      measure(rank, n);
    }
    MPI.Finalize();
  }

  /**
   * One untimed round trip through buffers at different offsets: rank 0 sends from offset 5, rank 1
   * receives at offset 11 and echoes from there, rank 0 receives at offset 3. The data must come back
   * intact, the bytes around it untouched, and each Status must name the sender, tag and count.
   */
  static void checkEcho(int rank, int n) throws Exception {
    if (rank == 0) {
      byte[] out = new byte[5 + n];
      for (int i = 0; i < n; i++) {
        out[5 + i] = (byte) (i * 31 + 7);
      }
      MPI.COMM_WORLD.Send(out, 5, n, MPI.BYTE, 1, TAG);
      byte[] back = filled(3 + n + 4);
      Status s = MPI.COMM_WORLD.Recv(back, 3, n, MPI.BYTE, 1, TAG);
      expectStatus(s, 1, n);
      for (int i = 0; i < back.length; i++) {
        boolean data = i >= 3 && i < 3 + n;
        byte want = data ? out[5 + i - 3] : UNTOUCHED;
        if (back[i] != want) {
          throw new IllegalStateException("echo of " + n + " B differs at index " + i);
        }
      }
    } else {
      byte[] in = filled(11 + n + 4);
      Status s = MPI.COMM_WORLD.Recv(in, 11, n, MPI.BYTE, 0, TAG);
      expectStatus(s, 0, n);
      if (in[10] != UNTOUCHED || in[11 + n] != UNTOUCHED) {
        throw new IllegalStateException("receive of " + n + " B wrote outside its " + n + " bytes");
      }
      MPI.COMM_WORLD.Send(in, 11, n, MPI.BYTE, 0, TAG);
    }
  }

  /** Times round trips of n bytes, with picluster's pingpong job's schedule. */
  static void measure(int rank, int n) throws Exception {
    int iterations = n <= 1024 ? 20_000 : n <= (64 << 10) ? 2_000 : 300;
    int warmupRounds = Math.max(1000, iterations / 10);
    byte[] buffer = new byte[n];
    MPI.COMM_WORLD.Barrier();
    if (rank == 0) {
      warmUp(buffer, warmupRounds);
      long[] roundTrips = new long[iterations];
      timeRoundTrips(buffer, roundTrips);
      Arrays.sort(roundTrips);
      double medianOneWayMicros = roundTrips[iterations / 2] / 2e3;
      double minOneWayMicros = roundTrips[0] / 2e3;
      if (n <= 1024) {
        System.out.printf(Locale.ROOT, "latency_us size=%d median=%.2f min=%.2f iterations=%d%n",
            n, medianOneWayMicros, minOneWayMicros, iterations);
      } else {
        System.out.printf(Locale.ROOT, "bandwidth_MBps size=%d median=%.0f max=%.0f iterations=%d%n",
            n, n / medianOneWayMicros, n / minOneWayMicros, iterations);
      }
    } else {
      echoWarmUp(buffer, warmupRounds);
      echo(buffer, iterations);
    }
  }

  /**
   * Untimed batches of round trips until their median has not beaten the best by 5 % for
   * SETTLE_NANOS (at most MAX_WARMUP_NANOS), so timing starts on compiled code;
   * after each batch rank 1 is told whether another follows.
   */
  static void warmUp(byte[] buffer, int rounds) throws Exception {
    long[] times = new long[rounds];
    long start = System.nanoTime();
    long best = Long.MAX_VALUE;
    long lastGain = start;
    int[] more = new int[1];
    do {
      timeRoundTrips(buffer, times);
      Arrays.sort(times);
      long median = times[rounds / 2];
      long now = System.nanoTime();
      if (median < best - best / 20) {
        lastGain = now;
      }
      best = Math.min(best, median);
      more[0] = now - start < MAX_WARMUP_NANOS && now - lastGain < SETTLE_NANOS ? 1 : 0;
      MPI.COMM_WORLD.Send(more, 0, 1, MPI.INT, 1, WARMUP_TAG);
    } while (more[0] == 1);
  }

  static void echoWarmUp(byte[] buffer, int rounds) throws Exception {
    int[] more = new int[1];
    do {
      echo(buffer, rounds);
      MPI.COMM_WORLD.Recv(more, 0, 1, MPI.INT, 0, WARMUP_TAG);
    } while (more[0] == 1);
  }

  /** Rank 0: one round trip per element of times, each timed into it. */
  static void timeRoundTrips(byte[] buffer, long[] times) throws Exception {
    for (int i = 0; i < times.length; i++) {
      long start = System.nanoTime();
      MPI.COMM_WORLD.Send(buffer, 0, buffer.length, MPI.BYTE, 1, TAG);
      MPI.COMM_WORLD.Recv(buffer, 0, buffer.length, MPI.BYTE, 1, TAG);
      times[i] = System.nanoTime() - start;
    }
  }

  /** Rank 1: sends back each of rounds messages from rank 0. */
  static void echo(byte[] buffer, int rounds) throws Exception {
    for (int i = 0; i < rounds; i++) {
      MPI.COMM_WORLD.Recv(buffer, 0, buffer.length, MPI.BYTE, 0, TAG);
      MPI.COMM_WORLD.Send(buffer, 0, buffer.length, MPI.BYTE, 0, TAG);
    }
  }

  private static byte[] filled(int length) {
    byte[] b = new byte[length];
    Arrays.fill(b, UNTOUCHED);
    return b;
  }

  private static void expectStatus(Status s, int source, int n) {
    if (s.source != source || s.tag != TAG || s.Get_count(MPI.BYTE) != n) {
      throw new IllegalStateException("Status of a " + n + " B message from rank " + source
          + " says source " + s.source + ", tag " + s.tag + ", count " + s.Get_count(MPI.BYTE));
    }
  }
}
