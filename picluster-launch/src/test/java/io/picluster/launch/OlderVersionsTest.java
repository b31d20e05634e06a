package io.picluster.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new version's file leaves the newest two others of its kind and removes the rest, only those. */
class OlderVersionsTest {
  @TempDir Path cache;

  @Test
  void keepsTheCurrentAndTheNewestTwoOthersOfItsKind() throws Exception {
    Path current = file("v1.jsa", 50); // the oldest of all, yet in use: it stays
    file("v2.jsa", 40);
    file("v3.jsa", 30);
    file("v4.jsa", 20);
    file("v5.jsa", 10);
    file("other.txt", 60); // another kind
    file("v6.jsa.123", 70); // a recording under way
    Files.createDirectory(cache.resolve("v7.jsa")); // not a file

    OlderVersions.prune(cache, name -> name.startsWith("v") && name.endsWith(".jsa"), current);

    assertThat(names()).containsExactly("other.txt", "v1.jsa", "v4.jsa", "v5.jsa", "v6.jsa.123", "v7.jsa");
  }

  @Test
  void twoOthersOrFewerAreLeftAlone() throws Exception {
    file("v1.jsa", 20);
    file("v2.jsa", 10);

    OlderVersions.prune(cache, name -> name.endsWith(".jsa"), cache.resolve("v3.jsa"));

    assertThat(names()).containsExactly("v1.jsa", "v2.jsa");
  }

  @Test
  void aMissingFolderIsNothingToTidy() {
    OlderVersions.prune(cache.resolve("none"), name -> true, cache.resolve("none/v1"));
    assertThat(cache.resolve("none")).doesNotExist();
  }

  private Path file(String name, int minutesAgo) throws Exception {
    Path p = Files.writeString(cache.resolve(name), name);
    Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() - minutesAgo * 60_000L));
    return p;
  }

  private List<String> names() throws Exception {
    try (Stream<Path> files = Files.list(cache)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
