package io.picluster.launch;

import io.picluster.launch.agent.Agent;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The java this process runs on, so the processes it starts never pick up another installation, and
 * the picluster jar it runs from.
 */
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

  /** The jar this launcher runs from, which the other hosts' agents run from too. */
  public static Path piclusterJar() throws LaunchException {
    try {
      Path self = Path.of(Agent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(self)) {
        return self.toAbsolutePath().normalize();
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // reported below
    }
    throw new LaunchException("launching on other hosts needs the picluster jar; run picluster"
        + " from its jar (bin/picluster or java -jar picluster.jar)");
  }
}
