package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.it.ExamplesProject.Run;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/ builds the way a user's own job project does (picluster-comm from the local Maven
 * repository, one shaded jar), and its jobs give the right answers on 4 ranks under the packaged
 * launcher, started as its README says.
 */
class ExamplesProjectTest {
  private static final Pattern PI_LINE = Pattern.compile("pi=(\\S+) error=\\S+ ranks=4");
  private static final Pattern HELLO_LINE = Pattern.compile("hello from rank (\\d+) of 4 on (\\S+)");

  @TempDir Path logs;

  @Test
  void theExamplesBuildAgainstTheInstalledLibraryAndRunOnFourRanks() {
    // Always built, even if a jar is there: building is half of what this test checks.
    ExamplesProject.build(logs);

    Run pi = runExample("Pi");
    assertThat(pi.exitCode()).as(pi.output()).isZero();
    Matcher piLine = PI_LINE.matcher(pi.stdout());
    assertThat(piLine.find()).as(pi.output()).isTrue();
    assertThat(Double.parseDouble(piLine.group(1))).as(pi.output()).isCloseTo(Math.PI, Offset.offset(1e-6));

    Run hello = runExample("Hello");
    assertThat(hello.exitCode()).as(hello.output()).isZero();
    TreeMap<Integer, String> hostByRank = new TreeMap<>();
    int helloLines = 0;
    Matcher helloLine = HELLO_LINE.matcher(hello.stdout());
    for (; helloLine.find(); helloLines++) {
      hostByRank.put(Integer.parseInt(helloLine.group(1)), helloLine.group(2));
    }
    assertThat(helloLines).as(hello.output()).isEqualTo(4);
    assertThat(hostByRank.keySet()).as(hello.output()).containsExactly(0, 1, 2, 3);
    assertThat(hostByRank.values()).as("one local host: " + hello.output()).containsOnly(hostByRank.get(0));
    assertThat(hello.stdout()).as(hello.output())
        .contains("hosts by rank: " + String.join(" ", hostByRank.values()) + "\n");
  }

  /** {@code java -jar picluster.jar exec -n 4 java -cp examples/target/picluster-examples.jar NAME}. */
  private Run runExample(String name) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return ExamplesProject.run(ExamplesProject.repoRoot(), RankRun.LIVENESS, logs, name, java, "-jar",
        ExamplesProject.launcherJar().toString(), "exec", "-n", "4", java, "-cp", ExamplesProject.JAR,
        "io.picluster.examples." + name);
  }
}
