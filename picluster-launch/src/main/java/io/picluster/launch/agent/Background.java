package io.picluster.launch.agent;

import java.io.IOException;

/**
 * A result the agent works out on a daemon thread of its own (mostly the kernel's work, or another
 * CPU's) while its own thread checks the ranks; {@link #await} hands it over. A plain class rather
 * than a future: this JVM starts on every host of every job.
 */
abstract class Background<T> implements Runnable {
  private T result;
  private IOException failure;
  private boolean done;

  /** The work, run once on the thread {@link #start} made. */
  abstract T compute() throws IOException;

  /** Starts the work on a daemon thread named NAME; returns this. */
  final Background<T> start(String name) {
    Thread t = new Thread(this, name);
    t.setDaemon(true);
    t.start();
    return this;
  }

  @Override
  public final void run() {
    T r = null;
    IOException e = null;
    try {
      r = compute();
    } catch (IOException failed) {
      e = failed;
    } catch (RuntimeException | Error failed) {
      e = new IOException(String.valueOf(failed), failed); // await must not wait forever
    }
    synchronized (this) {
      result = r;
      failure = e;
      done = true;
      notifyAll();
    }
  }

  /** The result, once the work is done; what it threw if it failed. */
  final synchronized T await() throws IOException {
    boolean interrupted = false;
    while (!done) {
      try {
        wait();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw failure;
    }
    return result;
  }
}
