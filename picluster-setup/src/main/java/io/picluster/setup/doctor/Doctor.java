package io.picluster.setup.doctor;

import io.picluster.launch.openmpi.NativeFile;
import io.picluster.setup.cluster.Ipv4Network;
import io.picluster.setup.cluster.Node;
import io.picluster.setup.slurm.SlurmState;
import io.picluster.setup.status.NodeStatus;
import io.picluster.setup.status.StatusProbe;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code picluster doctor}: looks at every node at once for the faults that stop or spoil jobs on
 * a home-made cluster, and says how to fix each. Four probes run in parallel, over ssh from this
 * machine: {@link FactsProbe} (addresses, names, the program), the {@link StatusProbe} (versions,
 * clock, throttling), the {@link PortSweep} (TCP between every pair of nodes) and, with a master,
 * its Slurm ({@link SlurmState}, where Slurm is set up). The checks then
 * judge what came back; a node ssh cannot log in to is reported by the ssh check and left out of
 * the others.
 */
public final class Doctor {
  private Doctor() {}

  /** Examines the nodes of {@code scope}. */
  public static DoctorReport run(DoctorScope scope) throws InterruptedException {
    List<Node> nodes = scope.nodes();
    Map<String, String> backbone = backbone(nodes);
    List<String> names = new ArrayList<>();
    for (Node n : nodes) {
      if (Ipv4Network.parseAddress(n.name()) == null) {
        names.add(n.name());
      }
    }
    String program = scope.program().map(ProgramFile::path).orElse(null);
    Object[] slots = new Object[3];
    Thread facts = new Thread(() -> slots[0] = lookAgain(scope,
        FactsProbe.probe(nodes, names, program, FactsProbe.DEADLINE)), "doctor-facts");
    Thread status = new Thread(() -> {
      try {
        slots[1] = StatusProbe.probe(nodes, StatusProbe.Mode.STATUS, StatusProbe.DEADLINE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "doctor-status");
    Thread slurm = new Thread(() -> slots[2] = slurmState(scope), "doctor-slurm");
    facts.setDaemon(true);
    status.setDaemon(true);
    slurm.setDaemon(true);
    facts.start();
    status.start();
    slurm.start();
    PortReport ports = PortSweep.run(nodes, backbone);
    facts.join();
    status.join();
    slurm.join();
    @SuppressWarnings("unchecked")
    List<NodeFacts> found = (List<NodeFacts>) slots[0];
    @SuppressWarnings("unchecked")
    List<NodeStatus> statuses = (List<NodeStatus>) slots[1];
    if (found == null || statuses == null) {
      throw new InterruptedException("doctor was interrupted");
    }
    DoctorReport report = judge(scope, backbone, found, statuses, ports);
    @SuppressWarnings("unchecked")
    Optional<SlurmState> slurmState = (Optional<SlurmState>) slots[2];
    if (slurmState == null || slurmState.isEmpty()) {
      return report;
    }
    List<Check> checks = new ArrayList<>(report.checks());
    checks.addAll(SlurmNodesCheck.check(scope, slurmState.get(), Set.copyOf(report.unreachable())));
    return new DoctorReport(report.nodes(), checks, report.unreachable());
  }

  /** What the master's Slurm says of the nodes; empty without a master or Slurm set up there. */
  private static Optional<SlurmState> slurmState(DoctorScope scope) {
    if (scope.master().isEmpty()) {
      return Optional.empty();
    }
    return SlurmState.ask(scope.nodes().get(0), StatusProbe.DEADLINE);
  }

  /** The checks on what the probes found, in the order they are printed. */
  public static DoctorReport judge(DoctorScope scope, Map<String, String> backbone,
      List<NodeFacts> facts, List<NodeStatus> statuses, PortReport ports) {
    Set<String> skip = new LinkedHashSet<>();
    for (NodeFacts f : facts) {
      if (!f.answered()) {
        skip.add(f.node().name());
      }
    }
    List<Check> checks = new ArrayList<>();
    checks.addAll(SshCheck.check(facts));
    checks.addAll(BackboneAddressCheck.check(scope, facts, backbone));
    checks.addAll(NameCheck.check(scope, facts, backbone));
    checks.addAll(ProgramCheck.check(scope, facts));
    checks.addAll(MpiCheck.check(scope, facts));
    checks.addAll(ArchCheck.check(facts, NativeFile::carries));
    checks.addAll(PortCheck.check(scope, ports, skip));
    checks.addAll(VersionsCheck.check(scope, statuses, skip));
    checks.addAll(ClockCheck.check(statuses, skip));
    checks.addAll(ThrottlingCheck.check(statuses, skip));
    return new DoctorReport(scope.nodes().size(), checks, List.copyOf(skip));
  }

  /**
   * Each node's backbone address: its address when that is an IPv4 address (a cluster file's
   * always is), else what its name resolves to here; null if it does not.
   */
  public static Map<String, String> backbone(List<Node> nodes) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Node n : nodes) {
      String a = n.address();
      if (Ipv4Network.parseAddress(a) == null) {
        try {
          InetAddress[] all = InetAddress.getAllByName(a);
          a = null;
          for (InetAddress i : all) {
            if (i instanceof Inet4Address) {
              a = i.getHostAddress();
              break;
            }
          }
        } catch (UnknownHostException e) {
          a = null;
        }
      }
      map.put(n.name(), a);
    }
    return map;
  }

  /**
   * Nodes named with --hosts are known by address only, so their host names are learnt from the
   * first look; the nodes are then asked once more, for those names only.
   */
  private static List<NodeFacts> lookAgain(DoctorScope scope, List<NodeFacts> first) {
    if (scope.clusterFile()) {
      return first;
    }
    Set<String> hostnames = new LinkedHashSet<>();
    List<Node> answered = new ArrayList<>();
    for (NodeFacts f : first) {
      if (f.answered()) {
        answered.add(f.node());
        if (f.hostname() != null) {
          hostnames.add(f.hostname());
        }
      }
    }
    if (answered.isEmpty() || hostnames.isEmpty()) {
      return first;
    }
    Map<Node, NodeFacts> again = new LinkedHashMap<>();
    for (NodeFacts f : FactsProbe.probe(answered, new ArrayList<>(hostnames), null,
        FactsProbe.DEADLINE)) {
      again.put(f.node(), f);
    }
    List<NodeFacts> merged = new ArrayList<>();
    for (NodeFacts f : first) {
      NodeFacts a = again.get(f.node());
      if (f.answered() && a != null && a.answered() && f.resolved() != null
          && a.resolved() != null) {
        Map<String, List<String>> resolved = new LinkedHashMap<>(f.resolved());
        resolved.putAll(a.resolved());
        merged.add(new NodeFacts(f.node(), f.ssh(), true, f.hostname(), f.addresses(), resolved,
            f.program(), f.programSha256(), f.programExecutable(), f.programMpi(), f.arch()));
      } else {
        merged.add(f);
      }
    }
    return merged;
  }
}
