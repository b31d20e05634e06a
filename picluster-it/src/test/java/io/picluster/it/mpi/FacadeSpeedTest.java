package io.picluster.it.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.RankRun;
import org.junit.jupiter.api.Test;

/**
 * Package mpi's Send/Recv beside picluster-comm's array layer on two ranks, printed for the record
 * (latency at 8 bytes, bandwidth at 1 MiB); only that the job ran is asserted, never its speed.
 */
class FacadeSpeedTest {
  @Test
  void pingPongThroughPackageMpiBesidePiclusterComm() {
    RankRun job = RankRun.of(2, FacadePingPong.class, "7", "100", "8", "1024", "65536", "1048576");
    System.out.println(job.stdout);
    assertThat(job.exitCode).as(job.output()).isZero();
    assertThat(job.stdout).as(job.output()).contains("size 8 comm").contains("size 1048576 comm");
  }
}
