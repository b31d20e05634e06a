package io.picluster.jobs.primes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picluster.jobs.primes.PrimesOptions.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrimesOptionsTest {
  private static PrimesOptions parse(String... args) {
    return PrimesOptions.parse(List.of(args));
  }

  private static void assertRejected(String message, String... args) {
    assertThatThrownBy(() -> parse(args)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void defaultsToCountingWithTheSieve() {
    assertThat(parse("1e10"))
        .isEqualTo(new PrimesOptions(10_000_000_000L, false, false, Method.SIEVE,
            PrimeSieve.DEFAULT_SEGMENT_BYTES));
  }

  @Test
  void readsEveryOptionInAnyOrderAndEitherSpelling() {
    assertThat(parse("--list", "--scatter", "1000", "--segment", "4096"))
        .isEqualTo(new PrimesOptions(1000, true, true, Method.SIEVE, 4096));
    assertThat(parse("--method=trial", "10^5", "--list"))
        .isEqualTo(new PrimesOptions(100_000, true, false, Method.TRIAL, PrimeSieve.DEFAULT_SEGMENT_BYTES));
    assertThat(parse("100", "--method", "sieve", "--segment=64").segmentBytes()).isEqualTo(64);
  }

  @Test
  void explainsMissingOrExtraN() {
    assertRejected("primes needs N, the bound to count primes below: e.g. primes 100000 or primes 1e10");
    assertRejected("primes needs N, the bound to count primes below: e.g. primes 100000 or primes 1e10",
        "--list");
    assertRejected("primes takes one N, got '100' and '200'", "100", "200");
  }

  @Test
  void explainsBadN() {
    assertRejected("N must be a whole number like 100000, 1e10 or 10^10, got 'abc'", "abc");
    assertRejected("N must not be negative, got '-5': give a whole number like 100000, 1e10 or 10^10", "-5");
    assertRejected("N must be at most 1e16, got '1e20'", "1e20");
  }

  @Test
  void explainsUnknownOptionsAndBadValues() {
    String use = "use --list, --scatter, --method sieve|trial, --segment BYTES";
    assertRejected("unknown option '--fast' for primes: " + use, "100", "--fast");
    assertRejected("unknown option '-l' for primes: " + use, "100", "-l");
    assertRejected("--method needs a value: sieve or trial", "100", "--method");
    assertRejected("--method must be sieve or trial, got 'magic'", "100", "--method", "magic");
    assertRejected("--list takes no value, got '--list=yes'", "100", "--list=yes");
    assertRejected("--segment needs a value: a number of bytes, e.g. 262144", "100", "--segment");
    assertThatThrownBy(() -> parse("100", "--segment", "12"))
        .hasMessageStartingWith("--segment must be a whole number of bytes from 64 to");
    assertThatThrownBy(() -> parse("100", "--segment", "1e5")).hasMessageEndingWith("got '1e5'");
  }

  @Test
  void refusesCombinationsThatMakeNoSense() {
    assertThatThrownBy(() -> parse("100", "--method", "trial", "--scatter"))
        .hasMessageStartingWith("--scatter cuts the sieve's range");
    assertThatThrownBy(() -> parse("100", "--method", "trial", "--segment", "4096"))
        .hasMessageContaining("--segment");
  }

  @Test
  void refusesToGatherMorePrimesThanFitInMemory() {
    assertThat(parse("2^31", "--list").n()).isEqualTo(1L << 31);
    assertRejected("--list gathers every prime at rank 0, so N must be at most 2^31 (2147483648),"
        + " got '2147483649': drop --list to only count", "2147483649", "--list");
    assertThatThrownBy(() -> parse("1e10", "--method", "trial"))
        .hasMessageStartingWith("--method trial gathers every prime at rank 0");
    assertThat(parse("1e16").n()).isEqualTo(PrimeSieve.MAX_HI);
  }

  @Test
  void everyMessageIsOneLine() {
    String[][] bad = {{}, {"x"}, {"1", "--bad"}, {"1e40"}, {"1e10", "--list"}, {"1", "--method"}};
    for (String[] args : bad) {
      assertThatThrownBy(() -> parse(args)).isInstanceOf(IllegalArgumentException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").isNotBlank());
    }
  }

  @Test
  void usageNamesEveryOption() {
    assertThat(PrimesOptions.USAGE).contains("--list", "--scatter", "--method sieve", "--method trial", "--segment");
  }
}
