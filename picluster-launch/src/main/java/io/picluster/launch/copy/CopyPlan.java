package io.picluster.launch.copy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files of one {@code picluster copy} and where each goes: by default its own absolute path on
 * this machine, with {@code --to DIR} {@code DIR/NAME} (DIR absolute, or relative to the current
 * folder). Each file is read once here for its SHA-256, which every host's copy is compared with.
 *
 * <p>Bad input is an {@link IllegalArgumentException} with a one-line message (what is wrong, how
 * to fix it), checked before anything is copied: a missing file, a folder, a file this user cannot
 * read, two files that would land on the same path.
 */
public final class CopyPlan {
  private final List<CopyItem> items;

  private CopyPlan(List<CopyItem> items) {
    this.items = List.copyOf(items);
  }

  /**
   * @param files the files as the user wrote them (a file named twice is copied once)
   * @param toDir the {@code --to} folder, or null for each file's own path
   * @param workDir the current folder, which relative names are taken from (absolute)
   */
  public static CopyPlan of(List<String> files, String toDir, Path workDir) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "no files given (write e.g. 'picluster copy data.bin --hosts node1,node2')");
    }
    Path dir = null;
    if (toDir != null) {
      if (toDir.isBlank()) {
        throw new IllegalArgumentException("--to needs a folder, got an empty name");
      }
      dir = workDir.resolve(path(toDir, "--to " + toDir)).normalize();
    }
    Map<String, CopyItem> byDestination = new LinkedHashMap<>();
    for (String name : files) {
      Path source = workDir.resolve(path(name, name)).normalize();
      String destination = dir == null ? source.toString()
          : dir.resolve(source.getFileName()).toString();
      CopyItem earlier = byDestination.get(destination);
      if (earlier != null) {
        if (earlier.source().equals(source)) {
          continue;
        }
        throw new IllegalArgumentException(earlier.source() + " and " + source
            + " would both be copied to " + destination + " (copy them in separate runs)");
      }
      byDestination.put(destination, item(name, source, destination));
    }
    return new CopyPlan(new ArrayList<>(byDestination.values()));
  }

  private static Path path(String text, String what) {
    try {
      if (text.isEmpty()) {
        throw new InvalidPathException(text, "empty");
      }
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(
          (what.isEmpty() ? "''" : what) + ": not a valid path (give the path of a file to copy)");
    }
  }

  private static CopyItem item(String name, Path source, String destination) {
    if (!Files.exists(source)) {
      throw new IllegalArgumentException(
          name + ": no such file (give the path of a file to copy)");
    }
    if (Files.isDirectory(source)) {
      throw new IllegalArgumentException(
          name + " is a folder; copy takes files (name the files in it, or pack it with tar first)");
    }
    if (!Files.isRegularFile(source)) {
      throw new IllegalArgumentException(name + " is not a regular file; copy takes files");
    }
    try {
      long size = Files.size(source);
      String sha256 = Sha256.of(source);
      return new CopyItem(source, destination, size, sha256, mode(source));
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException("cannot read " + name + ": permission denied");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + name + ": " + e.getMessage());
    }
  }

  /** The permission bits, 0777 at most (no set-id bits: a copy should not gain privileges). */
  static int mode(Path file) throws IOException {
    try {
      return bits(Files.getPosixFilePermissions(file));
    } catch (UnsupportedOperationException notPosix) {
      return Files.isExecutable(file) ? 0755 : 0644;
    }
  }

  static int bits(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission p : permissions) {
      // The enum runs OWNER_READ .. OTHERS_EXECUTE, i.e. from bit 8 down to bit 0.
      mode |= 1 << (8 - p.ordinal());
    }
    return mode;
  }

  public List<CopyItem> items() {
    return items;
  }
}
