package io.picluster.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The java this process runs on, so the processes it starts never pick up another installation. */
public final class JavaRuntime {
  private JavaRuntime() {}

  public static String executable() {
    Optional<String> command = ProcessHandle.current().info().command();
    if (command.isPresent() && Files.isExecutable(Path.of(command.get()))) {
      return command.get();
    }
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
