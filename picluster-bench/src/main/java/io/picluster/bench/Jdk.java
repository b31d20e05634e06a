package io.picluster.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** The tools of the JDK running the bench, so every JVM we start is the same Java. */
final class Jdk {
  private Jdk() {}

  /** {@code $JAVA_HOME/bin/name} of this JVM, or the bare name (PATH) if it is not there. */
  static String tool(String name) {
    Path p = Path.of(System.getProperty("java.home"), "bin", name);
    return Files.isExecutable(p) ? p.toString() : name;
  }
}
