package io.picluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.picluster.jobs.Jobs;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** --help on every command, the job list and a job's own usage, --version. */
class HelpTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = PicocliMain.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void topLevelHelpNamesTheCommands() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Usage: picluster").contains("exec").contains("run")
        .contains("copy");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void copyHelpShowsItsOptions() {
    assertThat(run("copy", "--help")).isZero();
    assertThat(out.toString())
        .contains("Usage: picluster copy")
        .contains("FILE...")
        .contains("--to=DIR")
        .contains("-H, -host, -hosts, --host, --hosts=HOSTS")
        .contains("-f, -hostfile, --hostfile")
        .contains("SHA-256");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void copyHelpAfterTheFilesIsStillHelp() {
    assertThat(run("copy", "data.bin", "--help")).isZero();
    assertThat(out.toString()).contains("Usage: picluster copy");
  }

  @Test
  void execHelpShowsItsOptions() {
    assertThat(run("exec", "--help")).isZero();
    assertThat(out.toString())
        .contains("Usage: picluster exec")
        .contains("-n, -np, --np=N")
        .contains("-l, --tag-output")
        .contains("-genv")
        .contains("PROGRAM")
        .contains("--hosts")
        .contains("--hostfile")
        .contains("-ppn")
        .contains("--stage")
        .contains("without hosts, one per core");
  }

  @Test
  void javaHelpShowsTheLineAsMpjrunUsersWriteIt() {
    assertThat(run("java", "--help")).isZero();
    assertThat(out.toString())
        .contains("Usage: picluster java")
        .contains("(MAIN | FILE.java | -jar JAR) [ARGS...]")
        .contains("-n, -np, --np=N")
        .contains("-cp, -classpath, --class-path=PATH")
        .contains("-machinesfile")
        .contains("-wdir=DIR")
        .contains("compiled once");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void runHelpListsEveryJobWithItsSummary() {
    assertThat(run("run", "--help")).isZero();
    for (String name : Jobs.names()) {
      assertThat(out.toString()).containsPattern("(?m)^  " + name + " +" + java.util.regex.Pattern.quote(Jobs.get(name).summary()) + "$");
    }
  }

  @Test
  void runRankHelpShowsTheMpiexecLineAndTheJobs() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("run-rank");
    out.getBuffer().setLength(0);
    assertThat(run("run-rank", "--help")).isZero();
    assertThat(out.toString())
        .contains("Usage: picluster run-rank")
        .contains("mpiexec -pmi-port -n 4 java -jar picluster.jar run-rank primes 100000");
    for (String name : Jobs.names()) {
      assertThat(out.toString()).containsPattern("(?m)^  " + name + " +");
    }
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aJobsHelpShowsItsUsage() {
    assertThat(run("run", "hostname", "--help")).isZero();
    assertThat(out.toString()).contains(Jobs.get("hostname").usage());
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void versionComesFromThePom() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString().trim()).matches("picluster [0-9]+\\.[0-9]+\\.[0-9]+\\S*");
  }
}
