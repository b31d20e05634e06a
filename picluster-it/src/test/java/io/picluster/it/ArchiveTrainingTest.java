package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    return PiclusterJar.succeeding(dir, Map.of(), command, Duration.ofSeconds(120));
  }
}
