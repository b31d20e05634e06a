package io.picluster.launch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent (a real process) whose launcher beats once after GO and then falls silent, its input
 * still open, as when the launcher's host freezes or the link to it is cut: the agent beats on its
 * own, stops its rank after {@link AgentWire#SILENCE_MILLIS} of silence, reports it, and exits.
 */
class AgentHeartbeatTest {
  @TempDir Path cache;

  @Test
  void aSilentLauncherMakesTheAgentStopItsRanksAndExit() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process agent = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        AgentMain.class.getName(), cache.toString())
        .redirectError(cache.resolve("agent.err").toFile())
        .start();
    try {
      DataInputStream in = new DataInputStream(new BufferedInputStream(agent.getInputStream()));
      DataOutputStream out = new DataOutputStream(agent.getOutputStream());
      byte[] hello = in.readNBytes(AgentWire.HELLO.length() + 1);
      assertThat(new String(hello, StandardCharsets.US_ASCII)).isEqualTo(AgentWire.HELLO + "\n");
      assertThat(in.readUnsignedByte()).isEqualTo(AgentWire.INFO);
      for (int i = 0; i < 3; i++) {
        AgentWire.readString(in);
      }
      RankOrder.writeFrame(out, "", List.of(new RankOrder(0, List.of("sleep", "300"), Map.of())));
      out.flush();
      assertThat(AgentWire.readType(in)).isEqualTo(AgentWire.READY);
      AgentWire.readString(in);
      out.writeByte(AgentWire.GO);
      out.writeByte(AgentWire.BEAT);
      out.flush();
      long lastBeat = System.nanoTime();

      int beats = 0;
      int type;
      int exitCode = -1;
      while ((type = AgentWire.readType(in)) >= 0) {
        if (type == AgentWire.BEAT) {
          beats++;
        } else if (type == AgentWire.EXIT) {
          assertThat(in.readInt()).isZero();
          exitCode = in.readInt();
        } else if (type == AgentWire.OUTPUT) {
          in.readInt();
          in.readUnsignedByte();
          AgentWire.readChunk(in);
        } else {
          throw new AssertionError("unexpected frame " + (char) type);
        }
      }
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastBeat);
      System.out.println("the agent stopped its rank and left " + tookMillis
          + " ms after the launcher's last beat (" + beats + " beats of its own)");
      assertThat(agent.waitFor(30, TimeUnit.SECONDS)).as("the agent exited").isTrue();
      assertThat(exitCode).as("the rank was stopped by a signal (128+n)").isGreaterThan(128);
      assertThat(beats).as("the agent beat while it waited").isGreaterThanOrEqualTo(3);
      assertThat(tookMillis).as("not before the silence limit").isGreaterThanOrEqualTo(AgentWire.SILENCE_MILLIS);
      assertThat(Files.readString(cache.resolve("agent.err")))
          .contains("picluster agent: no word from the launcher for");
    } finally {
      agent.destroyForcibly();
      agent.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
