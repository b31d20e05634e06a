package io.picluster.setup.net;

/**
 * A node's file that picluster will not change as it is (a broken marked block), or that it
 * cannot read or write; the message is one line naming the file, the problem and the fix.
 */
public final class NetFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NetFileException(String message) {
    super(message, null, false, false);
  }
}
