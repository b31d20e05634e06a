package io.picluster.setup.net;

/**
 * The NetworkManager profile for the backbone: a keyfile of picluster's own, exactly what {@code
 * nmcli connection add type ethernet ... ipv4.method manual ipv4.never-default yes ipv6.method
 * disabled} writes (less the uuid, which NetworkManager derives from the file name). A static
 * address with no gateway and no DNS, so the Wi-Fi keeps the default route; autoconnect priority
 * 100 so it wins over the "Wired connection 1" profile NetworkManager makes by itself.
 *
 * <p>The file must be mode 0600: NetworkManager ignores keyfiles that others can read.
 */
public final class NmKeyfile {
  /** The profile's name ({@code nmcli connection up picluster-backbone}). */
  public static final String ID = "picluster-backbone";
  public static final String PATH = "etc/NetworkManager/system-connections/" + ID + ".nmconnection";
  public static final int MODE = 0600;

  private NmKeyfile() {}

  public static String render(NodeBackbone b) {
    return String.join("\n",
        "[connection]",
        "id=" + ID,
        "type=ethernet",
        "interface-name=" + b.iface(),
        "autoconnect=true",
        "autoconnect-priority=100",
        "",
        "[ethernet]",
        "",
        "[ipv4]",
        "method=manual",
        "address1=" + b.addressWithPrefix(),
        "never-default=true",
        "",
        "[ipv6]",
        "method=disabled",
        "");
  }
}
