package io.picluster.comm;

/**
 * An operation cannot complete because the rank it depends on has ended: crashed, was killed, or
 * finished without sending the message waited for.
 */
public class PeerEndedException extends CommException {
  public PeerEndedException(String message) {
    super(message);
  }

  public PeerEndedException(String message, Throwable cause) {
    super(message, cause);
  }
}
