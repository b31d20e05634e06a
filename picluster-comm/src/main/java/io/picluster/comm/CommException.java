package io.picluster.comm;

/**
 * A message could not be delivered or received: a peer ended, a message did not fit the receive
 * buffer, or its type differs from what the receive expects. The message names the ranks involved.
 */
public class CommException extends RuntimeException {
  public CommException(String message) {
    super(message);
  }

  public CommException(String message, Throwable cause) {
    super(message, cause);
  }
}
