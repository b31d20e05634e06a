package io.picluster.bench;

/** One run of a measured command did not give a usable figure; the message is one line saying why. */
final class RunFailed extends Exception {
  RunFailed(String oneLine) {
    super(oneLine);
  }
}
