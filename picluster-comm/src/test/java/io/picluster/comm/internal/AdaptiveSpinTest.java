package io.picluster.comm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spin budget of oversubscribed ranks: halved to none by long waits, grown back by short ones. */
class AdaptiveSpinTest {
  @Test
  void waitsThatOutlastTheBudgetHalveItDownToNone() {
    AdaptiveSpin spin = new AdaptiveSpin(10_000);
    List<Long> budgets = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long budget = spin.next();
      budgets.add(budget);
      spin.ended(budget, false);
    }
    assertThat(budgets).containsExactly(10_000L, 5_000L, 2_500L, 1_250L, 0L);
  }

  @Test
  void withNoneLeftEverySixteenthWaitStillSpinsAProbe() {
    AdaptiveSpin spin = new AdaptiveSpin(0);
    for (int round = 0; round < 3; round++) {
      for (int i = 1; i < AdaptiveSpin.PROBE_EVERY; i++) {
        assertThat(spin.next()).as("wait %d of round %d", i, round).isZero();
        spin.ended(0, false);
      }
      long probe = spin.next();
      assertThat(probe).isEqualTo(AdaptiveSpin.PROBE_NANOS);
      spin.ended(probe, false); // missed: none again, for the next 15 waits
    }
  }

  @Test
  void aProbeThatCatchesItsMessageGrowsTheBudgetBackUpToTheLongest() {
    AdaptiveSpin spin = new AdaptiveSpin(0);
    long budget = 0;
    for (int i = 0; i < AdaptiveSpin.PROBE_EVERY; i++) {
      budget = spin.next();
    }
    spin.ended(budget, true);
    assertThat(spin.next()).isEqualTo(AdaptiveSpin.PROBE_NANOS + AdaptiveSpin.STEP_NANOS);
    for (int i = 0; i < 100; i++) {
      spin.ended(spin.next(), true);
    }
    assertThat(spin.next()).isEqualTo(AdaptiveSpin.MAX_NANOS);
  }
}
