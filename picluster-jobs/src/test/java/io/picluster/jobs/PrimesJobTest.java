package io.picluster.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the job in-process: without a launcher the world has one rank. */
class PrimesJobTest {
  private static List<String> run(String... args) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(out);
      int code = new PrimesJob().run(List.of(args));
      assertThat(code).isZero();
    } finally {
      System.setOut(saved);
    }
    return captured.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static void assertReport(List<String> lines, long n, long primes) {
    assertThat(lines.get(0)).isEqualTo("Find all primes up to: " + n);
    assertThat(lines.get(1)).isEqualTo("Nodes: 1");
    assertThat(lines.get(2)).matches("Time elapsed: \\d+\\.\\d\\d seconds");
    assertThat(lines.get(3)).isEqualTo("Primes discovered: " + primes);
  }

  @Test
  void printsTheTutorialsReport() throws Exception {
    List<String> lines = run("100000");
    assertThat(lines).hasSize(4);
    assertReport(lines, 100000, 9592);
  }

  @Test
  void writesNAsAPlainInteger() throws Exception {
    assertReport(run("1e6"), 1_000_000, 78498);
  }

  @Test
  void listsThePrimesInOrderAfterTheReport() throws Exception {
    List<String> lines = run("100", "--list");
    assertReport(lines, 100, 25);
    assertThat(lines.subList(4, lines.size()))
        .containsExactly("2", "3", "5", "7", "11", "13", "17", "19", "23", "29", "31", "37", "41", "43",
            "47", "53", "59", "61", "67", "71", "73", "79", "83", "89", "97");
  }

  @Test
  void scatteredRangesGiveTheSameCount() throws Exception {
    assertReport(run("--scatter", "10^7", "--segment", "4096"), 10_000_000, 664_579);
  }

  @Test
  void trialDivisionReportsLikePrimePy() throws Exception {
    List<String> lines = run("1000", "--method", "trial", "--list");
    assertReport(lines, 1000, 168);
    assertThat(lines.get(4)).isEqualTo("1"); // prime.py's quirk: 1 is "prime", 2 is never tested
    assertThat(lines.get(5)).isEqualTo("3");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("997");
  }

  @Test
  void smallestNHaveNoPrimes() throws Exception {
    assertReport(run("0"), 0, 0);
    assertReport(run("2"), 2, 0);
    assertReport(run("3", "--list"), 3, 1);
  }

  @Test
  void checkRejectsBadArgumentsWithOneLine() {
    PrimesJob job = new PrimesJob();
    assertThatThrownBy(() -> job.check(List.of())).hasMessageStartingWith("primes needs N");
    assertThatThrownBy(() -> job.check(List.of("abc")))
        .hasMessage("N must be a whole number like 100000, 1e10 or 10^10, got 'abc'");
    assertThatThrownBy(() -> job.check(List.of("1e10", "--list"))).hasMessageContaining("at most 2^31");
    job.check(List.of("1e10", "--scatter"));
  }

  @Test
  void isInTheCatalogue() {
    assertThat(Jobs.get("primes")).isInstanceOf(PrimesJob.class);
    assertThat(Jobs.get("primes").usage()).startsWith("primes N");
  }
}
