package io.picluster.comm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThisProcessTest {
  @Test
  void itsPidIsTheJdksOwn() {
    assertThat(ThisProcess.pid()).isEqualTo(ProcessHandle.current().pid());
  }
}
