package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.launch.JobSpec;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job example in README.md compiles against picluster-comm and gives the right answer on 4
 * ranks, as processes and as threads alike.
 */
class ReadmeExampleTest {
  private static final Pattern EXAMPLE =
      Pattern.compile("<!-- example: (\\w+)[^>]*-->\\s*```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void theReadmeJobRunsOnFourRanks(@TempDir Path dir) throws IOException {
    String readme = Files.readString(Path.of(System.getProperty("user.dir"), "..", "README.md"));
    Matcher m = EXAMPLE.matcher(readme);
    assertThat(m.find()).as("README.md has an example block").isTrue();
    Path source = dir.resolve(m.group(1) + ".java");
    Files.writeString(source, m.group(2));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int compiled = javac.run(null, null, null, "-d", dir.toString(), "-cp",
        System.getProperty("java.class.path"), source.toString());
    assertThat(compiled).as("javac exit code").isZero();

    List<String> command = RankRun.javaCommand(ReadmeExampleTest.class, "1000");
    command.set(command.size() - 2, m.group(1)); // run the example's class ...
    int cp = command.indexOf("-cp") + 1;
    command.set(cp, command.get(cp) + java.io.File.pathSeparator + dir); // ... found in dir
    RankRun run = RankRun.run(JobSpec.of(4, command).withStdin(Redirect.PIPE), Map.of());
    List<String> asThreads = new java.util.ArrayList<>(command);
    asThreads.remove("-XX:+UseSerialGC"); // a JVM option threads mode cannot honour
    RankRun threads = RankRun.run(JobSpec.of(4, command).withThreads(asThreads).withStdin(Redirect.PIPE), Map.of());

    long expected = 0;
    for (long i = 0; i < 1000; i++) {
      expected += i * i;
    }
    assertThat(run.exitCode).as(run.output()).isZero();
    assertThat(run.stdout).contains("sum of squares below 1000 = " + expected + ", parts [");
    assertThat(threads.exitCode).as(threads.output()).isZero();
    assertThat(threads.stdout).as("the same as processes").isEqualTo(run.stdout);
  }
}
