package io.picluster.setup.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.setup.cluster.Node;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code status --json} byte for byte, as scripts may read it: recorded from the first (hand-written)
 * renderer, so a change of how the JSON is produced cannot change what comes out.
 */
class StatusJsonGoldenTest {
  private static final Instant TIME = Instant.parse("2024-05-01T10:00:00.250Z");

  @Test
  void theOutputIsUnchangedByteForByte() {
    String nasty = "q\" b\\ s/ n\n r\r t\t b\b f\f c\u0001 us\u001f del\u007f é ° \u2028 😀 \ud800";
    NodeStatus healthy = TestStatuses.node(1).throttled(0x50005).up();
    NodeStatus unknowns = TestStatuses.node(2).throttled(null).temp(null).java(null).up();
    NodeStatus odd = new NodeStatus(new Node("node3", "10.0.0.3", "pi"), true, null, "n3",
        "Pi ° 5", "aarch64", "Raspbian", "/opt/jdk/bin/java", "21.0.2+13", "0.2.0", "c".repeat(64),
        null, -0.0001, 1, 1L, 0L, 1L << 40, 0L, null, -12.3456, 0, "sysfs", 1e12, Double.NaN,
        Double.POSITIVE_INFINITY);
    NodeStatus down = NodeStatus.down(new Node("node4", "10.0.0.4", "pi"), nasty);

    String json = StatusJson.render(List.of(healthy, unknowns, odd, down), TIME);

    assertThat(json).isEqualTo(golden());
  }

  /** The recorded output: one line of ASCII, no newline at the end. */
  private static String golden() {
    try (InputStream in = StatusJsonGoldenTest.class.getResourceAsStream("golden.json")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void noNodesIsAnEmptyList() {
    assertThat(StatusJson.render(List.of(), TIME))
        .isEqualTo("{\"time\":\"2024-05-01T10:00:00.250Z\",\"nodes\":[]}");
  }
}
