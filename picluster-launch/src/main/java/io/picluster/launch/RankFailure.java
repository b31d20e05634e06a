package io.picluster.launch;

/** Why a job was stopped: the first rank that failed, and the exit code the launcher returns. */
record RankFailure(int rank, String host, String how, int exitCode) {

  static RankFailure exited(int rank, String host, int exitValue) {
    if (Signals.isSignal(exitValue)) {
      return new RankFailure(
          rank, host, "was killed by signal " + Signals.name(exitValue - 128), exitValue);
    }
    return new RankFailure(rank, host, "exited with code " + exitValue, exitValue);
  }

  static RankFailure aborted(int rank, String host, int code) {
    return new RankFailure(rank, host, "called abort(" + code + ")", code);
  }

  static RankFailure notFinalized(int rank, String host) {
    return new RankFailure(rank, host, "exited before finalizing PMI", 1);
  }

  static RankFailure startFailed(int rank, String host, String reason) {
    return new RankFailure(rank, host, "could not be started: " + reason, 1);
  }

  static RankFailure lost(int rank, String host, String reason) {
    return new RankFailure(rank, host, "is out of reach: " + reason, 1);
  }

  String message() {
    return "picluster: rank " + rank + " on " + host + " " + how + "; the job was stopped";
  }
}
