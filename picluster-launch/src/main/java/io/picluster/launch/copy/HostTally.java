package io.picluster.launch.copy;

/** What one host got: files copied, files it already had, files that failed. */
public final class HostTally {
  private final String host;
  private int copied;
  private int alreadyThere;
  private int failed;

  public HostTally(String host) {
    this.host = host;
  }

  public String host() {
    return host;
  }

  synchronized void copied() {
    copied++;
  }

  synchronized void alreadyThere() {
    alreadyThere++;
  }

  synchronized void failed(int files) {
    failed += files;
  }

  public synchronized int copiedCount() {
    return copied;
  }

  public synchronized int alreadyThereCount() {
    return alreadyThere;
  }

  public synchronized int failedCount() {
    return failed;
  }

  /** {@code 10.0.0.2: 2 copied, 1 already there}, plus {@code , 1 failed} if any did. */
  public synchronized String summary() {
    return host + ": " + copied + " copied, " + alreadyThere + " already there"
        + (failed > 0 ? ", " + failed + " failed" : "");
  }
}
