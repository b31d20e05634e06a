package io.picluster.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A scratch directory that is deleted with its contents when closed. */
final class TempDir implements AutoCloseable {
  private final Path path;

  TempDir(String prefix) throws RunFailed {
    try {
      this.path = Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new RunFailed("cannot create a temp dir: " + e.getMessage());
    }
  }

  Path path() {
    return path;
  }

  @Override
  public void close() {
    try (Stream<Path> walk = Files.walk(path)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp dir is harmless
    }
  }
}
