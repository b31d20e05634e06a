package io.picluster.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds a program as execvp(3) would, so a typo is a one-line usage error, not N failed ranks. */
final class ProgramLookup {
  private ProgramLookup() {}

  /** The executable {@code program} names, or null. */
  static Path find(String program) {
    if (program.isEmpty()) {
      return null;
    }
    if (program.contains("/")) {
      Path p = Path.of(program);
      return Files.isRegularFile(p) && Files.isExecutable(p) ? p : null;
    }
    String path = System.getenv("PATH");
    if (path == null) {
      path = "/usr/local/bin:/usr/bin:/bin";
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }
}
