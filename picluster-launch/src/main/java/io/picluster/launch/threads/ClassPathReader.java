package io.picluster.launch.threads;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Reads class files straight from the jars and folders of one class path, each jar opened once: a
 * rank's start reads ~50 class files, and through {@link URLClassLoader#findResource} and
 * {@code URL.openStream} each cost a URL, a {@code JarURLConnection} and its lookups. From the first
 * entry it cannot read that way on (a URL that is not a local file, a jar whose manifest has a
 * {@code Class-Path}), it asks a {@link URLClassLoader} over the same class path instead, so a class
 * is found where, and only where, the rank's own loader would find it.
 */
final class ClassPathReader {
  /** A class file's bytes and the class path entry (jar or folder) they came from. */
  record Found(byte[] bytes, URL origin) {}

  private final URL[] urls;
  /** By class path entry: its jar, its folder, or null (neither: left to the fallback). */
  private final JarFile[] jars;
  private final Path[] folders;
  /** By class path entry: a local file that does not exist, which a class loader skips. */
  private final boolean[] absent;
  private URLClassLoader fallback;

  ClassPathReader(URL[] urls) {
    this.urls = urls.clone();
    this.jars = new JarFile[urls.length];
    this.folders = new Path[urls.length];
    this.absent = new boolean[urls.length];
    for (int i = 0; i < urls.length; i++) {
      File file = localFile(urls[i]);
      if (file == null) {
        continue;
      }
      absent[i] = !file.exists();
      if (file.isDirectory()) {
        folders[i] = file.toPath();
      } else if (file.isFile()) {
        try {
          JarFile jar = new JarFile(file, false); // the launcher checks no signatures for ranks either
          if (hasClassPath(jar)) {
            jar.close(); // its Class-Path jars come right after it: the fallback keeps that order
          } else {
            jars[i] = jar;
          }
        } catch (IOException notAJar) {
          // left to the fallback, which skips it as URLClassLoader would
        }
      }
    }
  }

  /** The class file at {@code path} ("a/b/C.class"), or null when the class path has none. */
  Found read(String path) throws IOException {
    for (int i = 0; i < urls.length; i++) {
      if (jars[i] != null) {
        JarEntry entry = jars[i].getJarEntry(path);
        if (entry != null) {
          try (InputStream in = jars[i].getInputStream(entry)) {
            return new Found(in.readAllBytes(), urls[i]);
          }
        }
      } else if (folders[i] != null) {
        try {
          return new Found(Files.readAllBytes(folders[i].resolve(path)), urls[i]);
        } catch (NoSuchFileException notHere) {
          // the next entry, as a class loader searches
        }
      } else if (!absent[i]) {
        return readThroughFallback(path); // keep the class path's order from here on
      }
    }
    return readThroughFallback(path);
  }

  /**
   * The class path entry that holds {@code path}, where {@link #read} would take it from, without
   * reading it; null when the class path has none.
   */
  URL origin(String path) throws IOException {
    for (int i = 0; i < urls.length; i++) {
      if (jars[i] != null) {
        if (jars[i].getJarEntry(path) != null) {
          return urls[i];
        }
      } else if (folders[i] != null) {
        if (Files.isRegularFile(folders[i].resolve(path))) {
          return urls[i];
        }
      } else if (!absent[i]) {
        break; // keep the class path's order from here on
      }
    }
    URL url = fallback().findResource(path);
    return url == null ? null : origin(url, path);
  }

  private Found readThroughFallback(String path) throws IOException {
    URL url = fallback().findResource(path);
    if (url == null) {
      return null;
    }
    try (InputStream in = url.openStream()) {
      return new Found(in.readAllBytes(), origin(url, path));
    }
  }

  private synchronized URLClassLoader fallback() {
    if (fallback == null) {
      fallback = new URLClassLoader(urls, null);
    }
    return fallback;
  }

  /** The class path entry a class file came from (its jar or folder), as a JVM reports it. */
  private URL origin(URL classFile, String path) {
    String s = classFile.toString();
    for (URL entry : urls) {
      String e = entry.toString();
      if (s.startsWith("jar:" + e + "!/") || s.startsWith(e)) {
        return entry;
      }
    }
    return classFile;
  }

  private static boolean hasClassPath(JarFile jar) throws IOException {
    Manifest manifest = jar.getManifest();
    return manifest != null && manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH) != null;
  }

  private static File localFile(URL url) {
    if (!"file".equals(url.getProtocol())) {
      return null;
    }
    try {
      return new File(url.toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }
}
