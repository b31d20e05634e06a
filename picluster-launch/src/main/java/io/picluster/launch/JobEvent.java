package io.picluster.launch;

/** What the launcher's main loop reacts to. */
sealed interface JobEvent {
  record Exited(int rank, int exitValue) implements JobEvent {}

  record Aborted(int rank, int exitCode) implements JobEvent {}
}
