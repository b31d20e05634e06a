package io.picluster.launch.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaCommandTest {
  @TempDir Path dir;

  @Test
  void classPathMainClassArgumentsPropertiesAndAssertions() throws IOException {
    Files.createDirectories(dir.resolve("classes"));
    Files.createDirectories(dir.resolve("lib"));
    Files.createFile(dir.resolve("lib/a.jar"));
    JavaCommand c = JavaCommand.parse(List.of("/usr/bin/java", "-Dx=1", "-ea", "-cp", "classes:lib/*",
        "app.Main", "-cp", "arg"), dir, Map.of());
    assertThat(c.mainClass()).isEqualTo("app.Main");
    assertThat(c.args()).containsExactly("-cp", "arg");
    assertThat(c.systemProperties()).containsExactlyEntriesOf(Map.of("x", "1"));
    assertThat(c.assertions()).isTrue();
    assertThat(c.classpath()).extracting(Object::toString).containsExactly(
        url(dir.resolve("classes")), url(dir.resolve("lib/a.jar")));
  }

  @Test
  void aJarGivesItsMainClassAndClassPath() throws IOException {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "app.Main");
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH, "dep.jar");
    try (OutputStream out = Files.newOutputStream(dir.resolve("app.jar"));
        JarOutputStream jar = new JarOutputStream(out, m)) {
      // the manifest is all it needs
    }
    JavaCommand c = JavaCommand.parse(List.of("java", "-jar", "app.jar", "1"), dir, Map.of());
    assertThat(c.mainClass()).isEqualTo("app.Main");
    assertThat(c.args()).containsExactly("1");
    assertThat(c.classpath()).hasSize(2);
    assertThat(c.classpath().get(1).toString()).endsWith("/dep.jar");
  }

  @Test
  void withoutClassPathItIsClasspathOrTheFolder() {
    JavaCommand c = JavaCommand.parse(List.of("java", "Main"), dir, Map.of());
    assertThat(c.classpath()).extracting(Object::toString).containsExactly(url(dir));
  }

  private static String url(Path p) {
    try {
      return p.toUri().toURL().toString();
    } catch (java.net.MalformedURLException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void jvmOptionsOneJvmCannotHonourAreNamedInOneLine() {
    assertThatThrownBy(() -> JavaCommand.parse(List.of("java", "-Xmx1g", "-XX:+UseG1GC", "-cp", ".", "Main"),
        dir, Map.of()))
        .hasMessageContaining("JVM options -Xmx1g -XX:+UseG1GC")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> JavaCommand.parse(List.of("python3", "x.py"), dir, Map.of()))
        .hasMessageContaining("Java programs only");
    assertThatThrownBy(() -> JavaCommand.parse(List.of("java", "-cp", "."), dir, Map.of()))
        .hasMessageContaining("no main class");
  }
}
