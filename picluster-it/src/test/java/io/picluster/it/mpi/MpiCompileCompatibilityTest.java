package io.picluster.it.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Programs written the way MPJ Express course code and Open MPI's Java examples are written
 * compile from source against the packaged picluster.jar alone, and run on it under the
 * launcher with the right output.
 */
class MpiCompileCompatibilityTest {
  private static Path picluster() {
    Path jar = Path.of(System.getProperty("picluster.jar", "../picluster-cli/target/picluster.jar")).toAbsolutePath();
    assertThat(jar).as("the packaged picluster.jar; build it with mvn -pl picluster-cli -am package").isRegularFile();
    return jar;
  }

  /** Compiles the programs in test resource folder mpi-programs/STYLE into DIR against picluster.jar only. */
  private static Path compile(String style, Path dir, String... names) throws IOException {
    Path src = dir.resolve("src");
    Path classes = dir.resolve("classes");
    Files.createDirectories(src);
    Files.createDirectories(classes);
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", picluster().toString(),
        "-Xlint:none", "-encoding", "UTF-8"));
    for (String name : names) {
      try (InputStream in = MpiCompileCompatibilityTest.class.getResourceAsStream(
          "/mpi-programs/" + style + "/" + name + ".java")) {
        assertThat(in).as("test resource mpi-programs/" + style + "/" + name + ".java").isNotNull();
        Path file = src.resolve(name + ".java");
        Files.write(file, in.readAllBytes());
        args.add(file.toString());
      }
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int code = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
    assertThat(code).as("javac of the " + style + " programs:\n" + diagnostics.toString(StandardCharsets.UTF_8))
        .isZero();
    return classes;
  }

  private static MpiJob run(int ranks, Path classes, String main, String... args) {
    return MpiJob.run(ranks, MpiJob.classpath(picluster(), classes), main, args);
  }

  @Test
  void mpjExpressCourseProgramsCompileAndRun(@TempDir Path dir) throws IOException {
    Path classes = compile("mpj", dir, "HelloWorld", "TokenRing", "PiByIntervals");

    MpiJob hello = run(3, classes, "HelloWorld");
    assertThat(hello.exitCode).as(hello.output()).isZero();
    for (int r = 0; r < 3; r++) {
      assertThat(hello.stdout).as(hello.output()).contains("Hi from <" + r + "> of 3");
    }

    MpiJob ring = run(4, classes, "TokenRing");
    assertThat(ring.exitCode).as(ring.output()).isZero();
    assertThat(ring.stdout).as(ring.output()).contains("lap 0: token is 6 (from 3)").contains("lap 1: token is 12 (from 3)");

    MpiJob pi = run(2, classes, "PiByIntervals", "1000");
    assertThat(pi.exitCode).as(pi.output()).isZero();
    assertThat(pi.stdout).as(pi.output()).contains("pi is about 3.14159").contains("from 2 parts");
  }

  @Test
  void openMpiExampleStyleProgramsCompileAndRun(@TempDir Path dir) throws IOException {
    Path classes = compile("ompi", dir, "Hello", "Ring", "Reductions");

    MpiJob hello = run(2, classes, "Hello");
    assertThat(hello.exitCode).as(hello.output()).isZero();
    assertThat(hello.stdout).as(hello.output()).contains("Hello world from rank 0 of 2").contains("Hello world from rank 1 of 2");

    MpiJob ring = run(3, classes, "Ring");
    assertThat(ring.exitCode).as(ring.output()).isZero();
    assertThat(ring.stdout).as(ring.output()).contains("Process 0 counted 5 laps");

    MpiJob red = run(3, classes, "Reductions");
    assertThat(red.exitCode).as(red.output()).isZero();
    assertThat(red.stdout).as(red.output()).contains("total 6.0, biggest rank 2, caught an MPIException");
  }
}
