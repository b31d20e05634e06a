package io.picluster.launch.openmpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * src/main/native/build on a machine without C compilers (a PATH holding bash and coreutils only),
 * or with a cross compiler but not its C library's headers: the quick start's build goes on without
 * the libraries; the release build stops, naming the packages to install.
 */
class NativeBuildTest {
  private static final Path BUILD = Path.of("src/main/native/build");
  private static final Path SOURCE = Path.of("src/main/native");

  @TempDir Path dir;

  private record Run(int code, String output) {}

  private Run build(String required) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String tool : List.of("bash", "dirname", "mkdir", "rm")) {
      Path link = bin.resolve(tool);
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, Path.of("/usr/bin", tool).toRealPath());
      }
    }
    ProcessBuilder pb = new ProcessBuilder(bin.resolve("bash").toString(), BUILD.toString(), SOURCE.toString(),
        dir.resolve("out").toString(), required);
    pb.environment().put("PATH", bin.toString());
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), Files.readString(dir.resolve("log"), StandardCharsets.UTF_8));
  }

  @Test
  void withoutCompilersTheDefaultBuildLeavesTheLibrariesOutWithANote() throws Exception {
    Run r = build("none");

    assertThat(r.code()).as(r.output()).isZero();
    assertThat(r.output()).contains("[picluster] no C compiler for arm64 (gcc-aarch64-linux-gnu)")
        .contains("[picluster] no C compiler for armhf (gcc-arm-linux-gnueabihf)");
    assertThat(dir.resolve("out/native/arm64")).doesNotExist();
  }

  @Test
  void withoutCompilersTheReleaseBuildFailsNamingThePackages() throws Exception {
    Run r = build("amd64,arm64,armhf");

    assertThat(r.code()).as(r.output()).isEqualTo(1);
    assertThat(r.output()).contains("[picluster] these architectures must be built but cannot be:"
        + " amd64 (apt-get install gcc-x86-64-linux-gnu) arm64 (apt-get install gcc-aarch64-linux-gnu)"
        + " armhf (apt-get install gcc-arm-linux-gnueabihf)");
  }

  /**
   * Debian's cross compilers only recommend their C library's headers (libc6-dev-arm64-cross), so
   * a machine may have one without them. The real compiler, pointed at an empty sysroot, is such a
   * compiler.
   */
  private void crossCompilerWithoutHeaders() throws Exception {
    Path real = Path.of("/usr/bin/aarch64-linux-gnu-gcc");
    assumeTrue(Files.isExecutable(real), "no gcc-aarch64-linux-gnu on this machine");
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path sysroot = Files.createDirectories(dir.resolve("empty-sysroot"));
    Path cc = bin.resolve("aarch64-linux-gnu-gcc");
    Files.writeString(cc, "#!" + Path.of("/usr/bin/bash").toRealPath() + "\nexec " + real.toRealPath()
        + " --sysroot=" + sysroot + " -nostdinc \"$@\"\n");
    cc.toFile().setExecutable(true);
  }

  @Test
  void aCrossCompilerWithoutItsHeadersIsLeftOutWithANote() throws Exception {
    crossCompilerWithoutHeaders();
    Run r = build("none");

    assertThat(r.code()).as(r.output()).isZero();
    assertThat(r.output()).contains("has no C library headers for arm64 (libc6-dev-arm64-cross)");
    assertThat(dir.resolve("out/native/arm64")).doesNotExist();
  }

  @Test
  void aCrossCompilerWithoutItsHeadersFailsTheReleaseBuildNamingThePackage() throws Exception {
    crossCompilerWithoutHeaders();
    Run r = build("arm64");

    assertThat(r.code()).as(r.output()).isEqualTo(1);
    assertThat(r.output()).contains("[picluster] these architectures must be built but cannot be:"
        + " arm64's C library headers (apt-get install libc6-dev-arm64-cross)");
  }
}
