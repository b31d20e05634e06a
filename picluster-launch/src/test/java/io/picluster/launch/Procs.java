package io.picluster.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Process facts from /proc, for "nothing survived" checks. */
final class Procs {
  private Procs() {}

  /** True while {@code pid} exists and is not a zombie (a zombie has already died). */
  static boolean running(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (NoSuchFileException gone) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /** The pids written by pmi_rank.py into {@code dir} (rank-* and child-* files). */
  static List<Long> recorded(Path dir) throws IOException {
    List<Long> pids = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if ((name.startsWith("rank-") || name.startsWith("child-")) && !name.endsWith(".tmp")) {
          pids.add(Long.parseLong(Files.readString(f).trim()));
        }
      }
    }
    return pids;
  }

  /** Cleans up after a failed assertion: SIGKILL to every recorded pid that still runs. */
  static void killSurvivors(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    for (long pid : recorded(dir)) {
      if (running(pid)) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }
}
