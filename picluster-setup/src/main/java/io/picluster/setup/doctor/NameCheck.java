package io.picluster.setup.doctor;

import io.picluster.setup.cluster.Ipv4Network;
import io.picluster.setup.cluster.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Check 2: names. On every node, its own host name resolves to its backbone address, not to
 * Debian's {@code 127.0.1.1} or any loopback address (an MPI program advertises the address its
 * host name resolves to, and no other node can reach loopback), and every other node's name
 * resolves to that node's backbone address (the same /etc/hosts block on every node). Also: no
 * two nodes share a host name, and a cluster file's names are the nodes' own.
 */
public final class NameCheck {
  public static final String NAME = "names";

  static final String HOSTS_FIX = "picluster net --all puts the same /etc/hosts block (every"
      + " node's name and backbone address) on every node; or add those lines to /etc/hosts";

  private NameCheck() {}

  /**
   * Up to three lines per node that answered: its own name, the other nodes' names, and its host
   * name against the cluster file's.
   *
   * @param backbone each node's backbone address (dotted quad) by node name; null where unknown
   */
  public static List<Check> check(DoctorScope scope, List<NodeFacts> facts,
      Map<String, String> backbone) {
    // the name each node goes by: the cluster file's, else its own host name
    Map<String, String> nameOf = new LinkedHashMap<>();
    Map<String, List<String>> byHostname = new LinkedHashMap<>();
    for (NodeFacts f : facts) {
      Node n = f.node();
      String name = scope.clusterFile() ? n.name() : f.hostname();
      if (name != null && Ipv4Network.parseAddress(name) == null) {
        nameOf.put(n.name(), name);
      }
      if (f.hostname() != null) {
        byHostname.computeIfAbsent(f.hostname().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(n.name());
      }
    }
    List<Check> checks = new ArrayList<>();
    for (NodeFacts f : facts) {
      if (!f.answered()) {
        continue;
      }
      Node n = f.node();
      String s = n.name();
      String want = backbone.get(s);
      if (f.resolved() == null) {
        checks.add(Check.warn(NAME, s, "cannot look names up there: no getent command",
            "install libc-bin there (sudo apt install libc-bin)"));
        continue;
      }
      String h = f.hostname();
      List<String> twins = h == null ? List.of()
          : new ArrayList<>(byHostname.get(h.toLowerCase(Locale.ROOT)));
      twins.remove(s);
      boolean problem = false;
      if (!twins.isEmpty()) {
        problem = true;
        checks.add(Check.fail(NAME, s, "its host name " + h + " is also "
            + String.join(", ", twins) + "'s", "give every node its own name: sudo hostnamectl"
            + " set-hostname " + (scope.clusterFile() ? s : "NAME") + " there (then picluster net"
            + " --all)"));
      } else if (scope.clusterFile() && h != null && !h.equalsIgnoreCase(s)) {
        problem = true;
        checks.add(Check.warn(NAME, s, "its host name is " + h + ", but the cluster file calls it "
            + s, "sudo hostnamectl set-hostname " + s + " there, or use its name in the cluster"
            + " file"));
      }
      if (h != null) {
        Check own = own(s, h, f.resolved().get(h), want);
        if (own != null) {
          problem = true;
          checks.add(own);
        }
      }
      List<String> wrong = new ArrayList<>();
      List<String> fine = new ArrayList<>();
      for (NodeFacts p : facts) {
        String peerName = nameOf.get(p.node().name());
        if (p == f || peerName == null || peerName.equalsIgnoreCase(h)) {
          continue;
        }
        String peerAddress = backbone.get(p.node().name());
        List<String> got = f.resolved().get(peerName);
        if (got == null) {
          continue; // not looked up there
        }
        if (got.isEmpty()) {
          wrong.add(peerName + " does not resolve");
        } else if (peerAddress != null && !got.get(0).equals(peerAddress)) {
          wrong.add(peerName + " resolves to " + String.join(", ", got) + ", not " + peerAddress);
        } else {
          fine.add(peerName);
        }
      }
      if (!wrong.isEmpty()) {
        problem = true;
        checks.add(Check.fail(NAME, s, "on " + s + ", " + String.join("; ", wrong), HOSTS_FIX));
      }
      if (!problem) {
        List<String> ownGot = h == null ? null : f.resolved().get(h);
        String own = ownGot == null || ownGot.isEmpty() ? ""
            : h + " resolves to " + (want != null ? want : String.join(", ", ownGot));
        String peers = fine.isEmpty() ? "" : (own.isEmpty() ? "" : "; ") + String.join(", ", fine)
            + " to theirs";
        checks.add(Check.ok(NAME, s, own + peers + " (getent)"));
      }
    }
    return checks;
  }

  /** The line about a node's own name, or null if it resolves to the backbone address. */
  static Check own(String s, String h, List<String> got, String want) {
    if (got == null) {
      return null;
    }
    if (got.isEmpty()) {
      return Check.fail(NAME, s, "its own name " + h + " does not resolve there", HOSTS_FIX);
    }
    String loop = null;
    for (String a : got) {
      if (a.startsWith("127.")) {
        loop = a;
        break;
      }
    }
    String all = "getent ahostsv4 " + h + ": " + String.join(", ", got);
    if (loop != null) {
      return Check.fail(NAME, s, h + " resolves to " + loop + " (loopback) on " + s + " (" + all
          + "): a program that advertises its host name's address gives one no other node can"
          + " reach", "comment out the '" + loop + " " + h + "' line in " + s + "'s /etc/hosts:"
          + " picluster net " + s + " --fix-hosts does it (and puts in the block naming every"
          + " node)");
    }
    if (want != null && !got.get(0).equals(want)) {
      return Check.fail(NAME, s, h + " resolves to " + String.join(", ", got) + " on " + s
          + ", not to its backbone address " + want, HOSTS_FIX);
    }
    return null;
  }
}
