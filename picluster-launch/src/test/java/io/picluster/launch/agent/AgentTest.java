package io.picluster.launch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A host's agent answers a host's ranks with READY or REFUSED before any starts: here for the
 * address choice, which the ranks would otherwise each find wrong as they start.
 */
class AgentTest {
  /** The agent's frames after its hello and INFO, as (type, text); runs until its input ends. */
  private static List<String> answers(Map<String, String> jobEnv) throws IOException {
    ByteArrayOutputStream toAgent = new ByteArrayOutputStream();
    RankOrder.writeFrame(new DataOutputStream(toAgent), "", List.of(
        new RankOrder(0, List.of("true"), jobEnv), new RankOrder(1, List.of("true"), jobEnv)));
    ByteArrayOutputStream fromAgent = new ByteArrayOutputStream();

    new Agent(new ByteArrayInputStream(toAgent.toByteArray()), fromAgent, "/nonexistent").run();

    DataInputStream in = new DataInputStream(new ByteArrayInputStream(fromAgent.toByteArray()));
    String hello = new String(in.readNBytes(AgentWire.HELLO.length() + 1), StandardCharsets.US_ASCII);
    assertThat(hello).isEqualTo(AgentWire.HELLO + "\n");
    assertThat(in.readUnsignedByte()).isEqualTo(AgentWire.INFO);
    for (int i = 0; i < 3; i++) {
      AgentWire.readString(in);
    }
    List<String> frames = new ArrayList<>();
    int type;
    while ((type = AgentWire.readType(in)) >= 0) {
      frames.add((char) type + " " + AgentWire.readString(in));
    }
    return frames;
  }

  @Test
  void anInterfaceThisHostLacksIsRefusedBeforeAnyRankStarts() throws IOException {
    List<String> frames = answers(Map.of("PICLUSTER_IFACE", "nosuch0"));

    assertThat(frames).hasSize(1);
    assertThat(frames.get(0)).startsWith((char) AgentWire.REFUSED
        + " --iface nosuch0: no such interface on this host (it has ").contains("lo");
  }

  @Test
  void aNetworkWithNoAddressOfThisHostIsRefused() throws IOException {
    List<String> frames = answers(Map.of("PICLUSTER_NETWORK", "0.0.0.0/32"));

    assertThat(frames).singleElement().asString().startsWith((char) AgentWire.REFUSED
        + " --network 0.0.0.0/32: no address of this host lies in it");
  }

  @Test
  void anAddressThisHostHasIsReady() throws IOException {
    assertThat(answers(Map.of("PICLUSTER_IFACE", "lo"))).containsExactly((char) AgentWire.READY + " ");
    assertThat(answers(Map.of())).containsExactly((char) AgentWire.READY + " ");
  }
}
