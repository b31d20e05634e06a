package io.picluster.comm.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This JVM's process id, as names of its files and key-value spaces use it. */
public final class ThisProcess {
  private ThisProcess() {}

  /** Where Linux shows the caller's own process: a link named by its pid. */
  private static final Path SELF = Path.of("/proc/self");

  /**
   * The pid, read from /proc/self (one system call). {@code ProcessHandle.current()} first sets up
   * the JDK's process handling (a reaper thread pool, and the lambdas it links): about 9 ms of CPU
   * in a fresh JVM, on the way of every local launch.
   */
  public static long pid() {
    try {
      return Long.parseLong(Files.readSymbolicLink(SELF).toString());
    } catch (IOException | NumberFormatException | UnsupportedOperationException | SecurityException notLinux) {
      return ProcessHandle.current().pid();
    }
  }
}
