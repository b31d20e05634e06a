package io.picluster.setup.net;

/**
 * The backbone stanza in {@code /etc/dhcpcd.conf}, inside picluster's marked block at the end of
 * the file: a static address and {@code nogateway}, so no default route goes via the backbone
 * (dhcpcd gives wired interfaces a lower metric than Wi-Fi, so a gateway here would take the
 * default route from the Wi-Fi). No {@code static routers=} and no {@code static
 * domain_name_servers=}.
 */
public final class DhcpcdStanza {
  public static final String PATH = "etc/dhcpcd.conf";

  private DhcpcdStanza() {}

  /** The lines inside the block. */
  public static String render(NodeBackbone b) {
    return String.join("\n",
        "interface " + b.iface(),
        "static ip_address=" + b.addressWithPrefix(),
        "nogateway",
        "");
  }

  /** {@code text} (the file as it is; null if there is none) with the block in place. */
  public static String apply(String text, NodeBackbone b) {
    return MarkedBlock.put(PATH, text, render(b));
  }
}
