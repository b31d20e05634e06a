package io.picluster.jobs.primes;

/**
 * Prints how long one thread takes to count the primes below N, for comparison with {@code
 * primesieve N -c1 -t1 -q}: {@code java -cp picluster.jar io.picluster.jobs.primes.SieveTiming 1e10
 * [SEGMENT_BYTES]}. Times the count alone, without JVM start-up.
 */
public final class SieveTiming {
  private SieveTiming() {}

  public static void main(String[] args) {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: SieveTiming N [SEGMENT_BYTES]   e.g. SieveTiming 1e10");
      System.exit(2);
    }
    PrimeSieve sieve;
    long n;
    try {
      n = NumberArgument.parse(args[0]);
      sieve = args.length == 2 ? new PrimeSieve(segmentBytes(args[1])) : new PrimeSieve();
    } catch (IllegalArgumentException e) {
      System.err.println("SieveTiming: " + e.getMessage());
      System.exit(2);
      return;
    }
    // The first run is what a job's rank sees (it includes the JIT's warm-up); the second is the
    // sieve's steady speed.
    for (String run : new String[] {"first run ", "second run"}) {
      long start = System.nanoTime();
      long count = sieve.count(0, n);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("pi(%d) = %d in %.3f s, %s (one thread, %s)%n", n, count, seconds, run, sieve);
    }
  }

  private static int segmentBytes(String text) {
    if (!text.matches("[0-9]{1,9}")) {
      throw new IllegalArgumentException("SEGMENT_BYTES must be a whole number, got '" + text + "'");
    }
    return Integer.parseInt(text);
  }
}
