package io.picluster.launch.agent;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.picluster.fuzz.OneLineErrors;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * The agent wire protocol, both directions, read as the agent and the launcher read it: a type
 * byte, then that frame's ints and length-prefixed strings. A corrupt stream is an IOException
 * (EOFException when it ends early), never a large allocation from a length field.
 */
class AgentWireFuzzTest {

  @FuzzTest(maxDuration = "10m")
  void fuzz(byte[] input) {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(input));
    try {
      for (int frames = 0; frames < 1000; frames++) {
        int type = AgentWire.readType(in);
        if (type < 0) {
          return;
        }
        switch (type) {
          // Launcher to agent (Agent#serve).
          case AgentWire.RANKS -> {
            AgentWire.readString(in);
            RankOrder.readAll(in);
          }
          case AgentWire.GO, AgentWire.TERM, AgentWire.KILL -> { }
          // Both ways, no body.
          case AgentWire.BEAT -> { }
          // Agent to launcher (RemoteHost).
          case AgentWire.INFO -> {
            AgentWire.readString(in);
            AgentWire.readString(in);
            AgentWire.readString(in);
          }
          case AgentWire.READY, AgentWire.REFUSED -> AgentWire.readString(in);
          case AgentWire.OUTPUT -> {
            in.readInt();
            in.readUnsignedByte();
            AgentWire.readChunk(in);
          }
          case AgentWire.EXIT -> {
            in.readInt();
            in.readInt();
          }
          case AgentWire.START_FAILED -> {
            in.readInt();
            AgentWire.readString(in);
          }
          default -> throw new IOException("corrupt agent stream: frame type " + type);
        }
      }
    } catch (EOFException end) {
      // a stream cut short: the launcher says the host was lost
    } catch (IOException e) {
      OneLineErrors.check(e, IOException.class);
    }
  }
}
