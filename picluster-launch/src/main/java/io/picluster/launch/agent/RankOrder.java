package io.picluster.launch.agent;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One rank as the launcher asks an agent to start it.
 *
 * @param rank the rank's number in the job
 * @param command the program and its arguments, as this host must run them
 * @param env the rank's environment on top of the agent's own (PMI variables, -genv)
 */
public record RankOrder(int rank, List<String> command, Map<String, String> env) {

  public RankOrder {
    command = List.copyOf(command);
    env = Map.copyOf(env);
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(rank);
    AgentWire.writeStrings(out, command);
    AgentWire.writeMap(out, env);
  }

  static RankOrder read(DataInputStream in) throws IOException {
    int rank = in.readInt();
    List<String> command = AgentWire.readStrings(in);
    Map<String, String> env = AgentWire.readMap(in);
    if (command.isEmpty()) {
      throw new IOException("corrupt agent stream: rank " + rank + " has no command");
    }
    return new RankOrder(rank, command, env);
  }

  /** The body of a {@link AgentWire#RANKS} frame after its folder: the count, then each order. */
  static List<RankOrder> readAll(DataInputStream in) throws IOException {
    int n = AgentWire.readCount(in);
    List<RankOrder> list = new ArrayList<>(Math.min(n, 64)); // grows with what really arrives
    for (int i = 0; i < n; i++) {
      list.add(read(in));
    }
    return list;
  }

  /** The {@link AgentWire#RANKS} frame for a host's ranks, all in {@code workDir}. */
  public static void writeFrame(DataOutputStream out, String workDir, List<RankOrder> ranks)
      throws IOException {
    out.writeByte(AgentWire.RANKS);
    AgentWire.writeString(out, workDir);
    out.writeInt(ranks.size());
    for (RankOrder r : ranks) {
      r.write(out);
    }
  }
}
