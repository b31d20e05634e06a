package io.picluster.setup.doctor;

import java.util.List;
import java.util.Map;

/**
 * What the port probe found: every directed pair between nodes that ran it, and why the others
 * did not take part.
 *
 * @param pairs the directed pairs, in node order (from, then to)
 * @param notProbed nodes where the probe did not run, with the reason (no java, no picluster jar,
 *     ssh failed)
 * @param cannotListen nodes where the probe ran but could not listen on the backbone address,
 *     with the reason
 */
public record PortReport(List<PortPair> pairs, Map<String, String> notProbed,
    Map<String, String> cannotListen) {
  public PortReport {
    pairs = List.copyOf(pairs);
    notProbed = Map.copyOf(notProbed);
    cannotListen = Map.copyOf(cannotListen);
  }
}
