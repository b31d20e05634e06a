package io.picluster.launch.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassPathReaderTest {
  @TempDir
  Path dir;

  @Test
  void readsFromJarsAndFoldersInClassPathOrderAndNamesTheEntryItCameFrom() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("classes/p"));
    Files.writeString(folder.resolve("InBoth.class"), "folder");
    Files.writeString(folder.resolve("OnlyFolder.class"), "folder only");
    Path jar = jar("app.jar", null, "p/InBoth.class", "jar", "p/OnlyJar.class", "jar only");
    URL folderUrl = dir.resolve("classes").toUri().toURL();
    URL jarUrl = jar.toUri().toURL();

    ClassPathReader folderFirst = new ClassPathReader(new URL[] {folderUrl, jarUrl});
    assertFound(folderFirst.read("p/InBoth.class"), "folder", folderUrl);
    assertFound(folderFirst.read("p/OnlyJar.class"), "jar only", jarUrl);
    assertFound(folderFirst.read("p/OnlyFolder.class"), "folder only", folderUrl);

    ClassPathReader jarFirst = new ClassPathReader(new URL[] {jarUrl, folderUrl});
    assertFound(jarFirst.read("p/InBoth.class"), "jar", jarUrl);
    assertThat(jarFirst.read("p/Missing.class")).isNull();
  }

  @Test
  void aClassOnlyAJarsManifestClassPathReachesIsFoundThroughTheFallback() throws IOException {
    Path lib = jar("lib.jar", null, "q/Lib.class", "from lib");
    Path app = jar("app.jar", "lib.jar", "p/Main.class", "main");
    ClassPathReader reader = new ClassPathReader(new URL[] {app.toUri().toURL()});
    assertFound(reader.read("p/Main.class"), "main", app.toUri().toURL());
    ClassPathReader.Found viaManifest = reader.read("q/Lib.class");
    assertThat(viaManifest).isNotNull();
    assertThat(new String(viaManifest.bytes(), StandardCharsets.UTF_8)).isEqualTo("from lib");
    assertThat(viaManifest.origin().toString()).endsWith("lib.jar!/q/Lib.class"); // not an entry of ours
    assertThat(lib).exists();
  }

  @Test
  void aClassPathEntryThatIsNeitherJarNorFolderIsSkippedAsAClassLoaderWould() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("classes/p"));
    Files.writeString(folder.resolve("C.class"), "c");
    URL missing = dir.resolve("no-such.jar").toUri().toURL();
    URL folderUrl = dir.resolve("classes").toUri().toURL();
    ClassPathReader reader = new ClassPathReader(new URL[] {missing, folderUrl});
    assertFound(reader.read("p/C.class"), "c", folderUrl);
    assertThat(reader.read("p/D.class")).isNull();
  }

  private static void assertFound(ClassPathReader.Found found, String content, URL origin) {
    assertThat(found).isNotNull();
    assertThat(new String(found.bytes(), StandardCharsets.UTF_8)).isEqualTo(content);
    assertThat(found.origin()).isEqualTo(origin);
  }

  /** A jar with entries given as name, content pairs, and a manifest Class-Path if not null. */
  private Path jar(String name, String classPath, String... entries) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (classPath != null) {
      manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
    }
    Path jar = dir.resolve(name);
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
      for (int i = 0; i < entries.length; i += 2) {
        out.putNextEntry(new JarEntry(entries[i]));
        out.write(entries[i + 1].getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }
}
