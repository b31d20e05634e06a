package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/picluster records the launcher's class-data archive with {@code io.picluster.cli.ArchiveTraining}
 * from the packaged jar, as it does: the archive is valid for the jar and holds what the training
 * ran (a rank process's watchdog) and the launch across hosts that it cannot run here (the ssh
 * session's classes).
 */
class ArchiveTrainingTest {
  @TempDir Path dir;

  @Test
  void recordsTheClassesOfALaunchAcrossHosts() throws IOException, InterruptedException {
    Path jar = ExamplesProject.launcherJar();
    Path archive = dir.resolve("launcher.jsa");
    String training = java("-XX:ArchiveClassesAtExit=" + archive, "-cp", jar.toString(),
        "io.picluster.cli.ArchiveTraining");
    assertThat(archive).as(training).isRegularFile();

    String contents = java("-XX:SharedArchiveFile=" + archive, "-XX:+PrintSharedArchiveAndExit",
        "-cp", jar.toString());
    assertThat(contents).contains("archive is valid")
        .contains(" io.picluster.launch.Watchdog ")
        .contains(" io.picluster.launch.remote.RemoteHost ")
        .contains(" io.picluster.launch.remote.SshBootstrap ");
  }

  /** Runs this JVM's java with ARGS in DIR; returns its output, failing unless it exits 0. */
  private String java(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(PiclusterJar.java(), "-XX:+UseSerialGC"));
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Process p = new ProcessBuilder(command).directory(dir.toFile())
        .redirectInput(Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not end within 120 s");
    }
    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(command + " said:\n" + output).isZero();
    return output;
  }
}
