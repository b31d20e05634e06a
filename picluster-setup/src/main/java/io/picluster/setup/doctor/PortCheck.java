package io.picluster.setup.doctor;

import io.picluster.setup.cluster.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Check 5: every node can open a TCP connection to every other node's backbone address, both
 * ways, on the ephemeral ports a job's ranks listen on (measured by {@link PortSweep}). A firewall
 * that lets ssh in but nothing else (ufw's default) makes a launch fail or hang at the first
 * message between two nodes. Each failing directed pair is one line; a node whose pairs all work
 * is one OK line.
 */
public final class PortCheck {
  public static final String NAME = "ports";

  private PortCheck() {}

  /** @param skip nodes not to judge (ssh failed: the ssh check says why) */
  public static List<Check> check(DoctorScope scope, PortReport report, Set<String> skip) {
    List<Check> checks = new ArrayList<>();
    String net = scope.network().map(Object::toString).orElse(null);
    for (Node n : scope.nodes()) {
      String s = n.name();
      if (skip.contains(s)) {
        continue;
      }
      String why = report.notProbed().get(s);
      if (why != null) {
        checks.add(Check.warn(NAME, s, "cannot probe its ports: " + why, "picluster install puts"
            + " picluster (which carries the probe) on every node; it needs Java 17 there"));
        continue;
      }
      String listen = report.cannotListen().get(s);
      if (listen != null) {
        checks.add(Check.fail(NAME, s, "cannot listen on its backbone address: " + listen,
            "give it its backbone address: picluster net " + s));
      }
      List<String> reaches = new ArrayList<>();
      List<String> reachedFrom = new ArrayList<>();
      boolean bad = listen != null;
      for (PortPair p : report.pairs()) {
        if (skip.contains(p.from()) || skip.contains(p.to())) {
          continue;
        }
        if (p.from().equals(s)) {
          if (p.ok()) {
            reaches.add(p.to());
          } else {
            bad = true;
            checks.add(Check.fail(NAME, p.from() + " -> " + p.to(), "cannot connect from "
                + p.fromAddress() + " to " + p.toAddress() + ":" + p.port() + " (" + p.to()
                + "'s probe): " + p.reason(), fix(p.to(), p.from(), net)));
          }
        }
        if (p.to().equals(s)) {
          if (p.ok()) {
            reachedFrom.add(p.from());
          } else {
            bad = true;
          }
        }
      }
      if (!bad && !reaches.isEmpty()) {
        checks.add(Check.ok(NAME, s, "TCP to " + String.join(", ", reaches) + " and from "
            + (reachedFrom.equals(reaches) ? "them" : String.join(", ", reachedFrom))
            + " works"));
      }
    }
    return checks;
  }

  static String fix(String to, String from, String net) {
    String source = net != null ? net : "the other nodes' addresses";
    String src = net != null ? net : "ADDRESS";
    return "let TCP within the backbone through the firewall on " + to + " (incoming; or outgoing"
        + " on " + from + "): sudo ufw allow from " + src + " (ufw), sudo nft insert rule inet"
        + " filter input ip saddr " + src + " accept (nftables), or sudo firewall-cmd --permanent"
        + " --zone=trusted --add-source=" + src + " (firewalld); 'sudo nft list ruleset' shows what"
        + " blocks it (jobs use any port, so allow " + source + ", not single ports)";
  }
}
