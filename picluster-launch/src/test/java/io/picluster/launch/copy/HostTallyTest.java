package io.picluster.launch.copy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostTallyTest {
  @Test
  void theSummaryLineCountsWhatHappened() {
    HostTally t = new HostTally("10.0.0.2");
    assertThat(t.summary()).isEqualTo("10.0.0.2: 0 copied, 0 already there");
    t.copied();
    t.copied();
    t.alreadyThere();
    assertThat(t.summary()).isEqualTo("10.0.0.2: 2 copied, 1 already there");
    t.failed(3);
    assertThat(t.summary()).isEqualTo("10.0.0.2: 2 copied, 1 already there, 3 failed");
    assertThat(t.failedCount()).isEqualTo(3);
    assertThat(t.copiedCount()).isEqualTo(2);
    assertThat(t.alreadyThereCount()).isEqualTo(1);
  }
}
