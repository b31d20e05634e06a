package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.testbed.Testbed.Result;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code picluster java} on this machine, from the packaged jar as users run it: a plain Java
 * program, a picluster-comm program and MPJ Express and Open MPI programs as several ranks, given
 * as a single source file (compiled once), a class folder and a jar; and a file that does not
 * compile.
 */
class JavaCommandTest {
  @TempDir Path dir;
  private Path cache;

  @BeforeEach
  void ownCache() {
    cache = dir.resolve("cache");
  }

  @Test
  void aPlainSourceFileRunsAsThreeRanksCompiledOnceForAllOfThem() throws Exception {
    copyProgram("PlainHello.java");

    Result r = picluster("java", "-np", "3", "PlainHello.java", "a", "b c");

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout().lines()).as(r.output()).containsExactlyInAnyOrder(
        "plain rank 0 of 3 args a b c", "plain rank 1 of 3 args a b c", "plain rank 2 of 3 args a b c");
    List<Path> jars = compiledJars();
    assertThat(jars).as("one compile, into the cache").hasSize(1);
    assertThat(jars.get(0).getFileName()).hasToString("PlainHello.jar");

    FileTime compiledAt = Files.getLastModifiedTime(jars.get(0));
    Result again = picluster("java", "-n", "2", "-l", "PlainHello.java");
    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(again.stdout().lines()).as(again.output())
        .containsExactlyInAnyOrder("[0] plain rank 0 of 2 args ", "[1] plain rank 1 of 2 args ");
    assertThat(compiledJars()).as("the second launch reuses the compiled jar").containsExactlyElementsOf(jars);
    assertThat(Files.getLastModifiedTime(jars.get(0))).isEqualTo(compiledAt);
  }

  @Test
  void aPiclusterCommSourceFileFindsTheLibraryWithoutAClassPath() throws Exception {
    copyProgram("CommSum.java");

    Result r = picluster("java", "-np", "4", "CommSum.java");

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout().lines()).as(r.output()).hasSize(4)
        .allMatch(l -> l.matches("rank [0-3] of 4 on \\S+ sum 6"));
  }

  @Test
  void mpjExpressAndOpenMpiSourceFilesRunUnchanged() throws Exception {
    copyProgram("MpjStyle.java");
    copyProgram("OmpiStyle.java");

    Result mpj = picluster("java", "-np", "3", "MpjStyle.java", "x", "y");
    assertThat(mpj.exitCode()).as(mpj.output()).isZero();
    assertThat(mpj.stdout().lines()).as(mpj.output()).hasSize(3)
        .allMatch(l -> l.matches("mpj rank [0-2] of 3 on \\S+ sum 3 args x,y"));

    Result ompi = picluster("java", "-np", "4", "OmpiStyle.java");
    assertThat(ompi.exitCode()).as(ompi.output()).isZero();
    assertThat(ompi.stdout().lines()).as(ompi.output()).hasSize(4)
        .allMatch(l -> l.matches("ompi rank [0-3] of 4 on \\S+ sum 6 args "));
  }

  @Test
  void aClassFolderAndAJarRunWithPiclusterAppended() throws Exception {
    Path classes = compileProgram("CommSum.java");
    Path jar = jarOf(classes, "CommSum", dir.resolve("app.jar"));

    Result fromFolder = picluster("java", "-np", "2", "-Xmx64m", "-cp", "classes", "CommSum");
    assertThat(fromFolder.exitCode()).as(fromFolder.output()).isZero();
    assertThat(fromFolder.stdout().lines()).as(fromFolder.output()).hasSize(2)
        .allMatch(l -> l.matches("rank [01] of 2 on \\S+ sum 1"));

    Result fromJar = picluster("java", "-np", "3", "-jar", jar.getFileName().toString());
    assertThat(fromJar.exitCode()).as(fromJar.output()).isZero();
    assertThat(fromJar.stdout().lines()).as(fromJar.output()).hasSize(3)
        .allMatch(l -> l.matches("rank [0-2] of 3 on \\S+ sum 3"));
  }

  @Test
  void aFileThatDoesNotCompileShowsJavacsMessagesThenOneLineAndStartsNothing() throws Exception {
    copyProgram("DoesNotCompile.java");

    Result r = picluster("java", "-np", "2", "DoesNotCompile.java");

    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.stdout()).as(r.output()).isEmpty();
    assertThat(r.stderr()).as(r.output())
        .startsWith("DoesNotCompile.java:3: error: incompatible types: String cannot be converted to int\n")
        .endsWith("1 error\npicluster: DoesNotCompile.java did not compile (javac's messages are above);"
            + " nothing was started\n");
    assertThat(compiledJars()).isEmpty();
  }

  @Test
  void aMissingClassPathEntryIsOneLineAndExitTwo() throws Exception {
    Result r = picluster("java", "-np", "2", "-cp", "classes:missing.jar", "Main");

    assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
    assertThat(r.stderr()).as(r.output()).isEqualTo("picluster: -cp: no file or folder 'classes' here;"
        + " check the class path (entries are separated by ':') (see 'picluster java --help')\n");
  }

  /** {@code java -jar picluster.jar ARGS} in the test folder, with the test's own cache. */
  private Result picluster(String... args) throws IOException, InterruptedException {
    List<String> command = PiclusterJar.command(ExamplesProject.launcherJar(), args);
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectInput(Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("XDG_CACHE_HOME", cache.toString());
    pb.environment().remove("CLASSPATH");
    Process p = pb.start();
    if (!p.waitFor(RankRun.LIVENESS.toSeconds(), TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(command + " did not end within " + RankRun.LIVENESS);
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private List<Path> compiledJars() throws IOException {
    Path compiled = cache.resolve("picluster/compiled");
    if (!Files.isDirectory(compiled)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(compiled)) {
      return walk.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }
  }

  private void copyProgram(String name) throws IOException {
    try (InputStream in = JavaCommandTest.class.getResourceAsStream("/java/" + name)) {
      Files.copy(in, dir.resolve(name));
    }
  }

  /** The program compiled against picluster.jar into the test folder's {@code classes}. */
  private Path compileProgram(String name) throws IOException {
    copyProgram(name);
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    int code = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-cp",
        ExamplesProject.launcherJar().toString(), "-d", classes.toString(), dir.resolve(name).toString());
    assertThat(code).isZero();
    return classes;
  }

  private static Path jarOf(Path classes, String main, Path jar) throws IOException {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, main);
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(classes)) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    }
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out, m)) {
      for (Path f : files) {
        zip.putNextEntry(new ZipEntry(classes.relativize(f).toString()));
        zip.write(Files.readAllBytes(f));
        zip.closeEntry();
      }
    }
    return jar;
  }
}
