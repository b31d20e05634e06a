package io.picluster.cli;

import io.picluster.launch.JavaRuntime;
import java.net.URISyntaxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of a built-in job's rank: the same {@code java} and the same picluster jar as
 * the running command, so ranks never pick up another installation.
 */
final class RankJvm {
  /**
   * For every rank; jobs add their own (JIT). The collector is the JVM's choice: the serial one on
   * a machine under 2 CPUs or 2 GB (a Pi 3), G1 otherwise, where Java 17 maps the pre-built module
   * graph and heap objects of its class-data archive (with the serial one it builds them at every
   * start: a JVM's start-up 41 -> 32 ms CPU).
   */
  static final List<String> JVM_OPTIONS = List.of("-Xshare:auto");

  static final String JOB_MAIN = "io.picluster.jobs.JobMain";

  /** The ranks' class-data archive that bin/picluster records beside the jar. */
  static final String RANK_ARCHIVE = "picluster-rank.jsa";

  private static final String ARCHIVE_OPTION = "-XX:SharedArchiveFile=";

  private RankJvm() {}

  static List<String> command(String job, List<String> jobJvmOptions, List<String> jobArgs) {
    List<String> c = new ArrayList<>();
    c.add(JavaRuntime.executable());
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
   * The same job's ranks as threads of the launcher's JVM: no JVM options (the launcher's JVM is
   * already running), the same jar and entry point.
   */
  static List<String> threadsCommand(String job, List<String> jobArgs) {
    List<String> c = new ArrayList<>();
    c.add(JavaRuntime.executable());
    c.add("-cp");
    c.add(classpath());
    c.add(JOB_MAIN);
    c.add(job);
    c.addAll(jobArgs);
    return c;
  }

  /**
   * The files a rank command built here names (the jar, the class-data archive), keyed by the
   * argument text naming them, so ranks on other hosts can get copies.
   */
  static Map<String, Path> filesOf(List<String> command) {
    Map<String, Path> files = new LinkedHashMap<>();
    for (int i = 0; i < command.size(); i++) {
      String arg = command.get(i);
      if (arg.equals("-cp") && i + 1 < command.size()) {
        Path jar = Path.of(command.get(i + 1));
        if (Files.isRegularFile(jar)) {
          files.put(command.get(i + 1), jar);
        }
      } else if (arg.startsWith(ARCHIVE_OPTION)) {
        files.put(arg.substring(ARCHIVE_OPTION.length()), Path.of(arg.substring(ARCHIVE_OPTION.length())));
      }
    }
    return files;
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
        return List.of(ARCHIVE_OPTION + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
      }
    } catch (IOException | InvalidPathException e) {
      // no archive then
    }
    return List.of();
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
