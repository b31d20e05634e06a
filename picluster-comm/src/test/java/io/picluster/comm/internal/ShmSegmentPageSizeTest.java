package io.picluster.comm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The page size the segment's layout rounds to is the kernel's, as getconf reports it. */
class ShmSegmentPageSizeTest {
  @Test
  void isTheSystemsPageSize() throws IOException, InterruptedException {
    Process getconf = new ProcessBuilder("getconf", "PAGESIZE").redirectErrorStream(true).start();
    String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
    assertThat(getconf.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ShmSegment.pageSize()).isEqualTo(Integer.parseInt(out));
  }
}
