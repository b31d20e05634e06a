package io.picluster.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Where the test JVMs of one build note their skipped tests for the report at its end: one file
 * per JVM, in a folder of the build's own (so an earlier build's notes never count), one line per
 * suite: module, suite, number of tests, reason, separated by tabs.
 */
public final class SkippedTestsFile {
  /** The system property naming the folder of every build's notes (the root's target/). */
  public static final String DIR_PROPERTY = "picluster.skipped.dir";
  /** The system property naming this build (its start time), the subfolder of its notes. */
  public static final String BUILD_PROPERTY = "picluster.build.id";

  /** One suite's skipped tests in one module. */
  public record Entry(String module, String suite, int tests, String reason) {}

  private SkippedTestsFile() {}

  static void write(Path dir, String build, Collection<Entry> entries) throws IOException {
    Path folder = dir.resolve(build.isEmpty() ? "unnamed" : build);
    Files.createDirectories(folder);
    StringBuilder text = new StringBuilder();
    for (Entry e : entries) {
      text.append(e.module()).append('\t').append(e.suite()).append('\t').append(e.tests())
          .append('\t').append(e.reason()).append('\n');
    }
    String name = entries.iterator().next().module() + "-" + ProcessHandle.current().pid() + ".tsv";
    Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
  }

  /** Every entry noted in BUILD's folder, file by file; none if there is no such folder. */
  static List<Entry> read(Path dir, String build) throws IOException {
    List<Entry> entries = new ArrayList<>();
    Path folder = dir.resolve(build);
    if (!Files.isDirectory(folder)) {
      return entries;
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> list = Files.newDirectoryStream(folder, "*.tsv")) {
      list.forEach(files::add);
    }
    files.sort(null);
    for (Path f : files) {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        String[] w = line.split("\t", 4);
        if (w.length == 4) {
          entries.add(new Entry(w[0], w[1], Integer.parseInt(w[2]), w[3]));
        }
      }
    }
    return entries;
  }

  /** Removes the notes of every other build (bounded: the folder holds one per build run here). */
  static void forgetOtherBuilds(Path dir, String build) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> old = new ArrayList<>();
    try (DirectoryStream<Path> list = Files.newDirectoryStream(dir)) {
      for (Path p : list) {
        if (Files.isDirectory(p) && !p.getFileName().toString().equals(build)) {
          old.add(p);
        }
      }
    }
    for (Path p : old) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(p)) {
        for (Path f : files) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(p);
    }
  }
}
