package io.picluster.launch.detect;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the dynamic loader looks for a soname, roughly as ld.so does: the needing file's RUNPATH,
 * LD_LIBRARY_PATH, /etc/ld.so.conf (with its includes), then the default folders of every Debian
 * architecture a Pi cluster has. Close enough to tell which MPI a program ends up with.
 */
final class LibraryPath {
  private static final List<String> DEFAULTS = List.of(
      "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
      "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
      "/lib/arm-linux-gnueabihf", "/usr/lib/arm-linux-gnueabihf",
      "/lib", "/usr/lib", "/lib64", "/usr/lib64", "/usr/local/lib");
  /** Bounds the includes a (broken or hostile) ld.so.conf can make us read. */
  private static final int MAX_CONF_FILES = 64;

  private final List<String> dirs;

  private LibraryPath(List<String> dirs) {
    this.dirs = dirs;
  }

  /** This system's folders, after {@code LD_LIBRARY_PATH} from {@code env}. */
  static LibraryPath of(Map<String, String> env, Path root) {
    Set<String> dirs = new LinkedHashSet<>();
    String ld = env.get("LD_LIBRARY_PATH");
    if (ld != null) {
      for (String d : ld.split(":")) {
        if (!d.isEmpty()) {
          dirs.add(d);
        }
      }
    }
    readConf(root.resolve("etc/ld.so.conf"), root, dirs, new int[] {0});
    dirs.addAll(DEFAULTS);
    return new LibraryPath(List.copyOf(dirs));
  }

  private static void readConf(Path conf, Path root, Set<String> dirs, int[] files) {
    if (++files[0] > MAX_CONF_FILES) {
      return;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(conf);
    } catch (IOException | RuntimeException e) {
      return;
    }
    for (String raw : lines) {
      String line = raw.replaceFirst("#.*", "").strip();
      if (line.startsWith("include ")) {
        String pattern = line.substring("include ".length()).strip();
        int slash = pattern.lastIndexOf('/');
        if (slash < 0) {
          continue;
        }
        String folder = pattern.substring(0, slash);
        Path dir = folder.startsWith("/") ? root.resolve(folder.substring(1)) : root.resolve("etc").resolve(folder);
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, pattern.substring(slash + 1))) {
          List<Path> found = new ArrayList<>();
          s.forEach(found::add);
          found.sort(null);
          for (Path p : found) {
            readConf(p, root, dirs, files);
          }
        } catch (IOException | RuntimeException e) {
          // no such folder: nothing included
        }
      } else if (line.startsWith("/")) {
        dirs.add(line);
      }
    }
  }

  /** The file {@code soname} resolves to for a file whose RUNPATH is {@code first}, or null. */
  Path find(String soname, List<String> first) {
    if (soname.contains("/")) {
      return Files.isRegularFile(Path.of(soname)) ? Path.of(soname) : null;
    }
    for (List<String> list : List.of(first, dirs)) {
      for (String d : list) {
        try {
          Path p = Path.of(d, soname);
          if (Files.isRegularFile(p)) {
            return p;
          }
        } catch (InvalidPathException e) {
          // a garbled folder name: skip it
        }
      }
    }
    return null;
  }
}
