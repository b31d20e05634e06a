package io.picluster.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipFile;

/**
 * A program's class path, resolved on the launching machine into the jars and folders it names:
 * absolute, so ranks in another working folder or on another host (after staging) see the same
 * ones, and complete, so nothing the ranks need is left behind when they are copied.
 */
final class ClassPath {
  /** A bound on the entries one launch resolves (a Class-Path chain could otherwise loop). */
  static final int MAX_ENTRIES = 10_000;

  private ClassPath() {}

  /**
   * The entries of {@code text} (':'-separated, as {@code -cp} takes it), each an existing jar or
   * folder, in order: {@code dir/*} becomes the jars in dir (sorted by name), and each jar is
   * followed by the jars and folders its manifest's Class-Path names (as the JVM reads them:
   * relative to the jar, missing ones skipped), each entry once.
   *
   * @param option how the command line gave the class path, for messages ({@code -cp})
   * @param skipMissing leave out entries that do not exist, as java does, instead of refusing
   * @throws UsageError naming an entry that does not exist
   */
  static List<Path> resolve(String text, String option, boolean skipMissing) {
    Set<Path> entries = new LinkedHashSet<>();
    for (String element : text.split(":")) {
      if (element.isEmpty()) {
        continue;
      }
      if (element.equals("*") || element.endsWith("/*")) {
        Path dir = path(element.substring(0, element.length() - 1), option);
        if (!Files.isDirectory(dir) && skipMissing) {
          continue;
        }
        if (!Files.isDirectory(dir)) {
          throw new UsageError(option + ": no folder " + dir + " for '" + element + "'");
        }
        for (Path jar : jarsIn(dir)) {
          add(entries, jar);
        }
        continue;
      }
      Path p = path(element, option);
      if (!Files.exists(p) && skipMissing) {
        continue;
      }
      if (!Files.exists(p)) {
        throw new UsageError(option + ": no file or folder '" + element + "' here;"
            + " check the class path (entries are separated by ':')");
      }
      add(entries, p);
    }
    return List.copyOf(entries);
  }

  /** Adds a jar or folder and, after a jar, what its manifest's Class-Path adds. */
  private static void add(Set<Path> entries, Path entry) {
    if (entries.size() >= MAX_ENTRIES) {
      throw new UsageError("the class path has more than " + MAX_ENTRIES + " entries");
    }
    if (!entries.add(entry) || !Files.isRegularFile(entry)) {
      return;
    }
    for (Path more : manifestClassPath(entry)) {
      add(entries, more);
    }
  }

  private static Path path(String element, String option) {
    try {
      return Path.of(element).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new UsageError(option + ": '" + element + "' is not a valid path");
    }
  }

  private static List<Path> jarsIn(Path dir) {
    List<Path> jars = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        String name = p.getFileName().toString();
        if ((name.endsWith(".jar") || name.endsWith(".JAR")) && Files.isRegularFile(p)) {
          jars.add(p);
        }
      }
    } catch (IOException e) {
      throw new UsageError("cannot list " + dir + ": " + e.getMessage());
    }
    jars.sort(null);
    return jars;
  }

  /** The existing jars and folders a jar's manifest names in Class-Path (relative URLs). */
  static List<Path> manifestClassPath(Path jar) {
    String value = mainAttribute(jar, Attributes.Name.CLASS_PATH);
    List<Path> found = new ArrayList<>();
    if (value == null) {
      return found;
    }
    for (String url : value.trim().split("\\s+")) {
      try {
        URI uri = new URI(url);
        if (uri.isAbsolute() && !"file".equals(uri.getScheme())) {
          continue;
        }
        Path p = uri.isAbsolute() ? Path.of(uri)
            : jar.getParent().resolve(uri.getPath()).normalize();
        if (Files.exists(p)) {
          found.add(p);
        }
      } catch (URISyntaxException | IllegalArgumentException e) {
        // the JVM skips an entry it cannot read; so do we
      }
    }
    return found;
  }

  /** A main attribute of a jar's manifest, or null (also for a file that is not a jar). */
  static String mainAttribute(Path jar, Attributes.Name name) {
    try (JarFile f = new JarFile(jar.toFile(), false)) {
      Manifest m = f.getManifest();
      return m == null ? null : m.getMainAttributes().getValue(name);
    } catch (IOException e) {
      return null;
    }
  }

  /** Whether a jar or folder holds a file at this path ({@code pkg/Main.class}). */
  static boolean holds(Path entry, String file) {
    if (Files.isDirectory(entry)) {
      return Files.isRegularFile(entry.resolve(file));
    }
    try (ZipFile zip = new ZipFile(entry.toFile())) {
      if (zip.getEntry(file) != null) {
        return true;
      }
      // a multi-release jar may keep a class only under META-INF/versions/N/
      return zip.stream().anyMatch(e -> e.getName().startsWith("META-INF/versions/")
          && e.getName().endsWith("/" + file));
    } catch (IOException e) {
      return false;
    }
  }

  /** The class file of a binary class name: {@code a.b.Main} is {@code a/b/Main.class}. */
  static String classFile(String className) {
    return className.replace('.', '/') + ".class";
  }
}
