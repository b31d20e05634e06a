package io.picluster.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrimePyTest {
  @Test
  void foundBesideTheRepoOrAbove(@TempDir Path tmp) throws IOException {
    Path repo = Files.createDirectories(tmp.resolve("a/main"));
    assertThat(PrimePy.find(repo)).isEmpty();
    Path script = tmp.resolve("shared/research/prime.py");
    Files.createDirectories(script.getParent());
    Files.writeString(script, "# prime.py");
    assertThat(PrimePy.find(repo)).contains(script);
  }
}
