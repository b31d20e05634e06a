package io.picluster.launch.agent;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The agent's side of the stream to the launcher: whole frames, one writer at a time, flushed at
 * once. A broken stream (the launcher or the SSH connection is gone) is remembered and further
 * frames are dropped; the agent learns of it from its input ending.
 */
final class AgentOutput {
  private final DataOutputStream out;
  private boolean broken;

  AgentOutput(OutputStream out) {
    this.out = new DataOutputStream(out);
  }

  synchronized void hello(String hostName, String cacheDir, String java) {
    try {
      out.write((AgentWire.HELLO + "\n").getBytes(StandardCharsets.US_ASCII));
      out.writeByte(AgentWire.INFO);
      AgentWire.writeString(out, hostName);
      AgentWire.writeString(out, cacheDir);
      AgentWire.writeString(out, java);
      out.flush();
    } catch (IOException e) {
      broken = true;
    }
  }

  synchronized void ready(String note) {
    frame(AgentWire.READY, -1, note);
  }

  synchronized void refused(String reason) {
    frame(AgentWire.REFUSED, -1, reason);
  }

  synchronized void startFailed(int rank, String reason) {
    frame(AgentWire.START_FAILED, rank, reason);
  }

  synchronized void output(int rank, int stream, byte[] buf, int len) {
    if (broken) {
      return;
    }
    try {
      out.writeByte(AgentWire.OUTPUT);
      out.writeInt(rank);
      out.writeByte(stream);
      out.writeInt(len);
      out.write(buf, 0, len);
      out.flush();
    } catch (IOException e) {
      broken = true;
    }
  }

  /** A {@link AgentWire#BEAT}: this agent is alive. */
  synchronized void beat() {
    if (broken) {
      return;
    }
    try {
      out.writeByte(AgentWire.BEAT);
      out.flush();
    } catch (IOException e) {
      broken = true;
    }
  }

  synchronized void exit(int rank, int code) {
    if (broken) {
      return;
    }
    try {
      out.writeByte(AgentWire.EXIT);
      out.writeInt(rank);
      out.writeInt(code);
      out.flush();
    } catch (IOException e) {
      broken = true;
    }
  }

  /** A frame of a type, an optional rank (omitted when negative) and a text. */
  private void frame(byte type, int rank, String text) {
    if (broken) {
      return;
    }
    try {
      out.writeByte(type);
      if (rank >= 0) {
        out.writeInt(rank);
      }
      AgentWire.writeString(out, text);
      out.flush();
    } catch (IOException e) {
      broken = true;
    }
  }
}
