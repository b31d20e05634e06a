package io.picluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No lambda or method reference of picluster's runs on the way of a local launch, in the launcher
 * or in a rank: the JVM links each one at its first use, which costs about half a millisecond of
 * start-up apiece even with its class in the class-data archive (twenty of them, measured: 10 ms of
 * CPU against the same code in classes), and `run -n 4 hostname` is a bench row against four bare
 * JVMs. The classes the JVM loads tell: each linked lambda is a {@code $$Lambda} class.
 */
class LaunchPathTest {
  private static final Pattern OUR_LAMBDA = Pattern.compile("(io\\.picluster\\.\\S*\\$\\$Lambda\\S*)");

  @TempDir Path dir;

  @Test
  void ranksAsThreadsLinkNoLambdaOfOurs() throws Exception {
    Path log = dir.resolve("threads.log");
    String out = run(Map.of(), List.of("-Xlog:class+load=info:file=" + log), "run", "-n", "4", "hostname");

    assertThat(out.lines()).hasSize(4);
    assertThat(ourLambdas(List.of(log))).as("linked lambdas of picluster's").isEmpty();
  }

  /** Bench row 3's job: `primes 100000` is over in milliseconds, so its sieve and reduction count too. */
  @Test
  void theTutorialsJobAsThreadsLinksNoLambdaOfOurs() throws Exception {
    Path log = dir.resolve("primes.log");
    String out = run(Map.of(), List.of("-Xlog:class+load=info:file=" + log), "run", "-n", "4", "primes", "100000");

    assertThat(out).contains("Primes discovered: 9592");
    assertThat(ourLambdas(List.of(log))).as("linked lambdas of picluster's").isEmpty();
  }

  @Test
  void ranksAsProcessesLinkNoLambdaOfOursInTheLauncherOrTheRanks() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("processes"));
    // JAVA_TOOL_OPTIONS reaches the launcher's and the ranks' JVMs; %p names each log by its pid.
    String out = run(Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + logs.resolve("%p.log")),
        List.of(), "run", "--processes", "-n", "2", "hostname");

    assertThat(out.lines().filter(l -> !l.startsWith("Picked up JAVA_TOOL_OPTIONS"))).hasSize(2);
    List<Path> files;
    try (Stream<Path> listed = Files.list(logs)) {
      files = listed.toList();
    }
    assertThat(files).as("one log per JVM: the launcher and two ranks").hasSize(3);
    assertThat(ourLambdas(files)).as("linked lambdas of picluster's").isEmpty();
  }

  private static List<String> ourLambdas(List<Path> logs) throws IOException {
    List<String> found = new ArrayList<>();
    for (Path log : logs) {
      Matcher m = OUR_LAMBDA.matcher(Files.readString(log, StandardCharsets.UTF_8));
      while (m.find()) {
        found.add(log.getFileName() + ": " + m.group(1));
      }
    }
    return found;
  }

  /** {@code java JVM_OPTIONS -jar picluster.jar ARGS} with ENV added; its output, exit 0 required. */
  private String run(Map<String, String> env, List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(PiclusterJar.java()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", ExamplesProject.launcherJar().toString()));
    command.addAll(List.of(args));
    return PiclusterJar.succeeding(dir, env, command, Duration.ofSeconds(120));
  }
}
