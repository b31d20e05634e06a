package io.picluster.jobs.primes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumberArgumentTest {
  @ParameterizedTest
  @CsvSource({
    "0, 0", "1, 1", "100000, 100000", "1e10, 10000000000", "1E9, 1000000000",
    "2.5e6, 2500000", "10^10, 10000000000", "2^31, 2147483648", "0^0, 1", "1^99999999999, 1",
    "1.0, 1", "1e16, 10000000000000000", "007, 7"
  })
  void acceptsTheUsualWaysToWriteN(String text, long value) {
    assertThat(NumberArgument.parse(text)).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "", " ", "1,000", "0x10", "+5", ".5e1", "1e", "e10", "10^", "^3",
      "10^-2", "2^x", "1e10e2", "10_000"})
  void rejectsWhatIsNotANumber(String text) {
    assertThatThrownBy(() -> NumberArgument.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("N must be a whole number like 100000, 1e10 or 10^10, got '" + text + "'");
  }

  @Test
  void rejectsFractions() {
    assertThatThrownBy(() -> NumberArgument.parse("2.55e1"))
        .hasMessage("N must be a whole number like 100000, 1e10 or 10^10, got '2.55e1' (not whole)");
    assertThatThrownBy(() -> NumberArgument.parse("1e-3")).hasMessageContaining("not whole");
  }

  @Test
  void rejectsNegativeNumbers() {
    assertThatThrownBy(() -> NumberArgument.parse("-5"))
        .hasMessage("N must not be negative, got '-5': give a whole number like 100000, 1e10 or 10^10");
    assertThatThrownBy(() -> NumberArgument.parse("-1e3")).hasMessageContaining("must not be negative");
  }

  @Test
  void rejectsNumbersBeyondTheSieve() {
    assertThatThrownBy(() -> NumberArgument.parse("1e17"))
        .hasMessage("N must be at most 1e16, got '1e17'");
    assertThatThrownBy(() -> NumberArgument.parse("10000000000000001"))
        .hasMessage("N must be at most 1e16, got '10000000000000001'");
    assertThatThrownBy(() -> NumberArgument.parse("9223372036854775808", Long.MAX_VALUE))
        .hasMessage("N must be at most 9223372036854775807, got '9223372036854775808'");
    assertThatThrownBy(() -> NumberArgument.parse("10^99999999999")).hasMessageContaining("at most 1e16");
    assertThatThrownBy(() -> NumberArgument.parse("1e999999999")).hasMessageContaining("at most 1e16");
  }

  @Test
  void acceptsTheLargestLongWhenAllowed() {
    assertThat(NumberArgument.parse("9223372036854775807", Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    assertThat(NumberArgument.parse("1e16")).isEqualTo(PrimeSieve.MAX_HI);
  }
}
