package io.picluster.setup.net;

import java.util.List;
import java.util.Optional;

/**
 * Which network stack a node uses, from the files in its root folder alone (so it works on an SD
 * card image as well as on a running node).
 *
 * <ul>
 *   <li>NetworkManager is installed when {@code /etc/NetworkManager} is a folder and the
 *       NetworkManager program or the {@code system-connections} folder is there.
 *   <li>dhcpcd is configured when {@code /etc/dhcpcd.conf} exists.
 *   <li>netplan is in use when {@code /etc/netplan} is a folder.
 * </ul>
 *
 * <p>Precedence: NetworkManager, then netplan, then dhcpcd. NetworkManager first because where it
 * is installed it owns the interfaces (Raspberry Pi OS Bookworm and later, Ubuntu desktops, where
 * netplan only hands its settings on to it). netplan before dhcpcd because Ubuntu ships
 * {@code /etc/dhcpcd.conf} with dhcpcd-base as a mere DHCP client. One exception: a Raspberry Pi
 * OS Bullseye that was switched back to dhcpcd has both NetworkManager and dhcpcd installed; when
 * systemd starts dhcpcd and not NetworkManager ({@code multi-user.target.wants} links), dhcpcd
 * wins. {@code --stack} overrides all of this.
 */
public final class StackDetector {
  static final String NM_DIR = "etc/NetworkManager";
  static final String NM_CONNECTIONS = "etc/NetworkManager/system-connections";
  static final String NM_PROGRAM = "usr/sbin/NetworkManager";
  static final String NM_PROGRAM_OLD = "sbin/NetworkManager";
  static final String DHCPCD_CONF = "etc/dhcpcd.conf";
  static final String NETPLAN_DIR = "etc/netplan";
  static final String WANTS = "etc/systemd/system/multi-user.target.wants/";
  static final String NM_ENABLED = WANTS + "NetworkManager.service";
  static final String DHCPCD_ENABLED = WANTS + "dhcpcd.service";

  /** Every path detection looks at: what a node is asked about over SSH. */
  public static final List<String> PROBES = List.of(NM_DIR, NM_CONNECTIONS, NM_PROGRAM,
      NM_PROGRAM_OLD, DHCPCD_CONF, NETPLAN_DIR, NM_ENABLED, DHCPCD_ENABLED);

  /** The stack found, and why, in words for the output ("/etc/netplan is there"). */
  public record Detection(Optional<NetStack> stack, String reason) {}

  private StackDetector() {}

  public static Detection detect(FileProbe root) {
    boolean nm = root.isDirectory(NM_DIR)
        && (root.exists(NM_PROGRAM) || root.exists(NM_PROGRAM_OLD)
            || root.isDirectory(NM_CONNECTIONS));
    boolean dhcpcd = root.kind(DHCPCD_CONF) == FileProbe.Kind.FILE;
    boolean netplan = root.isDirectory(NETPLAN_DIR);
    if (nm && dhcpcd && root.exists(DHCPCD_ENABLED) && !root.exists(NM_ENABLED)) {
      return found(NetStack.DHCPCD, "/etc/dhcpcd.conf, and systemd starts dhcpcd, not"
          + " NetworkManager");
    }
    if (nm) {
      return found(NetStack.NETWORK_MANAGER, "/etc/NetworkManager is there");
    }
    if (netplan) {
      return found(NetStack.NETPLAN, "/etc/netplan is there, NetworkManager is not");
    }
    if (dhcpcd) {
      return found(NetStack.DHCPCD, "/etc/dhcpcd.conf is there, NetworkManager and netplan are"
          + " not");
    }
    return new Detection(Optional.empty(), "none of /etc/NetworkManager, /etc/netplan and"
        + " /etc/dhcpcd.conf is there");
  }

  private static Detection found(NetStack stack, String reason) {
    return new Detection(Optional.of(stack), reason);
  }
}
