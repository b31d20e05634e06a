package io.picluster.launch;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Keeps the user's picluster cache from growing with every new picluster. The files there that are
 * named after a version (a checksum, a jar's size and time) are written once per version and used
 * by that version alone; nothing else ever removes them (a day of rebuilding left 330 MB of class
 * archives in one cache). So when a new one is written, the older ones of its kind go, except the
 * newest {@value #KEPT}: another picluster may still use those (two versions installed side by side,
 * a job of the previous one still running), and one removed too early only has to be written again.
 * Best effort: a file that cannot be removed stays.
 */
public final class OlderVersions {
  /** How many other versions of a kind stay beside the one in use. */
  public static final int KEPT = 2;

  private OlderVersions() {}

  /**
   * Removes the regular files in {@code dir} whose names are of {@code kind}, other than
   * {@code current} and the newest {@value #KEPT} others (by modification time).
   */
  public static void prune(Path dir, Predicate<String> kind, Path current) {
    List<Path> others = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (kind.test(entry.getFileName().toString()) && !entry.equals(current)
            && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
          others.add(entry);
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      return; // no cache folder yet, or not readable: nothing to tidy
    }
    if (others.size() <= KEPT) {
      return;
    }
    others.sort(Comparator.comparing(OlderVersions::modified).reversed());
    for (Path old : others.subList(KEPT, others.size())) {
      try {
        Files.deleteIfExists(old);
      } catch (IOException e) {
        // stays; the next new version tries again
      }
    }
  }

  /**
   * Removes the regular files in {@code dir} whose names are of {@code kind} and that were last
   * written more than {@code age} ago: what a writer killed halfway left under a temporary name (a
   * class archive is recorded in seconds).
   */
  public static void removeAbandoned(Path dir, Predicate<String> kind, Duration age) {
    FileTime before = FileTime.fromMillis(System.currentTimeMillis() - age.toMillis());
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (kind.test(entry.getFileName().toString()) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)
            && modified(entry).compareTo(before) < 0) {
          try {
            Files.deleteIfExists(entry);
          } catch (IOException e) {
            // stays; the next new version tries again
          }
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      // no cache folder, or not readable: nothing to tidy
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return FileTime.fromMillis(0); // gone meanwhile: oldest, and deleteIfExists shrugs
    }
  }
}
