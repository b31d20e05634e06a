package io.picluster.setup.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ThrottlingCheckTest {
  private static Check one(String... lines) {
    List<Check> c = ThrottlingCheck.check(List.of(Canned.status(3, lines)), Set.of());
    assertThat(c).hasSize(1);
    return c.get(0);
  }

  @Test
  void noFlagsIsOk() {
    Check c = one();
    assertThat(c.verdict()).isEqualTo(Verdict.OK);
    assertThat(c.finding()).isEqualTo("no throttling or under-voltage (vcgencmd 0x0), CPU 48.2 C");
  }

  @Test
  void underVoltageAndThrottlingNowFailWithPowerAndCoolingFixes() {
    Check c = one("throttled_vcgencmd=throttled=0x50005");
    assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(c.finding()).isEqualTo("under-voltage now, throttled now (vcgencmd 0x50005), CPU"
        + " 48.2 C");
    assertThat(c.fix()).contains("5.1 V").contains("heatsink");
  }

  @Test
  void sinceBootOnlyIsAWarningFromSysfsToo() {
    Check c = one("throttled_vcgencmd=", "throttled_sysfs=50000");
    assertThat(c.verdict()).isEqualTo(Verdict.WARN);
    assertThat(c.finding()).startsWith("under-voltage since boot, throttled since boot (sysfs"
        + " 0x50000)");
    assertThat(c.fix()).contains("5.1 V").endsWith("(the since-boot flags clear at the next"
        + " reboot)");
    Check soft = one("throttled_vcgencmd=throttled=0x80000");
    assertThat(soft.verdict()).isEqualTo(Verdict.WARN);
    assertThat(soft.fix()).startsWith("cool it").doesNotContain("5.1 V");
  }

  @Test
  void aHotCpuIsAWarningAndNoFlagsAtAllIsOk() {
    Check hot = one("temp_millic=83500");
    assertThat(hot.verdict()).isEqualTo(Verdict.WARN);
    assertThat(hot.finding()).startsWith("CPU at 83.5 C, not throttled yet");
    Check notAPi = one("throttled_vcgencmd=", "temp_millic=");
    assertThat(notAPi.verdict()).isEqualTo(Verdict.OK);
    assertThat(notAPi.finding()).contains("not a Raspberry Pi?");
  }
}
