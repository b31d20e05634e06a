package io.picluster.launch.copy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a copy has under way that must not outlive it if the command is stopped (Ctrl-C): ssh
 * clients, which run in their own session (setsid) and so do not get the terminal's signal, and
 * this machine's half-written temporary files. A remote host removes its own temporary file when
 * its ssh session ends early (the copy script checks what arrived before renaming).
 */
final class Leftovers {
  private final Set<Process> processes = ConcurrentHashMap.newKeySet();
  private final Set<Path> files = ConcurrentHashMap.newKeySet();

  void add(Process p) {
    processes.add(p);
  }

  void remove(Process p) {
    processes.remove(p);
  }

  void add(Path temporaryFile) {
    files.add(temporaryFile);
  }

  void remove(Path temporaryFile) {
    files.remove(temporaryFile);
  }

  /** Ends the ssh clients and deletes the temporary files (from a shutdown hook). */
  void clear() {
    for (Process p : processes) {
      p.destroy();
    }
    for (Path f : files) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException ignored) {
        // nothing more can be done while the JVM stops
      }
    }
  }
}
