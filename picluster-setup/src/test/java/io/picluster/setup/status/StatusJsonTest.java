package io.picluster.setup.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.setup.cluster.Node;
import io.picluster.setup.slurm.SlurmState;
import io.picluster.testkit.Json;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** --json: valid JSON, every value there, every string escaped. */
class StatusJsonTest {
  private static final Instant TIME = Instant.parse("2024-05-01T10:00:00Z");

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> nodes(String json) {
    Map<String, Object> top = (Map<String, Object>) Json.parse(json);
    assertThat(top.get("time")).isEqualTo("2024-05-01T10:00:00Z");
    return (List<Map<String, Object>>) top.get("nodes");
  }

  @Test
  void oneLineOfValidJsonWithEveryValue() {
    NodeStatus up = TestStatuses.node(1).throttled(0x50005).up();
    NodeStatus down = TestStatuses.node(3).down("ssh: connect to host 10.0.0.3 port 22: Connection refused");
    String json = StatusJson.render(List.of(up, down), TIME);

    assertThat(json).doesNotContain("\n");
    List<Map<String, Object>> nodes = nodes(json);
    assertThat(nodes).hasSize(2);
    Map<String, Object> n1 = nodes.get(0);
    assertThat(n1).containsEntry("name", "node1").containsEntry("address", "10.0.0.1")
        .containsEntry("user", "pi").containsEntry("up", true).containsEntry("error", null)
        .containsEntry("hostname", "node1").containsEntry("arch", "aarch64")
        .containsEntry("model", "Raspberry Pi 4 Model B Rev 1.4")
        .containsEntry("os", "Debian GNU/Linux 12 (bookworm)").containsEntry("java", "17.0.15")
        .containsEntry("java_major", 17).containsEntry("java_path", "/usr/bin/java")
        .containsEntry("picluster", "0.1.0").containsEntry("picluster_sha256", TestStatuses.SHA_A)
        .containsEntry("load1", 0.52).containsEntry("cpus", 4)
        .containsEntry("mem_used_mib", 812).containsEntry("mem_total_mib", 7812)
        .containsEntry("temp_c", 48.2).containsEntry("throttled", "0x50005")
        .containsEntry("throttle_flags", List.of("under-voltage now", "throttled now"))
        .containsEntry("throttle_source", "vcgencmd").containsEntry("clock_offset_ms", 1.5)
        .containsEntry("clock_uncertainty_ms", 2).containsEntry("uptime_s", 273600);
    assertThat((Double) n1.get("disk_free_gib")).isEqualTo(21.313);
    Map<String, Object> n3 = nodes.get(1);
    assertThat(n3).containsEntry("name", "node3").containsEntry("up", false)
        .containsEntry("error", "ssh: connect to host 10.0.0.3 port 22: Connection refused")
        .containsEntry("hostname", null).containsEntry("java", null)
        .containsEntry("java_major", null).containsEntry("throttle_flags", null)
        .containsEntry("clock_offset_ms", null);
    assertThat(n3.keySet()).isEqualTo(n1.keySet()); // the same fields for every node
  }

  @Test
  void unknownThrottlingIsNullAndNoBitsIsAnEmptyList() {
    List<Map<String, Object>> nodes = nodes(StatusJson.render(List.of(
        TestStatuses.node(1).throttled(null).temp(null).up(),
        TestStatuses.node(2).throttled(0).up()), TIME));
    assertThat(nodes.get(0)).containsEntry("throttled", null).containsEntry("throttle_flags", null)
        .containsEntry("temp_c", null).containsEntry("throttle_source", null);
    assertThat(nodes.get(1)).containsEntry("throttled", "0x0")
        .containsEntry("throttle_flags", List.of());
  }

  @Test
  void withSlurmEachNodeHasItsStateAndReasonAndTheTopHasNoError() {
    SlurmState slurm = new SlurmState(true, "", List.of(
        new SlurmState.Node("node1", "idle", ""),
        new SlurmState.Node("node2", "drained", "disk full"),
        new SlurmState.Node("node9", "down*", "Not responding")));
    String json = StatusJson.render(List.of(TestStatuses.node(1).up(), TestStatuses.node(2).up(),
        TestStatuses.node(3).down("ssh: no route to host")), Optional.of(slurm), TIME);

    List<Map<String, Object>> nodes = nodes(json);
    Map<String, Object> idle = new HashMap<>();
    idle.put("state", "idle");
    idle.put("reason", null);
    assertThat(nodes.get(0)).containsEntry("slurm", idle);
    assertThat(nodes.get(1)).containsEntry("slurm",
        Map.of("state", "drained", "reason", "disk full"));
    assertThat(nodes.get(2)).as("a node Slurm does not know").containsEntry("slurm", null);
    assertThat(json).endsWith("],\"slurm_error\":null}")
        .contains("\"slurm\":{\"state\":\"idle\",\"reason\":null}");
  }

  @Test
  void aControllerThatDoesNotAnswerIsTheTopsErrorAndEveryNodesSlurmIsNull() {
    SlurmState silent = new SlurmState(false, "Unable to contact slurm controller", List.of());
    String json = StatusJson.render(List.of(TestStatuses.node(1).up()), Optional.of(silent), TIME);

    assertThat(nodes(json).get(0)).containsEntry("slurm", null);
    assertThat(json).endsWith("],\"slurm_error\":\"Unable to contact slurm controller\"}");
  }

  @Test
  void withoutSlurmThereIsNoSlurmKey() {
    String json = StatusJson.render(List.of(TestStatuses.node(1).up()), Optional.empty(), TIME);

    assertThat(nodes(json).get(0)).doesNotContainKey("slurm");
    assertThat(json).doesNotContain("slurm").isEqualTo(
        StatusJson.render(List.of(TestStatuses.node(1).up()), TIME));
  }

  @Test
  void stringsAreEscapedAndTheOutputIsAscii() {
    String nasty = "q\" b\\ n\n t\t c\u0001 é ° \u2028 😀";
    NodeStatus s = NodeStatus.down(new Node("node1", "10.0.0.1", "pi"), nasty);
    String json = StatusJson.render(List.of(s), TIME);

    assertThat(json).matches("[\\x20-\\x7e]*");
    assertThat(nodes(json).get(0)).containsEntry("error", nasty);
    assertThat(json).contains("\"error\":\"q\\\" b\\\\ n\\n t\\t c\\u0001 \\u00e9 \\u00b0 \\u2028 \\ud83d\\ude00\"");
  }

  @Test
  void numbersAreJsonNumbers() {
    assertThat(StatusJson.number(1.0)).isEqualTo("1");
    assertThat(StatusJson.number(-0.0001)).isEqualTo("0");
    assertThat(StatusJson.number(2.5)).isEqualTo("2.5");
    assertThat(StatusJson.number(-12.3456)).isEqualTo("-12.346");
    assertThat(StatusJson.number(1e12)).isEqualTo("1000000000000");
    assertThat(StatusJson.number(Double.NaN)).isNull();
    assertThat(StatusJson.number(Double.POSITIVE_INFINITY)).isNull();
    assertThat(StatusJson.number(null)).isNull();
  }
}
