package io.picluster.jobs.primes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PreSieveTest {
  @Test
  void patternsKeepExactlyTheNumbersWithoutAPreSievedFactor() {
    long seed = PrintedSeed.forTest("PreSieveTest.patternsKeepExactlyTheNumbersWithoutAPreSievedFactor");
    SplittableRandom random = new SplittableRandom(seed);
    for (PreSieve preSieve : new PreSieve[] {PreSieve.small(), PreSieve.full()}) {
      int[] primes = preSieve.primes();
      for (int i = 0; i < 40; i++) {
        // Lengths across chunk ends and odd ones (the eight-byte loop's tail), offsets anywhere.
        int length =
            random.nextBoolean() ? random.nextInt(1, 100) : random.nextInt(1, 3 * PreSieve.CHUNK);
        int offset = random.nextInt(16);
        long firstByte = random.nextBoolean() ? random.nextLong(1000) : random.nextLong(1L << 40);
        byte[] sieve = new byte[offset + length + 16];
        preSieve.apply(sieve, offset, length, firstByte);
        for (int b = 0; b < length; b++) {
          for (int k = 0; k < 8; k++) {
            long number = 30 * (firstByte + b) + Wheel30.RESIDUES[k];
            boolean kept = (sieve[offset + b] & (1 << k)) != 0;
            assertThat(kept).as("seed %d: %d, pre-sieve of %d primes", seed, number, primes.length)
                .isEqualTo(hasNoFactorAmong(number, primes));
          }
        }
        assertThat(sieve[offset + length]).as("byte past the range").isZero();
      }
    }
  }

  @Test
  void theFullPreSieveTakesEveryPrimeFrom7To173() {
    int[] expected = Arrays.stream(new SimpleSieve(200).list(7, 174)).mapToInt(p -> (int) p).toArray();
    assertThat(PreSieve.full().primes()).containsExactly(expected);
    assertThat(PreSieve.small().primes()).containsExactly(7, 11, 13);
  }

  private static boolean hasNoFactorAmong(long number, int[] primes) {
    for (int p : primes) {
      if (number % p == 0) {
        return false;
      }
    }
    return true;
  }
}
