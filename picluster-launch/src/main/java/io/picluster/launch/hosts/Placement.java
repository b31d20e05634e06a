package io.picluster.launch.hosts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Which host runs each rank, as mpiexec (Hydra) decides it: go through the hosts in order, give
 * each as many consecutive ranks as it has slots ({@code -ppn K}: K each instead), rank 0 on the
 * first host. With {@code -n} above the total, start again at the first host and keep filling in the
 * same order (Hydra 4.0 does exactly this: {@code -hosts a:2,b:1 -n 8} gives a a b a a b a a).
 * Without {@code -n}, one rank per slot (or K per host with {@code -ppn}). Immutable.
 *
 * <p>Unlike Hydra, a host listed twice was already merged by {@link HostList}, so its ranks come in
 * one run.
 */
public final class Placement {
  /** Most ranks one job may have: far above a Pi cluster, and a guard against a typo in -n. */
  public static final int MAX_RANKS = 1_000_000;

  private final List<Host> hostOfRank;
  private final int[] nodeOfRank;
  private final Map<Host, List<Integer>> ranksByHost;
  private final boolean oversubscribed;
  private final String processMapping;

  private Placement(List<Host> hostOfRank, int[] nodeOfRank, Map<Host, List<Integer>> byHost) {
    this.hostOfRank = hostOfRank;
    this.nodeOfRank = nodeOfRank;
    this.ranksByHost = byHost;
    this.oversubscribed =
        byHost.entrySet().stream().anyMatch(e -> e.getValue().size() > e.getKey().slots());
    this.processMapping = MappingVector.encode(nodeOfRank);
  }

  /** One rank per slot. */
  public static Placement of(HostList hosts) {
    return of(hosts, OptionalInt.empty(), OptionalInt.empty());
  }

  /**
   * Places {@code ranks} ranks ({@code -n}; empty: one round of slots) on {@code hosts}, {@code
   * perHost} at a time ({@code -ppn}; empty: each host's slots).
   *
   * @throws IllegalArgumentException for -n or -ppn below 1, or more than {@link #MAX_RANKS} ranks
   */
  public static Placement of(HostList hosts, OptionalInt ranks, OptionalInt perHost) {
    if (perHost.isPresent() && perHost.getAsInt() < 1) {
      throw new IllegalArgumentException(
          "-ppn must be at least 1, got " + perHost.getAsInt()
              + " (write e.g. '-ppn 2', or leave it out to use each host's slots)");
    }
    if (ranks.isPresent() && ranks.getAsInt() < 1) {
      throw new IllegalArgumentException(
          "-n must be at least 1, got " + ranks.getAsInt()
              + " (write e.g. '-n 4', or leave it out to run one rank per slot)");
    }
    List<Host> list = hosts.hosts();
    int[] take = new int[list.size()];
    long round = 0;
    for (int i = 0; i < take.length; i++) {
      take[i] = perHost.isPresent() ? Math.min(perHost.getAsInt(), MAX_RANKS) : list.get(i).slots();
      round += take[i];
    }
    long n = ranks.isPresent() ? ranks.getAsInt() : round;
    if (n > MAX_RANKS) {
      String what = ranks.isPresent() ? "-n " + n
          : (perHost.isPresent() ? "-ppn " + perHost.getAsInt() + " on " + take.length + " hosts"
              : "the hosts' slots") + " make " + n + " ranks, which";
      throw new IllegalArgumentException(
          what + " is more than " + MAX_RANKS + " (give a smaller -n)");
    }
    int size = (int) n;
    Host[] hostOf = new Host[size];
    int[] hostIndexOf = new int[size];
    for (int rank = 0; rank < size; ) {
      for (int i = 0; i < take.length && rank < size; i++) {
        for (int k = 0; k < take[i] && rank < size; k++) {
          hostOf[rank] = list.get(i);
          hostIndexOf[rank++] = i;
        }
      }
    }
    // Node ids count only hosts that got ranks; fewer ranks than hosts leaves the tail unused.
    int[] nodeOfHost = new int[list.size()];
    Arrays.fill(nodeOfHost, -1);
    int[] nodeOfRank = new int[size];
    int nodes = 0;
    Map<Host, List<Integer>> byHost = new LinkedHashMap<>();
    for (int rank = 0; rank < size; rank++) {
      int h = hostIndexOf[rank];
      if (nodeOfHost[h] < 0) {
        nodeOfHost[h] = nodes++;
      }
      nodeOfRank[rank] = nodeOfHost[h];
      byHost.computeIfAbsent(hostOf[rank], x -> new ArrayList<>()).add(rank);
    }
    byHost.replaceAll((h, r) -> Collections.unmodifiableList(r));
    return new Placement(List.of(hostOf), nodeOfRank, Collections.unmodifiableMap(byHost));
  }

  /** Number of ranks. */
  public int size() {
    return nodeOfRank.length;
  }

  public Host hostOf(int rank) {
    return hostOfRank.get(rank);
  }

  /** The host of each rank (index = rank). */
  public List<Host> hostOfRank() {
    return hostOfRank;
  }

  /** The node id of {@code rank}: the index of its host in {@link #hosts()}. */
  public int nodeOf(int rank) {
    return nodeOfRank[rank];
  }

  /** The hosts that run at least one rank, in host-list order; index = node id. */
  public List<Host> hosts() {
    return List.copyOf(ranksByHost.keySet());
  }

  /** Each used host's ranks, ascending, hosts in host-list order. */
  public Map<Host, List<Integer>> ranksByHost() {
    return ranksByHost;
  }

  /** The ranks of {@code host}, ascending; empty when it runs none. */
  public List<Integer> ranksOn(Host host) {
    return ranksByHost.getOrDefault(host, List.of());
  }

  /** True when some host runs more ranks than its slots (from -n beyond the slots, or -ppn). */
  public boolean oversubscribed() {
    return oversubscribed;
  }

  /** The {@code PMI_process_mapping} value for this layout; see {@link MappingVector}. */
  public String processMapping() {
    return processMapping;
  }
}
