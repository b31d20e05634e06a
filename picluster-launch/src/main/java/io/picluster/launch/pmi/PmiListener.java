package io.picluster.launch.pmi;

/** What the launcher needs to hear from the PMI server. Called from connection threads. */
public interface PmiListener {
  /** Rank {@code rank} asked to abort the job with {@code exitCode}. */
  void aborted(int rank, int exitCode);

  /** A connection was refused (garbage, duplicate id, ...): one line, for stderr. */
  void rejected(String line);
}
