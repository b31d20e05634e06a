package io.picluster.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the tutorial's prime.py, which is kept outside the repository in {@code shared/research/}
 * of the folder beside it (or of a folder further up).
 */
final class PrimePy {
  static final Path RELATIVE = Path.of("shared", "research", "prime.py");

  private PrimePy() {}

  static Optional<Path> find(Path repoRoot) {
    for (Path dir = repoRoot.toAbsolutePath().normalize().getParent(); dir != null;
        dir = dir.getParent()) {
      Path candidate = dir.resolve(RELATIVE);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
