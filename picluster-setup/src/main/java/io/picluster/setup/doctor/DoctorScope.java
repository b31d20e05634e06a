package io.picluster.setup.doctor;

import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.Ipv4Network;
import io.picluster.setup.cluster.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What doctor examines: the nodes, and what they should look like. From a cluster file it knows
 * the master, the backbone network and (maybe) its interface; nodes given with {@code --hosts}
 * are only known by the address ssh reaches them at, so the checks that need the backbone judge
 * that address instead.
 *
 * @param nodes the nodes, master first when there is one
 * @param master the master's name, or empty
 * @param network the backbone network, or empty
 * @param iface the backbone interface every node uses (e.g. eth0), or empty
 * @param program the program to look for on every node, or empty
 * @param clusterFile whether the nodes came from a cluster file (their names are then the names
 *     they should have)
 */
public record DoctorScope(List<Node> nodes, Optional<String> master, Optional<Ipv4Network> network,
    Optional<String> iface, Optional<ProgramFile> program, boolean clusterFile) {

  public DoctorScope {
    nodes = List.copyOf(nodes);
  }

  /** The nodes of a cluster file, master first. */
  public static DoctorScope of(Cluster cluster, Optional<ProgramFile> program) {
    List<Node> ordered = new ArrayList<>();
    ordered.add(cluster.masterNode());
    ordered.addAll(cluster.workers());
    return new DoctorScope(ordered, Optional.of(cluster.master()), Optional.of(cluster.network()),
        cluster.iface(), program, true);
  }

  /** Nodes named with --hosts or a hostfile. */
  public static DoctorScope ofHosts(List<Node> nodes, Optional<ProgramFile> program) {
    return new DoctorScope(nodes, Optional.empty(), Optional.empty(), Optional.empty(), program,
        false);
  }
}
