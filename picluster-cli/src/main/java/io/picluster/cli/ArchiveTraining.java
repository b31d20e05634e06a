package io.picluster.cli;

import io.picluster.launch.JavaRuntime;
import io.picluster.launch.LaunchException;
import java.io.IOException;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * What bin/picluster runs once per jar to record the launcher's class-data archive
 * ({@code -XX:ArchiveClassesAtExit}): the everyday commands on this machine alone, then every
 * launcher class loaded without running it, so that a launch across hosts, which cannot be
 * rehearsed here, also starts from classes already parsed and verified (exec -n 4 across 4 testbed
 * nodes loaded 150 classes from the jar with an archive of {@code run -n 2 hostname} alone). Not
 * for people.
 */
public final class ArchiveTraining {
  private ArchiveTraining() {}

  /** The launcher's classes: every launch loads some of them. */
  private static final String LAUNCHER_PACKAGE = "io/picluster/launch/";

  public static void main(String[] args) throws IOException, LaunchException {
    ConsoleCharset.install(); // as Main does
    // Ranks as threads of this JVM: the JDK's classes of the ranks' mesh (sockets, selectors).
    int code = Main.run("run", "-n", "2", "hostname");
    // The tutorial's job: the JDK's classes of its reductions and its report.
    if (code == 0) {
      code = Main.run("run", "-n", "2", "primes", "100000");
    }
    // A host list, the program's MPI check, rank processes and their watchdog.
    if (code == 0) {
      code = Main.run("exec", "-n", "2", "--hosts", "localhost", "true");
    }
    if (code == 0) {
      loadLauncherClasses();
    }
    System.exit(code);
  }

  private static void loadLauncherClasses() throws IOException, LaunchException {
    ClassLoader loader = ArchiveTraining.class.getClassLoader();
    try (JarFile file = new JarFile(JavaRuntime.piclusterJar().toFile())) {
      for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        if (name.startsWith(LAUNCHER_PACKAGE) && name.endsWith(".class")) {
          try {
            Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false, loader);
          } catch (ClassNotFoundException | LinkageError notArchived) {
            // a class that does not load here is simply not in the archive
          }
        }
      }
    }
  }
}
