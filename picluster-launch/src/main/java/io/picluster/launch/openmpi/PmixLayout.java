package io.picluster.launch.openmpi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where an Open MPI job's ranks run, as every node's {@link PmixHelper} must describe it to PMIx:
 * the job's namespace, the nodes' names in order, and each rank's node. The launcher knows it; the
 * agents get it in the ranks' environment ({@link #ENV}), the one thing they all receive.
 *
 * @param nspace the PMIx namespace: picluster's Open MPI job id, unique among a node's jobs
 * @param hosts the names of the nodes, in node order
 * @param nodeOfRank the node index of each rank
 */
public record PmixLayout(String nspace, List<String> hosts, int[] nodeOfRank) {
  public static final String ENV = "PICLUSTER_PMIX_LAYOUT";
  /** Names PMIx takes apart safely (its host list is comma-separated); others become nodeN. */
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  public PmixLayout {
    hosts = List.copyOf(hosts);
    nodeOfRank = nodeOfRank.clone();
  }

  /**
   * The layout of job {@code jobId}: the hosts that run ranks, renumbered in order (every node of a
   * PMIx job has ranks, and takes part in every fence), with names PMIx can carry.
   */
  public static PmixLayout of(String jobId, List<String> hostNames, int[] nodeOfRank) {
    int[] renumbered = new int[hostNames.size()];
    Arrays.fill(renumbered, -1);
    List<String> names = new ArrayList<>();
    int[] nodes = new int[nodeOfRank.length];
    for (int r = 0; r < nodeOfRank.length; r++) {
      int h = nodeOfRank[r];
      if (renumbered[h] < 0) {
        renumbered[h] = names.size();
        String n = hostNames.get(h);
        names.add(PLAIN_NAME.matcher(n).matches() && !names.contains(n) ? n : "node" + names.size());
      }
      nodes[r] = renumbered[h];
    }
    return new PmixLayout("picluster-" + jobId, names, nodes);
  }

  /** "nspace;host0,host1;0,0,1,1" */
  public String encode() {
    StringBuilder b = new StringBuilder(nspace).append(';').append(String.join(",", hosts)).append(';');
    for (int r = 0; r < nodeOfRank.length; r++) {
      b.append(r == 0 ? "" : ",").append(nodeOfRank[r]);
    }
    return b.toString();
  }

  /**
   * The layout {@link #encode} made.
   *
   * @throws IllegalArgumentException if {@code text} is not one
   */
  public static PmixLayout decode(String text) {
    String[] parts = text == null ? new String[0] : text.split(";", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
      throw new IllegalArgumentException("bad " + ENV + " from the launcher: " + text);
    }
    List<String> hosts = Arrays.asList(parts[1].split(","));
    int[] nodes;
    try {
      nodes = Arrays.stream(parts[2].split(",")).mapToInt(Integer::parseInt).toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad " + ENV + " from the launcher: " + text);
    }
    for (int n : nodes) {
      if (n < 0 || n >= hosts.size()) {
        throw new IllegalArgumentException("bad " + ENV + " from the launcher: " + text);
      }
    }
    return new PmixLayout(parts[0], hosts, nodes);
  }

  public int size() {
    return nodeOfRank.length;
  }

  public int nodeOf(int rank) {
    return nodeOfRank[rank];
  }
}
