package io.picluster.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picluster.launch.JavaRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a {@code picluster java} program becomes every rank's command and the files to stage. */
class JavaLaunchTest {
  @TempDir Path dir;
  private Map<String, String> env;
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  @BeforeEach
  void ownCache() {
    env = Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString());
  }

  private static final String HELLO = "public class Hello {\n"
      + "  public static void main(String[] args) { System.out.println(\"hello\"); }\n}\n";

  private JavaLaunch prepare(boolean acrossHosts, String... rest) {
    return JavaLaunch.prepare(JavaProgram.parse(List.of(rest), null, null, null), acrossHosts,
        env, err);
  }

  /** Picluster's own class path as ranks get it: after the program's. */
  private static String ours() {
    List<String> parts = new ArrayList<>();
    for (String s : RankJvm.classpath().split(":")) {
      parts.add(Path.of(s).toAbsolutePath().normalize().toString());
    }
    return String.join(":", parts);
  }

  @Test
  void aClassFolderRunsWithPiclusterAfterItAndNothingStagedOnOneMachine() throws IOException {
    Path classes = compile("classes", "Hello.java", HELLO);

    JavaLaunch j = prepare(false, "-Xmx64m", "-cp", classes.toString(), "Hello", "a", "b");

    assertThat(j.command()).containsExactly(JavaRuntime.executable(), "-Xmx64m", "-cp",
        classes + ":" + ours(), "Hello", "a", "b");
    assertThat(j.staged()).isEmpty();
    assertThat(j.workDir()).isNull();
  }

  @Test
  void acrossHostsEveryJarAndPiclusterAreStagedAndAFolderAsAPackedJar() throws IOException {
    Path classes = compile("classes", "Hello.java", HELLO);
    Path lib = jar("lib.jar", null, null, "x/Data.txt");

    JavaLaunch j = prepare(true, "-cp", classes + ":" + lib, "Hello");

    assertThat(j.staged()).containsEntry(lib.toString(), lib);
    Path packed = j.staged().get(classes.toString());
    assertThat(packed.getFileName()).hasToString("classes.jar");
    assertThat(packed).startsWith(dir.resolve("cache/picluster/packed"));
    assertThat(entries(packed)).containsExactly("Hello.class");
    for (String s : RankJvm.classpath().split(":")) {
      if (Files.isRegularFile(Path.of(s))) {
        assertThat(j.staged()).containsKey(Path.of(s).toAbsolutePath().normalize().toString());
      }
    }

    FileTime packedAt = Files.getLastModifiedTime(packed);
    assertThat(prepare(true, "-cp", classes.toString(), "Hello").staged().get(classes.toString()))
        .as("an unchanged folder is not packed again").isEqualTo(packed);
    assertThat(Files.getLastModifiedTime(packed)).isEqualTo(packedAt);

    Files.writeString(classes.resolve("extra.txt"), "new");
    assertThat(prepare(true, "-cp", classes.toString(), "Hello").staged().get(classes.toString()))
        .as("a changed folder is packed anew").isNotEqualTo(packed);
  }

  @Test
  void aJarRunsItsMainClassWithTheLibrariesItsManifestNames() throws IOException {
    Path classes = compile("classes", "Hello.java", HELLO);
    Path dep = jar("lib/dep.jar", null, null, "d.txt");
    Path app = jar("app.jar", "Hello", "lib/dep.jar lib/missing.jar", "Hello.class", classes);

    JavaLaunch j = prepare(true, "-jar", app.toString(), "x");

    assertThat(j.command()).containsSubsequence("-cp", app + ":" + dep + ":" + ours(), "Hello", "x");
    assertThat(j.staged()).containsEntry(app.toString(), app).containsEntry(dep.toString(), dep);
  }

  @Test
  void aFolderStarIsItsJarsInNameOrder() throws IOException {
    Path b = jar("libs/b.jar", null, null, "b.txt");
    Path a = jar("libs/a.jar", null, null, "a.txt");
    Files.writeString(dir.resolve("libs/readme.txt"), "not a jar");
    Path classes = compile("classes", "Hello.java", HELLO);

    JavaLaunch j = prepare(false, "-cp", dir.resolve("libs") + "/*:" + classes, "Hello");

    assertThat(j.command()).contains(a + ":" + b + ":" + classes + ":" + ours());
  }

  @Test
  void withoutCpTheClassPathIsClasspathFromTheEnvironment() throws IOException {
    Path classes = compile("classes", "Hello.java", HELLO);
    env = Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString(),
        "CLASSPATH", dir + "/gone.jar:" + classes);

    assertThat(prepare(false, "Hello").command())
        .as("a missing entry in $CLASSPATH is skipped, as java does").contains(classes + ":" + ours());
  }

  @Test
  void aSourceFileIsCompiledOnceIntoTheCacheAndItsFirstClassRuns() throws IOException {
    Path source = dir.resolve("Hello.java");
    Files.writeString(source, "package demo;\n" + HELLO.replace("public class", "public final class")
        + "class Helper {}\n");

    JavaLaunch first = prepare(true, source.toString(), "1");
    String cp = first.command().get(first.command().indexOf("-cp") + 1);
    Path jar = Path.of(cp.substring(0, cp.indexOf(':')));

    assertThat(first.command().subList(first.command().indexOf("-cp") + 2, first.command().size()))
        .containsExactly("demo.Hello", "1");
    assertThat(jar).startsWith(dir.resolve("cache/picluster/compiled")).hasFileName("Hello.jar");
    assertThat(entries(jar)).contains("demo/Hello.class", "demo/Helper.class");
    assertThat(first.staged()).containsEntry(jar.toString(), jar);

    FileTime compiledAt = Files.getLastModifiedTime(jar);
    JavaLaunch again = prepare(true, source.toString(), "2");
    assertThat(again.command()).contains(cp);
    assertThat(Files.getLastModifiedTime(jar)).as("not compiled again").isEqualTo(compiledAt);

    Files.writeString(source, Files.readString(source) + "class More {}\n");
    JavaLaunch changed = prepare(true, source.toString());
    assertThat(changed.command()).as("a changed file is compiled anew").doesNotContain(cp);
  }

  @Test
  void aSourceFileThatDoesNotCompileShowsJavacsMessagesAndStartsNothing() throws IOException {
    Path source = dir.resolve("Bad.java");
    Files.writeString(source, "public class Bad {\n  public static void main(String[] a) { int x = \"s\"; }\n}\n");

    assertThatThrownBy(() -> prepare(false, source.toString()))
        .isInstanceOf(NotStarted.class)
        .hasMessage("Bad.java did not compile (javac's messages are above); nothing was started");
    assertThat(errBytes.toString(StandardCharsets.UTF_8))
        .contains(source + ":2: error: incompatible types: String cannot be converted to int")
        .contains("1 error");
  }

  @Test
  void aSourceFileWhoseFirstClassHasNoMainIsRefused() throws IOException {
    Path source = dir.resolve("Two.java");
    Files.writeString(source, "class Helper {}\n" + HELLO.replace("Hello", "Two"));

    assertThatThrownBy(() -> prepare(false, source.toString()))
        .isInstanceOf(NotStarted.class)
        .hasMessage("Two.java: the first class, Helper, has no 'public static void main(String[] args)';"
            + " put the program's class first");
  }

  @Test
  void aMissingMainClassIsFoundOutBeforeAnyRankStarts() throws IOException {
    Path classes = compile("classes", "Hello.java", HELLO);

    assertThatThrownBy(() -> prepare(false, "-cp", classes.toString(), "Helo"))
        .isInstanceOf(UsageError.class)
        .hasMessage("no class Helo on the class path (" + classes + "); give the class with its"
            + " package (app.Main) and its jar or folder with -cp");
  }

  @Test
  void anotherMpiLibraryOnTheClassPathIsRefused() throws IOException {
    Path mpj = jar("mpj.jar", null, null, "mpi/MPI.class");

    assertThatThrownBy(() -> prepare(false, "-cp", mpj.toString(), "Hello"))
        .isInstanceOf(UsageError.class)
        .hasMessage(mpj + " brings another MPI library's package mpi (MPJ Express's mpj.jar or Open"
            + " MPI's mpi.jar?); take it off the class path, picluster brings its own");
  }

  @Test
  void aJarWithoutMainClassNamesTheFix() throws IOException {
    Path app = jar("app.jar", null, null, "a.txt");

    assertThatThrownBy(() -> prepare(false, "-jar", app.toString()))
        .isInstanceOf(UsageError.class)
        .hasMessage(app + " names no Main-Class in its manifest; give the class to run:"
            + " picluster java -cp " + app + " MAIN");
  }

  @Test
  void wdirIsTheRanksFolder() throws IOException {
    Path classes = compile("classes", "Hello.java", HELLO);
    JavaProgram p = JavaProgram.parse(List.of("-cp", classes.toString(), "Hello"), null,
        dir.toString(), null);

    assertThat(JavaLaunch.prepare(p, false, env, err).workDir()).isEqualTo(dir);
    JavaProgram missing = JavaProgram.parse(List.of("Hello"), null, dir + "/nope", null);
    assertThatThrownBy(() -> JavaLaunch.prepare(missing, false, env, err))
        .hasMessage("-wdir " + dir + "/nope: no such folder here");
  }

  /** Compiles one source into folder NAME under the test folder. */
  private Path compile(String name, String file, String text) throws IOException {
    Path src = dir.resolve("src-" + name).resolve(file);
    Files.createDirectories(src.getParent());
    Files.writeString(src, text);
    Path out = dir.resolve(name);
    Files.createDirectories(out);
    int code = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", out.toString(),
        src.toString());
    assertThat(code).isZero();
    return out;
  }

  /**
   * A jar at NAME with an optional Main-Class and Class-Path, holding the named entries (class
   * files taken from {@code from}, anything else empty).
   */
  private Path jar(String name, String main, String classPath, String entry, Path... from)
      throws IOException {
    Path jar = dir.resolve(name);
    Files.createDirectories(jar.getParent());
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (main != null) {
      m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, main);
    }
    if (classPath != null) {
      m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
    }
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out, m)) {
      zip.putNextEntry(new ZipEntry(entry));
      if (from.length > 0) {
        zip.write(Files.readAllBytes(from[0].resolve(entry)));
      }
      zip.closeEntry();
    }
    return jar;
  }

  private static List<String> entries(Path jar) throws IOException {
    try (ZipFile z = new ZipFile(jar.toFile())) {
      return z.stream().map(ZipEntry::getName).filter(n -> !n.startsWith("META-INF/")).toList();
    }
  }
}
