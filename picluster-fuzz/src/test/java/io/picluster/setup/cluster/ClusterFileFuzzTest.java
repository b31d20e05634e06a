package io.picluster.setup.cluster;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.picluster.fuzz.OneLineErrors;
import java.nio.file.Path;

/** The cluster file: a mistake is one line naming file, line and fix; what parses writes back. */
class ClusterFileFuzzTest {
  private static final Path FILE = Path.of("cluster.conf");

  @FuzzTest(maxDuration = "10m")
  void fuzz(String text) {
    if (text == null) {
      return; // Jazzer's null String: no file has no text
    }
    Cluster cluster;
    try {
      cluster = ClusterFile.parse(FILE, text);
    } catch (ClusterFileException e) {
      OneLineErrors.check(e, ClusterFileException.class);
      return;
    }
    // What it understood, written out, reads back the same.
    String written = ClusterFile.format(cluster);
    Cluster again;
    try {
      again = ClusterFile.parse(FILE, written);
    } catch (ClusterFileException e) {
      throw new AssertionError("its own output does not parse: " + e.getMessage()
          + "\n--- from\n" + text + "\n--- written\n" + written, e);
    }
    if (!again.equals(cluster)) {
      throw new AssertionError("written and read back differs:\n" + text + "\n---\n" + written);
    }
  }
}
