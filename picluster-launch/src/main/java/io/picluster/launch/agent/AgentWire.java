package io.picluster.launch.agent;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The protocol between the launcher and a host's agent, over the stdin and stdout of one SSH
 * session. The agent first prints the text line {@link #HELLO} (so the launcher can tell it from
 * the bootstrap script's own text replies), then both sides exchange frames: one type byte and a
 * body of big-endian ints and length-prefixed UTF-8 strings. End of input to the agent means the
 * launcher is gone: the agent ends its ranks and exits.
 *
 * <p>From {@link #GO} on, both sides send {@link #BEAT} every {@link #BEAT_MILLIS}: a frozen host
 * (every process stopped) or a cut link ends no stream, and SSH's own keep-alive takes longer than
 * a job may wait. Silence for {@link #SILENCE_MILLIS} counts as the other side being gone.
 */
public final class AgentWire {
  public static final String HELLO = "picluster-agent 1";

  // Launcher to agent.
  /** The host's ranks: working folder, then per rank its number, command and extra environment. */
  public static final byte RANKS = 'R';
  /** Start the ranks announced (sent once every host has answered {@link #READY}). */
  public static final byte GO = 'G';
  /** SIGTERM to every rank's process group. */
  public static final byte TERM = 'T';
  /** SIGKILL to every rank's process group. */
  public static final byte KILL = 'K';

  /** Both ways, from {@link #GO} on: "still here". No body. */
  public static final byte BEAT = 'B';
  /** How often each side sends {@link #BEAT}. */
  public static final long BEAT_MILLIS = 1000;
  /**
   * How long without any frame before the other side counts as gone: five missed beats, so a
   * loaded host's pause does not end a job, while a frozen host or cut link ends it well within
   * the 10 s the job may take to notice.
   */
  public static final long SILENCE_MILLIS = 5000;
  /** How often each side looks at the other's silence (a divisor of {@link #BEAT_MILLIS}). */
  public static final long SILENCE_CHECK_MILLIS = 250;

  /**
   * First word of a rank's command when the agent is to run it as a thread of its own JVM; the
   * java command line follows (see {@link io.picluster.launch.threads.JavaCommand}).
   */
  public static final String THREADS = "picluster:threads";

  // Agent to launcher.
  /** After the hello: the agent's host name, its staging cache folder and its java. */
  public static final byte INFO = 'H';
  /** Every rank announced can be started here; a note follows (empty, or e.g. a missing folder). */
  public static final byte READY = 'Y';
  /** A rank cannot be started here; a one-line reason follows. */
  public static final byte REFUSED = 'E';
  /** A rank could not be started after all: rank, reason. */
  public static final byte START_FAILED = 'F';
  /** Rank output: rank, stream (1 stdout, 2 stderr), length, bytes. */
  public static final byte OUTPUT = 'O';
  /** A rank is gone and its output forwarded: rank, exit code (128+n for signal n). */
  public static final byte EXIT = 'X';

  /** Larger strings are refused rather than allocated: a corrupt stream must not exhaust memory. */
  private static final int MAX_STRING = 16 << 20;

  private AgentWire() {}

  public static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  public static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_STRING) {
      throw new IOException("corrupt agent stream: a string of " + n + " bytes");
    }
    return new String(readBytes(in, n), StandardCharsets.UTF_8);
  }

  /**
   * Exactly {@code n} bytes (already checked against a cap), in memory that grows with the bytes
   * that really arrive: a length that claims more than the stream holds allocates nothing large.
   */
  public static byte[] readBytes(DataInputStream in, int n) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new EOFException();
    }
    return b;
  }

  /** An {@link #OUTPUT} frame's bytes: their length (at most 16 MiB), then the bytes. */
  public static byte[] readChunk(DataInputStream in) throws IOException {
    int len = in.readInt();
    if (len < 0 || len > 1 << 24) {
      throw new IOException("corrupt agent stream: " + len + " bytes of output");
    }
    return readBytes(in, len);
  }

  public static void writeStrings(DataOutputStream out, List<String> list) throws IOException {
    out.writeInt(list.size());
    for (String s : list) {
      writeString(out, s);
    }
  }

  public static List<String> readStrings(DataInputStream in) throws IOException {
    int n = readCount(in);
    List<String> list = new ArrayList<>(Math.min(n, 64)); // grows with what really arrives
    for (int i = 0; i < n; i++) {
      list.add(readString(in));
    }
    return list;
  }

  public static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
    out.writeInt(map.size());
    for (Map.Entry<String, String> e : map.entrySet()) {
      writeString(out, e.getKey());
      writeString(out, e.getValue());
    }
  }

  public static Map<String, String> readMap(DataInputStream in) throws IOException {
    int n = readCount(in);
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      map.put(readString(in), readString(in));
    }
    return map;
  }

  /** The next frame's type, or -1 at a clean end of stream. */
  public static int readType(DataInputStream in) throws IOException {
    try {
      return in.readUnsignedByte();
    } catch (EOFException end) {
      return -1;
    }
  }

  static int readCount(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 20) {
      throw new IOException("corrupt agent stream: a list of " + n + " entries");
    }
    return n;
  }
}
