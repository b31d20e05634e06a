package io.picluster.cli;

import java.net.URISyntaxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a built-in job's rank: the same {@code java} and the same picluster jar as
 * the running command, so ranks never pick up another installation.
 */
final class RankJvm {
  /** For every rank: the serial GC suits small heaps and few cores (a Pi); jobs add their own (JIT). */
  static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xshare:auto");

  static final String JOB_MAIN = "io.picluster.jobs.JobMain";

  /** The ranks' class-data archive that bin/picluster records beside the jar. */
  static final String RANK_ARCHIVE = "picluster-rank.jsa";

  private RankJvm() {}

  static List<String> command(String job, List<String> jobJvmOptions, List<String> jobArgs) {
    List<String> c = new ArrayList<>();
    c.add(javaExecutable());
    c.addAll(JVM_OPTIONS);
    c.addAll(jobJvmOptions);
    String classpath = classpath();
    c.addAll(archiveOptions(classpath));
    c.add("-cp");
    c.add(classpath);
    c.add(JOB_MAIN);
    c.add(job);
    c.addAll(jobArgs);
    return c;
  }

  /**
   * Start-up with the ranks' pre-parsed classes, when an archive as new as the jar lies beside it;
   * an archive that does not fit is ignored by the JVM, silently.
   */
  static List<String> archiveOptions(String classpath) {
    try {
      Path jar = Path.of(classpath);
      Path archive = jar.resolveSibling(RANK_ARCHIVE);
      if (Files.isRegularFile(jar) && Files.isRegularFile(archive)
          && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) >= 0) {
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
      }
    } catch (IOException | InvalidPathException e) {
      // no archive then
    }
    return List.of();
  }

  static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .filter(c -> Files.isExecutable(Path.of(c)))
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** The jar we run from; when run from class directories (tests), our whole class path. */
  static String classpath() {
    try {
      Path self = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(self)) {
        return self.toString();
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // fall back to the class path below
    }
    return System.getProperty("java.class.path");
  }
}
