package io.picluster.launch.hosts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * MPICH's {@code PMI_process_mapping} value, {@code (vector,(start_node,num_nodes,ppn),...)}, for
 * any rank-to-node layout, and MPICH's own reading of it (src/util/mpir_nodemap.h).
 *
 * <p>MPICH reads the blocks in order, giving {@code ppn} consecutive ranks to each of
 * {@code num_nodes} nodes from {@code start_node}, and when the blocks run out before the ranks do
 * it starts again at the first block. So a layout that repeats (mpiexec's wrap-around) is written
 * as its first round only, and start nodes may repeat. The value is empty ("unknown": MPICH then
 * compares host names) only when it would not fit in a PMI reply; that fallback is wrong when
 * nodes share a host name (cloned images all called "raspberrypi"), so it stays the last resort.
 */
public final class MappingVector {
  /**
   * Longest value we send: MPICH 4.0's PMI client reads a reply line of at most 1024 bytes
   * including the {@code cmd=get_result rc=0 msg=success value=} prefix, newline and NUL.
   */
  public static final int MAX_LENGTH =
      1024 - "cmd=get_result rc=0 msg=success value=".length() - 2;

  private MappingVector() {}

  /**
   * The value for {@code nodeOfRank} (index = rank). Node ids must be numbered by first appearance
   * (rank 0 on node 0, each new node the next id), which is what MPICH's reader assumes.
   *
   * <p>It writes the shortest repeating round that starts over at node 0 (so 2 hosts of 2 ranks
   * wrapped to 8 ranks is {@code (vector,(0,2,2))}), or all ranks when nothing repeats.
   */
  public static String encode(int[] nodeOfRank) {
    if (nodeOfRank.length == 0) {
      throw new IllegalArgumentException("a mapping needs at least one rank");
    }
    checkNumbering(nodeOfRank);
    int round = round(nodeOfRank);
    String value = blocks(nodeOfRank, round);
    // Never hand MPICH a map it would read differently: a wrong map can claim that two machines
    // share memory. By construction this holds; the check guards the construction.
    if (value.length() > MAX_LENGTH || !Arrays.equals(decode(value, nodeOfRank.length),
        nodeOfRank)) {
      return "";
    }
    return value;
  }

  /** The node of each of {@code size} ranks, as MPICH computes it from {@code value}. */
  public static int[] decode(String value, int size) {
    List<int[]> blocks = parse(value);
    int[] nodes = new int[size];
    int rank = 0;
    long covered = 0;
    for (int[] b : blocks) {
      covered += (long) b[1] * b[2];
    }
    if (covered == 0 && size > 0) {
      throw new IllegalArgumentException("'" + value + "' places no ranks");
    }
    for (boolean wrapped = false; rank < size; wrapped = true) {
      int first = 0;
      // MPICH's reader starts later rounds at the first block whose start node is 0.
      while (wrapped && first < blocks.size() - 1 && blocks.get(first)[0] != 0) {
        first++;
      }
      for (int[] b : blocks.subList(first, blocks.size())) {
        for (int node = 0; node < b[1] && rank < size; node++) {
          for (int p = 0; p < b[2] && rank < size; p++) {
            nodes[rank++] = b[0] + node;
          }
        }
      }
    }
    return nodes;
  }

  private static List<int[]> parse(String value) {
    if (!value.startsWith("(vector") || !value.endsWith(")")) {
      throw new IllegalArgumentException("'" + value + "' is not a (vector,...) mapping");
    }
    List<int[]> blocks = new ArrayList<>();
    String body = value.substring("(vector".length(), value.length() - 1);
    for (String part : body.split("\\)", -1)) {
      if (part.isEmpty()) {
        continue;
      }
      if (!part.startsWith(",(")) {
        throw new IllegalArgumentException("'" + value + "' has a malformed block '" + part + "'");
      }
      String[] nums = part.substring(2).split(",", -1);
      if (nums.length != 3) {
        throw new IllegalArgumentException("'" + value + "' has a block without three numbers");
      }
      blocks.add(new int[] {
          Integer.parseInt(nums[0]), Integer.parseInt(nums[1]), Integer.parseInt(nums[2])});
    }
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("'" + value + "' has no blocks");
    }
    return blocks;
  }

  private static void checkNumbering(int[] nodeOfRank) {
    int next = 0;
    for (int node : nodeOfRank) {
      if (node < 0 || node > next) {
        throw new IllegalArgumentException(
            "node ids must be numbered by first appearance from 0, got " + node
                + " where at most " + next + " fits");
      }
      if (node == next) {
        next++;
      }
    }
  }

  /**
   * The shortest period of the layout that begins a new visit to node 0 (or the whole layout). The
   * periods come from the border chain of the prefix function, shortest first, in linear time.
   */
  private static int round(int[] s) {
    int n = s.length;
    if (n == 0) {
      return 0;
    }
    int[] border = new int[n];
    for (int i = 1; i < n; i++) {
      int k = border[i - 1];
      while (k > 0 && s[i] != s[k]) {
        k = border[k - 1];
      }
      border[i] = s[i] == s[k] ? k + 1 : k;
    }
    for (int b = border[n - 1]; b > 0; b = border[b - 1]) {
      int p = n - b;
      if (s[p] == 0 && s[p - 1] != 0) {
        return p;
      }
    }
    return n;
  }

  /** Runs of equal per-node counts over the first {@code round} ranks, one block per run. */
  private static String blocks(int[] nodeOfRank, int round) {
    List<int[]> runs = new ArrayList<>(); // {node, consecutive ranks}
    for (int r = 0; r < round; r++) {
      int[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (last != null && last[0] == nodeOfRank[r]) {
        last[1]++;
      } else {
        runs.add(new int[] {nodeOfRank[r], 1});
      }
    }
    List<int[]> blocks = new ArrayList<>(); // {start_node, num_nodes, ppn}
    for (int[] run : runs) {
      int[] last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
      if (last != null && last[2] == run[1] && last[0] + last[1] == run[0]) {
        last[1]++;
      } else {
        blocks.add(new int[] {run[0], 1, run[1]});
      }
    }
    StringBuilder s = new StringBuilder("(vector");
    for (int[] b : blocks) {
      s.append(",(").append(b[0]).append(',').append(b[1]).append(',').append(b[2]).append(')');
    }
    return s.append(')').toString();
  }
}
