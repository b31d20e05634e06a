package io.picluster.launch.pmi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value of the virtual key {@code PMI_process_mapping}: MPICH's node map,
 * {@code (vector,(start_node,num_nodes,ppn),...)}, ranks in block order. It tells MPICH which ranks
 * share a machine (and so shared memory); it must never claim that two machines are one.
 */
public final class ProcessMapping {
  private ProcessMapping() {}

  /** All {@code ranks} on one node: {@code (vector,(0,1,N))}. */
  public static String singleNode(int ranks) {
    return "(vector,(0,1," + ranks + "))";
  }

  /**
   * The mapping for ranks placed on {@code hostOfRank} (index = rank), or the empty string ("unknown",
   * MPICH then falls back to comparing host names) when a host's ranks are not one contiguous block.
   */
  public static String ofHosts(List<String> hostOfRank) {
    Map<String, Integer> ranksPerHost = new LinkedHashMap<>();
    String previous = null;
    for (String host : hostOfRank) {
      if (!host.equals(previous) && ranksPerHost.containsKey(host)) {
        return "";
      }
      ranksPerHost.merge(host, 1, Integer::sum);
      previous = host;
    }
    List<int[]> blocks = new ArrayList<>(); // {start_node, num_nodes, ppn}
    int node = 0;
    for (int ppn : ranksPerHost.values()) {
      int[] last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
      if (last != null && last[2] == ppn) {
        last[1]++;
      } else {
        blocks.add(new int[] {node, 1, ppn});
      }
      node++;
    }
    StringBuilder s = new StringBuilder("(vector");
    for (int[] b : blocks) {
      s.append(",(").append(b[0]).append(',').append(b[1]).append(',').append(b[2]).append(')');
    }
    return s.append(')').toString();
  }
}
