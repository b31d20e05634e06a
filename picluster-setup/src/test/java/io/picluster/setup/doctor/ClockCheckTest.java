package io.picluster.setup.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClockCheckTest {
  @Test
  void aClockWithinASecondIsOk() {
    List<Check> c = ClockCheck.check(List.of(Canned.status(2, 3)), Set.of());
    assertThat(c).hasSize(1);
    assertThat(c.get(0).verdict()).isEqualTo(Verdict.OK);
    assertThat(c.get(0).finding()).isEqualTo("clock +3 ms from this machine's (+/-20 ms)");
  }

  @Test
  void aClockMoreThanASecondOffFailsWithTimeSyncAsTheFix() {
    Check c = ClockCheck.check(List.of(Canned.status(3, -5000)), Set.of()).get(0);
    assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(c.finding()).isEqualTo("its clock is -5.0 s from this machine's (+/-20 ms), more"
        + " than 1 s off");
    assertThat(c.fix()).contains("timedatectl set-ntp true").contains("chrony");
    assertThat(ClockCheck.check(List.of(Canned.status(3, 7_200_000)), Set.of()).get(0).finding())
        .startsWith("its clock is +2.0 h");
  }

  @Test
  void anOffsetWithinTheMeasurementsUncertaintyIsOnlyAWarning() {
    // date without %N: whole seconds, so the probe's answer is uncertain by about a second
    Check c = ClockCheck.check(List.of(Canned.status(2, 0, "clock_start=1700000000",
        "clock_end=1700000001")), Set.of()).get(0);
    assertThat(c.verdict()).isIn(Verdict.OK, Verdict.WARN);
    assertThat(c.verdict()).isNotEqualTo(Verdict.FAIL);
  }

  @Test
  void skippedNodesAreLeftOut() {
    assertThat(ClockCheck.check(List.of(Canned.status(2, -5000)), Set.of("node2"))).isEmpty();
  }
}
