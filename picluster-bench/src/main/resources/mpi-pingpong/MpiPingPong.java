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
    int warmup = Math.max(1000, iterations / 10);
    byte[] buffer = new byte[n];
    long[] roundTrips = new long[iterations];
    MPI.COMM_WORLD.Barrier();
    if (rank == 0) {
      for (int i = -warmup; i < iterations; i++) {
        long start = System.nanoTime();
        MPI.COMM_WORLD.Send(buffer, 0, n, MPI.BYTE, 1, TAG);
        MPI.COMM_WORLD.Recv(buffer, 0, n, MPI.BYTE, 1, TAG);
        if (i >= 0) {
          roundTrips[i] = System.nanoTime() - start;
        }
      }
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
      for (int i = -warmup; i < iterations; i++) {
        MPI.COMM_WORLD.Recv(buffer, 0, n, MPI.BYTE, 0, TAG);
        MPI.COMM_WORLD.Send(buffer, 0, n, MPI.BYTE, 0, TAG);
      }
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
