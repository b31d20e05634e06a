package io.picluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.jobs.Jobs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every bad command line ends in exactly one line on stderr and exit code 2, nothing launched. */
class UsageErrorTest {
  /** The commands as the messages list them; every new command joins this list. */
  private static final String COMMANDS =
      String.join(", ", PicocliMain.commandLine().getSubcommands().keySet());

  static Stream<Arguments> badCommandLines() {
    return Stream.of(
        Arguments.of(
            new String[] {"exec", "-n", "0", "true"},
            "picluster: -n must be at least 1, got 0 (see 'picluster exec --help')"),
        Arguments.of(
            new String[] {"run", "-n", "-3", "hostname"},
            "picluster: -n must be at least 1, got -3 (see 'picluster run --help')"),
        Arguments.of(
            new String[] {"exec", "-n", "many", "true"},
            "picluster: invalid value for option '--np': 'many' is not an int"
                + " (see 'picluster exec --help')"),
        Arguments.of(
            new String[] {"exec", "--bogus", "true"},
            "picluster: unknown option: '--bogus' (see 'picluster exec --help')"),
        Arguments.of(
            new String[] {"frobnicate"},
            "picluster: unknown command 'frobnicate': choose one of " + COMMANDS
                + " (see 'picluster --help')"),
        Arguments.of(
            new String[] {},
            "picluster: missing command: give one of " + COMMANDS + " (see 'picluster --help')"),
        Arguments.of(
            new String[] {"exec"},
            "picluster: missing required parameter: 'PROGRAM' (see 'picluster exec --help')"),
        Arguments.of(
            new String[] {"run", "-n", "2"},
            "picluster: missing required parameter: 'JOB' (see 'picluster run --help')"),
        Arguments.of(
            new String[] {"exec", "-n", "1", "no-such-program-here"},
            "picluster: cannot run 'no-such-program-here': no such executable on PATH;"
                + " check the name or give its path (see 'picluster exec --help')"),
        Arguments.of(
            new String[] {"run", "nosuchjob"},
            "picluster: unknown job 'nosuchjob': choose one of " + String.join(", ", Jobs.names())
                + " (see 'picluster run --help')"),
        Arguments.of(
            new String[] {"run", "hostname", "extra"},
            "picluster: hostname takes no arguments, got 'extra' (see 'picluster run --help')"),
        Arguments.of(
            new String[] {"run", "--network", "10.0.0.0", "hostname"},
            "picluster: --network 10.0.0.0: not a network in CIDR form; write it like 10.0.0.0/24"
                + " (see 'picluster run --help')"),
        Arguments.of(
            new String[] {"exec", "--iface", "10.0.0.0/24", "true"},
            "picluster: --iface takes an interface name like eth0, got '10.0.0.0/24'"
                + " (see 'picluster exec --help')"),
        Arguments.of(
            new String[] {"run", "-n", "999999999", "hostname"},
            "picluster: -n must be at most 4096, got 999999999 (see 'picluster run --help')"),
        Arguments.of(
            new String[] {"exec", "-genv", "A=B", "x", "true"},
            "picluster: -genv needs a variable name without '=', got 'A=B' (write -genv NAME VALUE)"
                + " (see 'picluster exec --help')"),
        Arguments.of(
            new String[] {"exec", "-genv", "ONLY_NAME"},
            "picluster: option '--genv' at index 0 (NAME VALUE) requires at least 2 values, but only 1"
                + " were specified: [ONLY_NAME] (see 'picluster exec --help')"),
        Arguments.of(
            new String[] {"java", "-n", "1"},
            "picluster: missing the program: give its main class, a FILE.java or -jar JAR"
                + " (see 'picluster java --help')"),
        Arguments.of(
            new String[] {"java", "-n", "1", "-cp", "no-such.jar", "Main"},
            "picluster: -cp: no file or folder 'no-such.jar' here; check the class path (entries are"
                + " separated by ':') (see 'picluster java --help')"),
        Arguments.of(
            new String[] {"java", "-n", "1", "-jar", "no-such.jar"},
            "picluster: -jar no-such.jar: no such file here; give the path of the jar"
                + " (see 'picluster java --help')"),
        Arguments.of(
            new String[] {"java", "-n", "1", "No-such.java"},
            "picluster: no source file No-such.java here; give the path of a .java file"
                + " (see 'picluster java --help')"),
        Arguments.of(
            new String[] {"java", "-n", "1", "-Xmx1g", "--hosts", "a", "Main"},
            "picluster: unknown option '--hosts': picluster's options go first, then JVM options"
                + " (-Xmx256m, -Dname=value, -ea, or any as -J<option>), -cp PATH, and MAIN"
                + " (see 'picluster java --help')"),
        Arguments.of(
            new String[] {"java", "-n", "0", "-jar", "x.jar"},
            "picluster: -n must be at least 1, got 0 (see 'picluster java --help')"));
  }

  @ParameterizedTest
  @MethodSource("badCommandLines")
  void oneLineAndExitTwo(String[] args, String expected) {
    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    CommandLine cl = PicocliMain.commandLine();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(out, true));

    int code = cl.execute(args);

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).isEqualTo(expected + System.lineSeparator());
    assertThat(out.toString()).isEmpty();
  }
}
