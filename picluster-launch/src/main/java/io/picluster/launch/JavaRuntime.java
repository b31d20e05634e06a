package io.picluster.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The java this process runs on, so the processes it starts never pick up another installation. */
public final class JavaRuntime {
  private JavaRuntime() {}

  /** Where Linux shows the running executable; ProcessHandle's command is read from it too. */
  private static final Path SELF = Path.of("/proc/self/exe");

  /**
   * The running java's file. Read straight from /proc: ProcessHandle.current().info() reads the
   * process's status, command line and user as well, and took 11-25 ms in a fresh JVM against
   * 0.2 ms, in the launcher before its ssh sessions and in every agent before its hello.
   */
  public static String executable() {
    try {
      Path self = Files.readSymbolicLink(SELF);
      if (self.isAbsolute() && Files.isExecutable(self)) {
        return self.toString();
      }
    } catch (IOException | UnsupportedOperationException | SecurityException notLinux) {
      // below
    }
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
