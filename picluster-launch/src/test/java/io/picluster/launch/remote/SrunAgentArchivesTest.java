package io.picluster.launch.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new jar's agent archive removes the older ones of its own kind only, but the newest two. */
class SrunAgentArchivesTest {
  @TempDir Path cache;

  @Test
  void aNewArchiveRemovesOlderOnesOfItsKindButTheNewestTwo() throws Exception {
    for (int v = 1; v <= 4; v++) {
      file("srun-agent." + v + "-1-2-3.jsa", 10 - v);
      file("srun-agent-threads." + v + "-1-2-3.jsa", 10 - v);
    }
    file("srun-agent.9-1-2-3.jsa.4242", 20); // a recording under way
    file("srun-agent.8-1-2-3.jsa.77", 120); // one killed halfway, long ago
    file("srun-agent-threads.8-1-2-3.jsa.78", 120); // the same, of the other kind: its own turn
    file("launcher.1-2.3-4.jsa", 30); // another kind altogether

    SrunAgents.removeOlderArchives(cache.resolve("srun-agent.5-1-2-3.jsa"));

    try (Stream<Path> files = Files.list(cache)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "srun-agent.3-1-2-3.jsa", "srun-agent.4-1-2-3.jsa", "srun-agent.9-1-2-3.jsa.4242",
          "srun-agent-threads.1-1-2-3.jsa", "srun-agent-threads.2-1-2-3.jsa",
          "srun-agent-threads.3-1-2-3.jsa", "srun-agent-threads.4-1-2-3.jsa",
          "srun-agent-threads.8-1-2-3.jsa.78", "launcher.1-2.3-4.jsa");
    }
  }

  private void file(String name, int minutesAgo) throws Exception {
    Path p = Files.writeString(cache.resolve(name), name);
    Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() - minutesAgo * 60_000L));
  }
}
