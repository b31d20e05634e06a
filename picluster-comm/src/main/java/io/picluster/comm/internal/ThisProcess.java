package io.picluster.comm.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This JVM's process id, as names of its files and key-value spaces use it. */
public final class ThisProcess {
  private ThisProcess() {}

  /** This JVM's pid, read once: every rank that is a thread of it shares this class. */
  public static long pid() {
    return Read.PID;
  }

  private static final class Read {
    static final long PID = readPid();

    /**
     * From the /proc/self link (one system call). {@code ProcessHandle.current()} first sets up the
     * JDK's process handling (a reaper thread pool, and the lambdas it links): ~9 ms of CPU per
     * launch in a CPU profile of {@code run -n 4 primes 100000}; 4-5 ms of wall in alternating runs.
     */
    private static long readPid() {
      try {
        return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
      } catch (IOException | NumberFormatException | UnsupportedOperationException | SecurityException notLinux) {
        return ProcessHandle.current().pid();
      }
    }
  }
}
