package io.picluster.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.testkit.SkippedTestsFile.Entry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the end of mvn verify says about skipped suites, and that .ci/run and the README agree. */
class SkippedTestsReportTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private static String print(List<Entry> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SkippedTestsReport.print(entries, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void namesEverySkippedSuiteOnceAndTheInstallLine() {
    String text = print(List.of(
        new Entry("picluster-it", "AcrossHostsTest", 13, "testbed skipped: the testbed must run as root"),
        new Entry("picluster-it", "HydraRunsPiclusterTest", 9, "MPICH's mpiexec.mpich is not installed"),
        new Entry("picluster-cli", "PackagedJarTest", 1, "runs in the package phase"),
        new Entry("picluster-it", "AcrossHostsTest", 2, "a second JVM's reason")));

    assertThat(text).isEqualTo(String.join("\n",
        "picluster: 25 tests were skipped, in 3 suites:",
        "  picluster-it/AcrossHostsTest        15  testbed skipped: the testbed must run as root;"
            + " a second JVM's reason",
        "  picluster-it/HydraRunsPiclusterTest  9  MPICH's mpiexec.mpich is not installed",
        "  picluster-cli/PackagedJarTest        1  runs in the package phase",
        "They need root and packages this machine may lack. To run them too, as root:",
        "  " + SkippedTestsReport.INSTALL,
        "and then mvn -B verify again.",
        ""));
  }

  @Test
  void saysSoWhenNothingWasSkipped() {
    assertThat(print(List.of())).isEqualTo("picluster: no test was skipped.\n");
  }

  @Test
  void ciInstallsEveryPackageOfTheLineAndTheReadmeGivesIt() throws IOException {
    // The words of .ci/run's apt-get install commands (continued lines joined, comments left out).
    List<String> installed = new ArrayList<>();
    String script = Files.readString(ROOT.resolve(".ci/run")).replaceAll("(?m)^\\s*#.*\\n", "")
        .replace("\\\n", " ");
    for (String line : script.split("\n")) {
      if (line.contains("apt-get install")) {
        installed.addAll(Arrays.asList(line.trim().split("\\s+")));
      }
    }
    List<String> packages = Arrays.asList(SkippedTestsReport.INSTALL
        .replace("apt-get install --no-install-recommends ", "").split(" "));
    assertThat(installed).as(".ci/run installs what the report asks for").containsAll(packages);
    assertThat(Files.readString(ROOT.resolve("README.md"))).contains(SkippedTestsReport.INSTALL);
  }
}
