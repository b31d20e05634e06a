package io.picluster.comm;

/** How a send completes. */
public enum SendMode {
  /**
   * As {@code send} always is (MPI_Send): done once the data is copied out of the caller's array.
   * Up to 64 KiB that happens at once, whether or not the receiver has posted its receive; a larger
   * message is copied out once the receiver has posted its receive or chosen to store the message
   * (while its store of early messages, 256 MiB or a quarter of its heap, has room).
   */
  STANDARD,
  /**
   * Done only once the receiver has matched the message with a receive, as MPI_Ssend: an
   * acknowledgement travels back. A synchronous send to a rank that never receives it waits forever.
   */
  SYNCHRONOUS
}
