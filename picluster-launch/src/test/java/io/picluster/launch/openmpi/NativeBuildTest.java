package io.picluster.launch.openmpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * src/main/native/build on a machine without C compilers (a PATH holding bash and coreutils only):
 * the quick start's build goes on without the libraries; the release build stops, naming the
 * packages to install.
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
    assertThat(r.output()).contains("[picluster] these architectures must be built but have no C compiler:"
        + " amd64 (apt-get install gcc-x86-64-linux-gnu) arm64 (apt-get install gcc-aarch64-linux-gnu)"
        + " armhf (apt-get install gcc-arm-linux-gnueabihf)");
  }
}
