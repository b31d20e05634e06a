package io.picluster.launch;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a program as execvp(3) would, so a typo is a one-line error before any rank starts, not N
 * failed ranks. Used by the launcher for its own host and by each host's agent for the others.
 */
public final class ProgramLookup {
  private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

  private ProgramLookup() {}

  /** The executable {@code program} names on this process's PATH, or null. */
  public static Path find(String program) {
    return find(program, System.getenv("PATH"), null);
  }

  /**
   * The executable {@code program} names, or null: a name with a '/' is a path (relative to {@code
   * workDir} when not absolute and workDir is given); any other name is looked up in {@code path}.
   */
  public static Path find(String program, String path, Path workDir) {
    if (program.isEmpty()) {
      return null;
    }
    if (program.contains("/")) {
      Path p = Path.of(program);
      if (!p.isAbsolute() && workDir != null) {
        p = workDir.resolve(p);
      }
      return isExecutableFile(p) ? p : null;
    }
    for (String dir : (path == null ? DEFAULT_PATH : path).split(File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, program);
      if (isExecutableFile(p)) {
        return p;
      }
    }
    return null;
  }

  private static boolean isExecutableFile(Path p) {
    return Files.isRegularFile(p) && Files.isExecutable(p);
  }
}
