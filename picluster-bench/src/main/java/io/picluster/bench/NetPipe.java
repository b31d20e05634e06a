package io.picluster.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * MPICH's ping-pong figure for one message size, from NetPIPE ({@code NPmpich2}) forced onto TCP.
 *
 * <p>NetPIPE's output file has three columns: bytes, rate in Mbit/s where "M" is 2^20, and the
 * one-way time in <em>seconds</em> (half the round trip; netpipe(1): "the time to transfer the
 * block (half the round-trip time)"). We use only bytes and time, so the rate is ours to define:
 * MB/s = bytes / one-way seconds / 10^6, the same definition the other two sides use. Each row is
 * the best of NetPIPE's few timed trials (it keeps the minimum), so MPICH gets a best case while
 * the Java sides report medians: a conservative comparison for us.
 */
final class NetPipe {
  /** Generous: a run takes under a second, but 1 run in 5 can hang in finalisation (the anchors' measurements in shared/research/BASELINES.md, beside the repo). */
  private static final int TIMEOUT_S = 120;

  private NetPipe() {}

  /** One NetPIPE run measuring exactly {@code size} over TCP; the one-way time in seconds. */
  static double oneWaySeconds(long size) throws RunFailed {
    // NOLOCAL alone still uses UCX shared memory; UCX_TLS=tcp forces sockets, lo keeps it local.
    return oneWaySeconds(size, Map.of("MPIR_CVAR_NOLOCAL", "1", "UCX_TLS", "tcp", "UCX_NET_DEVICES", "lo"));
  }

  /** The same through MPICH's shared memory (its default between ranks on one host). */
  static double oneWaySecondsSharedMemory(long size) throws RunFailed {
    return oneWaySeconds(size, Map.of());
  }

  private static double oneWaySeconds(long size, Map<String, String> env) throws RunFailed {
    try (TempDir tmp = new TempDir("bench-netpipe")) {
      Path dir = tmp.path();
      String s = Long.toString(size);
      List<String> argv = List.of("timeout", "-k", "5", Integer.toString(TIMEOUT_S),
          "mpiexec.mpich", "-n", "2", "NPmpich2", "-p", "0", "-l", s, "-u", s, "-o", "np.out");
      Command.run(argv, dir, env, Duration.ofSeconds(TIMEOUT_S + 10)).requireSuccess();
      Path npOut = dir.resolve("np.out");
      if (!Files.exists(npOut)) {
        throw new RunFailed("NetPIPE wrote no np.out");
      }
      return parse(Files.readString(npOut, StandardCharsets.US_ASCII), size);
    } catch (IOException e) {
      throw new RunFailed("cannot read np.out: " + e.getMessage());
    }
  }

  /** The one-way seconds of the row for {@code size} in an np.out file. */
  static double parse(String npOut, long size) throws RunFailed {
    for (String line : npOut.split("\n")) {
      String[] cols = line.trim().split("\\s+");
      if (cols.length >= 3 && cols[0].equals(Long.toString(size))) {
        try {
          double seconds = Double.parseDouble(cols[2]);
          if (seconds > 0) {
            return seconds;
          }
        } catch (NumberFormatException e) {
          // fall through to the error below
        }
        throw new RunFailed("np.out: bad time for " + size + " B: " + line.trim());
      }
    }
    throw new RunFailed("np.out has no row for " + size + " B");
  }
}
