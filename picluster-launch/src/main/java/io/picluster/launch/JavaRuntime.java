package io.picluster.launch;

import io.picluster.launch.agent.Agent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The java this process runs on, so the processes it starts never pick up another installation, and
 * the picluster jar it runs from.
 */
public final class JavaRuntime {
  private JavaRuntime() {}

  public static String executable() {
    Optional<String> command = ProcessHandle.current().info().command();
    if (command.isPresent() && Files.isExecutable(Path.of(command.get()))) {
      return command.get();
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
