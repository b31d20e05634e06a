package io.picluster.jobs.primes;

/** A random test's seed: -Dprimes.seed if given, else fresh; printed so that a failure can be rerun. */
final class PrintedSeed {
  private PrintedSeed() {}

  static long forTest(String test) {
    long seed = Long.getLong("primes.seed", System.nanoTime());
    System.out.println(test + " seed: " + seed + " (rerun with -Dprimes.seed=" + seed + ")");
    return seed;
  }
}
