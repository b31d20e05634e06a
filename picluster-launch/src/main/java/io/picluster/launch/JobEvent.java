package io.picluster.launch;

/** What the launcher's main loop reacts to. */
sealed interface JobEvent {
  record Exited(int rank, int exitValue) implements JobEvent {}

  record Aborted(int rank, int exitCode) implements JobEvent {}

  /** A remote rank that could not be started after its host had said it could. */
  record StartFailed(int rank, String reason) implements JobEvent {}

  /** A remote rank whose host connection ended: it is gone as far as the job is concerned. */
  record Lost(int rank, String reason) implements JobEvent {}
}
