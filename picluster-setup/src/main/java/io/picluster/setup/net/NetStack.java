package io.picluster.setup.net;

import java.util.Locale;
import java.util.Optional;

/** The network stacks {@code picluster net} writes the backbone configuration for. */
public enum NetStack {
  /** Raspberry Pi OS Bookworm and later, Debian and Ubuntu desktops: a keyfile of its own. */
  NETWORK_MANAGER("nm", "NetworkManager",
      "sudo nmcli connection reload && sudo nmcli connection up " + NmKeyfile.ID),
  /** Raspberry Pi OS Bullseye and older: a marked stanza in /etc/dhcpcd.conf. */
  DHCPCD("dhcpcd", "dhcpcd", "sudo systemctl restart dhcpcd (or reboot)"),
  /** Ubuntu Server: a netplan file of its own, rendered by systemd-networkd. */
  NETPLAN("netplan", "netplan", "sudo netplan apply (or 'sudo netplan try' to roll back on a lost link)");

  private final String option;
  private final String label;
  private final String activation;

  NetStack(String option, String label, String activation) {
    this.option = option;
    this.label = label;
    this.activation = activation;
  }

  /** The name {@code --stack} takes: nm, dhcpcd or netplan. */
  public String option() {
    return option;
  }

  /** The name people know it by. */
  public String label() {
    return label;
  }

  /** The command that makes the written configuration take effect on the node. */
  public String activation() {
    return activation;
  }

  /** The stack {@code --stack NAME} names; empty for anything else. */
  public static Optional<NetStack> fromOption(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (NetStack s : values()) {
      if (s.option.equals(n) || s.label.toLowerCase(Locale.ROOT).equals(n)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
