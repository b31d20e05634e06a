package io.picluster.launch;

/** A job cannot be launched; the message is one line saying what is wrong and what to do. */
public final class LaunchException extends Exception {
  private static final long serialVersionUID = 1L;

  public LaunchException(String message) {
    super(message);
  }
}
