package io.picluster.comm;

/** How a send completes. */
public enum SendMode {
  /**
   * Eager, as {@code send} always is: done once the data is copied out of the caller's array,
   * whether or not the receiver has posted its receive (MPI_Send with unlimited buffering).
   */
  STANDARD,
  /**
   * Done only once the receiver has matched the message with a receive, as MPI_Ssend: an
   * acknowledgement travels back. A synchronous send to a rank that never receives it waits forever.
   */
  SYNCHRONOUS
}
