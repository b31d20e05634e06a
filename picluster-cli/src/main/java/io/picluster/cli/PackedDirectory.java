package io.picluster.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A class folder on the class path, packed into a jar so it can be staged to other hosts like any
 * file. The jar is kept in the user's cache under a checksum of the folder's content, so a folder
 * that has not changed is not packed again, and it is written the same way every time (sorted
 * entries, fixed times), so other hosts that have it already are not sent it again.
 */
final class PackedDirectory {
  /** Class folders are small; a folder beyond these is almost surely the wrong one (a home). */
  static final int MAX_FILES = 20_000;
  static final long MAX_BYTES = 256L << 20;
  /** 1980-02-01: zip's earliest time, the same for every entry of every packing. */
  private static final long FIXED_TIME = 315_532_800_000L + 31L * 86_400_000L;

  private PackedDirectory() {}

  /** The jar holding {@code dir}'s files (hidden files and folders left out), packed if need be. */
  static Path of(Path dir, Path cache) {
    List<Path> files = files(dir);
    String key = checksum(dir, files);
    String name = dir.getFileName() == null ? "root" : dir.getFileName().toString();
    Path jar = cache.resolve("packed").resolve(key).resolve(safe(name) + ".jar");
    if (Files.isRegularFile(jar)) {
      return jar;
    }
    try {
      Files.createDirectories(jar.getParent());
      Path part = Files.createTempFile(jar.getParent(), "pack", ".part");
      try {
        write(dir, files, part);
        Files.move(part, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(part);
      }
    } catch (IOException e) {
      throw new NotStarted("cannot pack the class folder " + dir + " into " + jar + ": "
          + e.getMessage());
    }
    return jar;
  }

  /** Every regular file and folder under dir, but hidden ones, sorted; bounded. */
  private static List<Path> files(Path dir) {
    List<Path> files = new ArrayList<>();
    long[] bytes = {0};
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
          if (d.equals(dir)) {
            return FileVisitResult.CONTINUE;
          }
          if (d.getFileName().toString().startsWith(".")) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          count(d, 0);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
          if (!f.getFileName().toString().startsWith(".") && attrs.isRegularFile()) {
            count(f, attrs.size());
          }
          return FileVisitResult.CONTINUE;
        }

        private void count(Path p, long size) {
          files.add(p);
          bytes[0] += size;
          if (files.size() > MAX_FILES || bytes[0] > MAX_BYTES) {
            throw new UsageError("the class path folder " + dir + " holds more than " + MAX_FILES
                + " files or " + (MAX_BYTES >> 20) + " MiB, too much to copy to every host;"
                + " put the program's classes in a jar (jar cf app.jar -C classes .) and give"
                + " -cp app.jar");
          }
        }
      });
    } catch (IOException e) {
      throw new NotStarted("cannot read the class path folder " + dir + ": " + e.getMessage());
    }
    files.sort(null);
    return files;
  }

  /** CRC-32C over every name and content, and the byte count: tells versions apart, fast. */
  private static String checksum(Path dir, List<Path> files) {
    CRC32C crc = new CRC32C();
    long length = 0;
    byte[] buf = new byte[1 << 16];
    try {
      for (Path p : files) {
        byte[] name = entryName(dir, p).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        crc.update(name);
        crc.update(0);
        length += name.length;
        if (Files.isRegularFile(p)) {
          try (InputStream in = Files.newInputStream(p)) {
            for (int n; (n = in.read(buf)) > 0; ) {
              crc.update(buf, 0, n);
              length += n;
            }
          }
        }
      }
    } catch (IOException e) {
      throw new NotStarted("cannot read the class path folder " + dir + ": " + e.getMessage());
    }
    String hex = Long.toHexString(crc.getValue());
    return "00000000".substring(hex.length()) + hex + "-" + Long.toHexString(length);
  }

  private static String entryName(Path dir, Path p) {
    String name = dir.relativize(p).toString().replace('\\', '/');
    return Files.isDirectory(p) ? name + "/" : name;
  }

  private static void write(Path dir, List<Path> files, Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Path p : files) {
        ZipEntry e = new ZipEntry(entryName(dir, p));
        e.setTime(FIXED_TIME);
        zip.putNextEntry(e);
        if (Files.isRegularFile(p)) {
          Files.copy(p, zip);
        }
        zip.closeEntry();
      }
    }
  }

  private static String safe(String name) {
    String s = name.replaceAll("[^A-Za-z0-9._+-]", "_");
    return s.startsWith(".") ? "_" + s.substring(1) : s;
  }
}
