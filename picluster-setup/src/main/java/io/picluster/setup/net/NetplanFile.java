package io.picluster.setup.net;

/**
 * The netplan file for the backbone: a file of picluster's own that sorts after cloud-init's
 * {@code 50-cloud-init.yaml}, so its {@code dhcp4: false} wins for the interface. A static address,
 * no gateway, no DHCP; {@code optional} so that boot does not wait for the backbone; the networkd
 * renderer, as Ubuntu Server uses. Wi-Fi is left to the files that configure it.
 *
 * <p>Mode 0600: netplan warns about (and newer versions refuse) files others can read.
 */
public final class NetplanFile {
  public static final String PATH = "etc/netplan/60-picluster-backbone.yaml";
  public static final int MODE = 0600;

  private NetplanFile() {}

  public static String render(NodeBackbone b) {
    return String.join("\n",
        "# The cluster backbone of " + b.node().name() + ", written by 'picluster net'.",
        "# Change the cluster file and run 'picluster net' again rather than editing this file.",
        "network:",
        "  version: 2",
        "  renderer: networkd",
        "  ethernets:",
        "    " + b.iface() + ":",
        "      dhcp4: false",
        "      dhcp6: false",
        "      addresses: [" + b.addressWithPrefix() + "]",
        "      optional: true          # don't block boot waiting for the backbone",
        "");
  }
}
