package io.picluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.ParseResult;

/**
 * The picocli-free parser must agree with picocli wherever it answers, and leave everything else
 * (help, version, odd spellings, errors) to picocli.
 */
class FastPathTest {

  static Stream<Arguments> everydayCommandLines() {
    return Stream.<Object>of(
        new String[] {"exec", "-n", "3", "ls", "-la"},
        new String[] {"exec", "prog"},
        new String[] {"exec", "-l", "-n", "2", "-genv", "A", "1", "-genv", "B", "x y", "prog", "-n", "5"},
        new String[] {"exec", "--tag-output", "--np", "7", "prog", "--help"},
        new String[] {"exec", "-np", "2", "java", "-cp", "job.jar", "Main"},
        new String[] {"run", "-n", "4", "hostname"},
        new String[] {"run", "--processes", "-n", "4", "hostname"},
        new String[] {"exec", "--threads", "-n", "2", "java", "-cp", "job.jar", "Main"},
        new String[] {"run", "-l", "primes", "100"},
        new String[] {"run", "primes", "-n", "9"},
        new String[] {"exec", "--hosts", "10.0.0.1,10.0.0.2:2", "hostname"},
        new String[] {"exec", "-H", "a,b", "-ppn", "2", "-n", "8", "-l", "prog"},
        new String[] {"run", "-f", "hosts.txt", "primes", "1e6"},
        new String[] {"exec", "-hosts", "a", "--stage", "app.jar", "--stage", "lib.so", "java", "-jar", "app.jar"},
        new String[] {"java", "-np", "4", "-cp", "app.jar", "Main"},
        new String[] {"java", "-cp", "app.jar", "-np", "4", "Main", "-n", "3", "--help"},
        new String[] {"java", "-n", "2", "Hello.java", "x"},
        new String[] {"java", "-np", "2", "-jar", "app.jar", "-cp", "x", "-n", "3"},
        new String[] {"java", "-np", "2", "-Xmx64m", "-Dk=v", "-ea", "-cp", "a:b/*", "app.Main"},
        new String[] {"java", "-l", "-genv", "A", "1", "-H", "a,b", "-XX:+UseSerialGC", "-jar", "app.jar"},
        new String[] {"java", "-np", "2", "--add-opens", "java.base/java.io=ALL-UNNAMED", "-J-showversion", "Main"},
        new String[] {"java", "-dev", "niodev", "-machinesfile", "machines", "-wdir", "/tmp", "-np", "4", "Main"})
        .map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("everydayCommandLines")
  void agreesWithPicocli(String[] args) {
    LaunchRequest fast = FastPath.parse(args);

    ParseResult parsed = PicocliMain.commandLine().parseArgs(args);
    Object sub = parsed.subcommand().commandSpec().userObject();
    LaunchRequest slow = sub instanceof ExecCommand e ? e.request()
        : sub instanceof JavaCommand j ? j.request() : ((RunCommand) sub).request();
    assertThat(fast).isNotNull().isEqualTo(slow);
  }

  static Stream<Arguments> leftToPicocli() {
    return Stream.<Object>of(
        new String[] {},
        new String[] {"--help"},
        new String[] {"--version"},
        new String[] {"exec", "--help"},
        new String[] {"run", "hostname", "--help"},
        new String[] {"exec", "-n4", "prog"},
        new String[] {"exec", "--np=4", "prog"},
        new String[] {"exec", "-n", "0", "prog"},
        new String[] {"exec", "-n", "x", "prog"},
        new String[] {"exec", "-n", "2", "-n", "3", "prog"},
        new String[] {"exec", "-x", "prog"},
        new String[] {"exec", "-n", "2"},
        new String[] {"exec", "--", "prog"},
        new String[] {"run", "-genv", "A", "B", "hostname"},
        new String[] {"exec", "--hosts", "a", "--hosts", "b", "prog"},
        new String[] {"exec", "--hosts", "-n", "prog"},
        new String[] {"exec", "-ppn", "x", "-H", "a", "prog"},
        new String[] {"exec", "--threads", "--processes", "prog"},
        new String[] {"frob", "x"},
        new String[] {"java", "--help"},
        new String[] {"java", "-np", "2"},
        new String[] {"java", "-np", "2", "-Xmx1g", "-np", "3", "Main"},
        new String[] {"java", "-cp", "a", "-Xmx1g", "-cp", "b", "Main"},
        new String[] {"java", "-cp", "a", "-jar", "x.jar"},
        new String[] {"java", "-n4", "Main"},
        new String[] {"java", "--iface", "eth0", "Main"},
        new String[] {"java", "-dev", "bogus", "Main"},
        new String[] {"java", "--", "Main"})
        .map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("leftToPicocli")
  void declines(String[] args) {
    assertThat(FastPath.parse(args)).isNull();
  }

  /** A program's {@code @FILE} argument is its own, as mpiexec passes it, whichever parser reads it. */
  @Test
  void anAtFileArgumentReachesTheProgramAsItIs(@TempDir Path dir) throws IOException {
    Path data = Files.writeString(dir.resolve("data.json"), "not picluster's words");
    String[] args = {"exec", "-n", "2", "curl", "-d", "@" + data, "http://localhost/"};
    LaunchRequest fast = FastPath.parse(args);

    ExecCommand slow = (ExecCommand) PicocliMain.commandLine().parseArgs(args)
        .subcommand().commandSpec().userObject();
    assertThat(fast).isNotNull().isEqualTo(slow.request());
    assertThat(slow.request().args()).containsExactly("-d", "@" + data, "http://localhost/");
  }
}
