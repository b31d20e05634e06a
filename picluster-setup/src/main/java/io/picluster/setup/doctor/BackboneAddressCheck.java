package io.picluster.setup.doctor;

import io.picluster.setup.cluster.Ipv4Network;
import io.picluster.setup.cluster.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Check 1: every node has its backbone address, in the backbone network, on the backbone interface
 * (when the cluster file names one), from {@code ip -4 -o addr show} there. A node without it talks
 * to the others over whatever holds the default route (the Wi-Fi), or not at all.
 */
public final class BackboneAddressCheck {
  public static final String NAME = "backbone";

  private BackboneAddressCheck() {}

  /**
   * One line per node that answered.
   *
   * @param backbone each node's backbone address (dotted quad) by node name; null where unknown
   */
  public static List<Check> check(DoctorScope scope, List<NodeFacts> facts,
      Map<String, String> backbone) {
    List<Check> checks = new ArrayList<>();
    for (NodeFacts f : facts) {
      if (f.answered()) {
        checks.add(check(scope, f, backbone.get(f.node().name())));
      }
    }
    return checks;
  }

  static Check check(DoctorScope scope, NodeFacts f, String wantText) {
    Node n = f.node();
    String s = n.name();
    if (f.addresses() == null) {
      return Check.warn(NAME, s, "cannot list its addresses: there is no ip command there",
          "install it there: sudo apt install iproute2");
    }
    Integer want = wantText == null ? null : Ipv4Network.parseAddress(wantText);
    InterfaceAddress has = null;
    List<InterfaceAddress> others = new ArrayList<>();
    for (InterfaceAddress a : f.addresses()) {
      if (want != null && a.address() == want && has == null) {
        has = a;
      } else if (!a.loopback()) {
        others.add(a);
      }
    }
    String what = others.isEmpty() ? "it has no other address"
        : "it has " + join(others);
    if (scope.network().isEmpty()) {
      // --hosts: the only backbone we know is the address ssh reached the node at
      if (want == null) {
        return Check.warn(NAME, s, "cannot tell which of its addresses is the backbone (" + what
            + ")", "name the nodes by their backbone addresses, or use a cluster file"
            + " (picluster init)");
      }
      if (has == null) {
        return Check.warn(NAME, s, "ssh reaches it at " + wantText + ", which is not one of its"
            + " own addresses (" + what + "): a NAT or forwarded port is in between",
            "name each node by its own backbone address");
      }
      return Check.ok(NAME, s, has.cidr() + " on " + has.iface());
    }
    Ipv4Network net = scope.network().get();
    String iface = scope.iface().orElse(null);
    String onIface = iface == null ? "" : " on " + iface;
    String netFix = "picluster net " + s + " writes its static backbone address ("
        + wantText + "/" + net.bits() + onIface + ") for its network stack; check the cable and"
        + " link too (ip link show" + (iface == null ? "" : " " + iface) + ")";
    if (has == null) {
      List<InterfaceAddress> inNet = new ArrayList<>();
      for (InterfaceAddress a : others) {
        if (net.contains(a.address())) {
          inNet.add(a);
        }
      }
      if (!inNet.isEmpty()) {
        return Check.fail(NAME, s, "it has " + join(inNet) + " in the backbone " + net
            + ", not its address " + wantText + " from the cluster file",
            netFix + "; or correct " + s + "'s address in the cluster file");
      }
      return Check.fail(NAME, s, "it has no address in the backbone " + net + onIface + " ("
          + what + ")", netFix);
    }
    if (iface != null && !has.iface().equals(iface)) {
      return Check.fail(NAME, s, "its backbone address " + has.cidr() + " is on " + has.iface()
          + ", not on the backbone interface " + iface, "put it on " + iface + ": " + netFix
          + "; or correct the interface in the cluster file");
    }
    if (has.prefix() != net.bits()) {
      return Check.warn(NAME, s, "it has " + has.cidr() + " on " + has.iface() + " but the backbone"
          + " is " + net + " (a different netmask)", netFix);
    }
    return Check.ok(NAME, s, has.cidr() + " on " + has.iface());
  }

  private static String join(List<InterfaceAddress> list) {
    List<String> parts = new ArrayList<>();
    for (InterfaceAddress a : list) {
      parts.add(a.toString());
    }
    return String.join(", ", parts);
  }
}
