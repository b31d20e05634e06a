package io.picluster.jobs.primes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GatherMemoryTest {
  @Test
  void asksForAboutThreeLongsPerPrime() {
    long primesBelow2To31 = 105_097_565L;
    assertThat(GatherMemory.bytesNeeded(1L << 31))
        .isBetween(24 * primesBelow2To31, (long) (24 * primesBelow2To31 * 1.1));
  }

  @Test
  void saysNothingWhenTheHeapIsEnough() {
    assertThat(GatherMemory.shortfall(1_000_000, 1L << 30)).isNull();
  }

  @Test
  void explainsAShortHeapInOneLine() {
    String message = GatherMemory.shortfall(1L << 31, 256L << 20);
    assertThat(message)
        .startsWith("gathering the primes below 2147483648 needs about ")
        .contains("but its JVM may use only 256 MB", "-Xmx")
        .doesNotContain("\n");
  }
}
