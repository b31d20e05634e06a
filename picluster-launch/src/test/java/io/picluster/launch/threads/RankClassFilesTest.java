package io.picluster.launch.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RankClassFilesTest {
  private static final String PATH_A = "[file:/a.jar]";
  private static final String PATH_B = "[file:/b.jar]";

  @Test
  void aClassIsReadOnceForEveryRankWithTheSameClassPath() throws IOException {
    RankClassFiles files = new RankClassFiles();
    AtomicInteger reads = new AtomicInteger();
    RankClassFiles.Reader reader = name -> {
      reads.incrementAndGet();
      return new RankClassFiles.ClassFile(name.getBytes(), url());
    };
    RankClassFiles.ClassFile first = files.get(PATH_A, "p.C", reader);
    for (int rank = 1; rank < 4; rank++) {
      assertThat(files.get(PATH_A, "p.C", reader)).isSameAs(first);
    }
    assertThat(reads).hasValue(1);
    // Another class path is another class, even under the same name.
    assertThat(files.get(PATH_B, "p.C", reader)).isNotSameAs(first);
    assertThat(reads).hasValue(2);
  }

  @Test
  void aMissingClassStaysMissingAndAReadErrorReachesTheCaller() throws IOException {
    RankClassFiles files = new RankClassFiles();
    assertThat(files.get(PATH_A, "p.Missing", name -> null)).isNull();
    assertThatThrownBy(() -> files.get(PATH_A, "p.Broken", name -> {
      throw new IOException("truncated jar");
    })).isInstanceOf(IOException.class).hasMessage("truncated jar");
  }

  private static URL url() {
    try {
      return Path.of("/a.jar").toUri().toURL();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
