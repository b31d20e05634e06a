package io.picluster.setup.cluster;

/** A cluster file that cannot be used; the message names file and line, what is wrong and the fix. */
public final class ClusterFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ClusterFileException(String message) {
    super(message);
  }
}
