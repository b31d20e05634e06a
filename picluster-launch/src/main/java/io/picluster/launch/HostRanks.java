package io.picluster.launch;

import java.util.List;

/**
 * The ranks of one host, as the launcher handles them: made ready, started, signalled and ended
 * together. Each rank's end is reported to the job's event queue exactly once.
 */
interface HostRanks {
  /** The host, for messages. */
  String label();

  List<Integer> ranks();

  /**
   * Everything that can fail before any rank anywhere starts: reaching the host, staging, checking
   * that the program is there. Safe to call for all hosts at once.
   */
  void prepare() throws LaunchException;

  /** Starts the ranks; false if one could not be started (already said why). */
  boolean start();

  /** SIGTERM to every rank's process group. */
  void terminate();

  /** SIGKILL to every rank's process group. */
  void kill();

  /** Returns when every rank here is gone or the deadline (System.nanoTime) has passed. */
  void awaitGone(long deadlineNanos) throws InterruptedException;

  /**
   * The job is ending: tells the host's ranks so without waiting for them, for hosts whose
   * {@link #close} waits (an agent's session), so that every host's can end at once. Nothing to do
   * by default.
   */
  default void endInput() {}

  /** The job is over, or never started: end whatever is left and free the host's resources. */
  void close();
}
