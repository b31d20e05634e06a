package io.picluster.setup.net;

/**
 * A backbone that must not be configured as given (a bad network or address, two nodes on one
 * address, a backbone on the Wi-Fi's subnet, an unknown node): a usage error, one line naming the
 * fix. Raised before anything is written on any node.
 */
public final class NetConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public NetConfigException(String message) {
    super(message);
  }
}
