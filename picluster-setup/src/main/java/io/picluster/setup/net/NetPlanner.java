package io.picluster.setup.net;

import io.picluster.setup.cluster.Cluster;
import io.picluster.setup.cluster.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Works out what to write on a node, from its state: {@link NodePlan}. Pure: it writes nothing. */
public final class NetPlanner {
  /** The files a plan may read; a node is asked for these. */
  public static final List<String> READS =
      List.of(HostsBlock.PATH, DhcpcdStanza.PATH, NmKeyfile.PATH, NetplanFile.PATH);

  private static final int HOSTS_MODE = 0644;
  private static final int DHCPCD_MODE = 0644;

  private NetPlanner() {}

  /**
   * The plan for {@code node}.
   *
   * @param stack the stack to configure; empty: detect it from the node's files
   * @param wifi the Wi-Fi subnets to keep clear of; empty: the node's own, as far as known
   * @param fixHosts comment out lines that map the node's name to 127.0.1.1
   * @throws NetConfigException the backbone overlaps the Wi-Fi, or the stack cannot be told
   * @throws NetFileException a file is unreadable or has a broken picluster block
   */
  public static NodePlan plan(Cluster cluster, Node node, NodeState state,
      Optional<NetStack> stack, Optional<List<WifiSubnet>> wifi, boolean fixHosts) {
    Optional<List<WifiSubnet>> subnets = wifi.isPresent() ? wifi : state.wifi();
    subnets.ifPresent(s -> BackboneCheck.wifi(cluster, node, s));
    NetStack chosen;
    String why;
    if (stack.isPresent()) {
      chosen = stack.get();
      why = "--stack " + chosen.option();
    } else {
      StackDetector.Detection d = StackDetector.detect(state);
      if (d.stack().isEmpty()) {
        throw new NetConfigException("cannot tell which network stack " + node.name() + " uses ("
            + d.reason() + "); say it with --stack nm, --stack dhcpcd or --stack netplan");
      }
      chosen = d.stack().get();
      why = d.reason();
    }
    NodeBackbone b = NodeBackbone.of(cluster, node);
    List<FileChange> files = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    switch (chosen) {
      case NETWORK_MANAGER -> files.add(own(state, NmKeyfile.PATH, NmKeyfile.render(b),
          NmKeyfile.MODE));
      case NETPLAN -> files.add(own(state, NetplanFile.PATH, NetplanFile.render(b),
          NetplanFile.MODE));
      case DHCPCD -> {
        NodeState.Content conf = state.file(DhcpcdStanza.PATH);
        String before = conf == null ? null : conf.text();
        files.add(new FileChange(DhcpcdStanza.PATH, before, conf == null ? -1 : conf.mode(),
            DhcpcdStanza.apply(before, b), conf == null ? DHCPCD_MODE : conf.mode()));
        otherStanza(before, b.iface()).ifPresent(notes::add);
      }
      default -> throw new IllegalStateException(chosen.toString());
    }
    NodeState.Content hosts = state.file(HostsBlock.PATH);
    String hostsBefore = hosts == null ? null : hosts.text();
    files.add(new FileChange(HostsBlock.PATH, hostsBefore, hosts == null ? -1 : hosts.mode(),
        HostsBlock.apply(hostsBefore, cluster, node.name(), fixHosts),
        hosts == null ? HOSTS_MODE : hosts.mode()));
    if (!fixHosts) {
      for (HostsBlock.LoopbackLine l : HostsBlock.loopbackLines(hostsBefore, node.name())) {
        notes.add("/etc/hosts line " + l.line() + " maps " + node.name() + " to "
            + HostsBlock.DEBIAN_SELF + " ('" + l.text().strip() + "'), so the name means loopback"
            + " there; run again with --fix-hosts to comment that line out");
      }
    }
    return new NodePlan(node, chosen, why, files, notes);
  }

  /** A file of picluster's own: all of it is written, with its mode. */
  private static FileChange own(NodeState state, String path, String text, int mode) {
    NodeState.Content c = state.file(path);
    return c == null
        ? new FileChange(path, null, -1, text, mode)
        : new FileChange(path, c.text(), c.mode(), text, mode);
  }

  /** A note if dhcpcd.conf configures the interface outside picluster's block as well. */
  private static Optional<String> otherStanza(String text, String iface) {
    if (text == null) {
      return Optional.empty();
    }
    MarkedBlock.Range block = MarkedBlock.find(DhcpcdStanza.PATH, text);
    List<String> lines = MarkedBlock.lines(text);
    for (int i = 0; i < lines.size(); i++) {
      String[] w = lines.get(i).trim().split("\\s+");
      if ((block == null || !block.contains(i)) && w.length == 2 && w[0].equals("interface")
          && w[1].equals(iface)) {
        return Optional.of("/etc/dhcpcd.conf line " + (i + 1) + " configures " + iface
            + " outside picluster's block as well; remove that stanza if it sets an address or"
            + " a gateway");
      }
    }
    return Optional.empty();
  }
}
