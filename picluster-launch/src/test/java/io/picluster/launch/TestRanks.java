package io.picluster.launch;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of the Python test rank, {@code src/test/resources/ranks/pmi_rank.py}. */
final class TestRanks {
  private TestRanks() {}

  static Path script() {
    try {
      return Path.of(TestRanks.class.getResource("/ranks/pmi_rank.py").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code python3 pmi_rank.py PID_DIR SCENARIO ARGS...}; pidDir null means none. */
  static List<String> command(Path pidDir, String scenario, String... args) {
    List<String> c = new ArrayList<>();
    c.add("python3");
    c.add(script().toString());
    c.add(pidDir == null ? "-" : pidDir.toString());
    c.add(scenario);
    c.addAll(List.of(args));
    return c;
  }
}
