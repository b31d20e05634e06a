package io.picluster.setup.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The firmware's throttle bits: vcgencmd's and sysfs's forms, and the words for each bit. */
class ThrottlingTest {
  @ParameterizedTest
  @CsvSource({
    "throttled=0x50005, 327685",
    "throttled=0x0, 0",
    "0x50005, 327685",
    "50005, 327685",
    "'  80008\n', 524296",
    "0XE000E, 917518",
    "ffffffff, -1",
  })
  void parsesVcgencmdAndSysfsForms(String text, int bits) {
    assertThat(Throttling.parse(text)).isEqualTo(bits);
  }

  @ParameterizedTest
  @CsvSource({"throttled=", "throttled=0xZZ", "VCHI initialization failed", "''", "123456789"})
  void rejectsAnythingElse(String text) {
    assertThat(Throttling.parse(text)).isNull();
  }

  @Test
  void nullIsUnknown() {
    assertThat(Throttling.parse(null)).isNull();
    assertThat(Throttling.summary(null)).isEqualTo("-");
  }

  @Test
  void eachBitHasItsWords() {
    assertThat(Throttling.describe(1)).containsExactly("under-voltage now");
    assertThat(Throttling.describe(1 << 1)).containsExactly("frequency capped now");
    assertThat(Throttling.describe(1 << 2)).containsExactly("throttled now");
    assertThat(Throttling.describe(1 << 3)).containsExactly("soft temperature limit now");
    assertThat(Throttling.describe(1 << 16)).containsExactly("under-voltage since boot");
    assertThat(Throttling.describe(1 << 17)).containsExactly("frequency capped since boot");
    assertThat(Throttling.describe(1 << 18)).containsExactly("throttled since boot");
    assertThat(Throttling.describe(1 << 19)).containsExactly("soft temperature limit since boot");
  }

  @Test
  void aConditionThatHoldsNowIsNotAlsoListedAsSinceBoot() {
    // 0x50005: under-voltage and throttled now (and so, since boot)
    assertThat(Throttling.describe(0x50005)).containsExactly("under-voltage now", "throttled now");
    // 0x50000: both since boot only
    assertThat(Throttling.describe(0x50000))
        .containsExactly("under-voltage since boot", "throttled since boot");
    // 0xE0008: soft limit now, capped and throttled since boot
    assertThat(Throttling.summary(0xe0008)).isEqualTo(
        "frequency capped since boot, throttled since boot, soft temperature limit now");
  }

  @Test
  void noBitIsOkAndUnknownBitsAreShownRaw() {
    assertThat(Throttling.summary(0)).isEqualTo("ok");
    assertThat(Throttling.summary(0x100)).isEqualTo("ok (0x100)");
    assertThat(Throttling.describe(0)).isEmpty();
  }

  @Test
  void nowAndSinceBootTests() {
    assertThat(Throttling.anyNow(0x50000)).isFalse();
    assertThat(Throttling.anySinceBoot(0x50000)).isTrue();
    assertThat(Throttling.anyNow(0x4)).isTrue();
    assertThat(Throttling.anySinceBoot(0x100)).isFalse();
    assertThat(Throttling.hex(0x50005)).isEqualTo("0x50005");
  }
}
