package io.picluster.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JobsTest {
  @Test
  void everyNameMakesTheJobOfThatNameAndTheNamesAreSorted() {
    for (String name : Jobs.names()) {
      assertThat(Jobs.get(name).name()).isEqualTo(name);
    }
    assertThat(Jobs.names()).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> Jobs.get("ping"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown job 'ping': choose one of hostname, pingpong, primes, soak");
  }
}
