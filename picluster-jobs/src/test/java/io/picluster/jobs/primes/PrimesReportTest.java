package io.picluster.jobs.primes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PrimesReportTest {
  @Test
  void theReportHasPrimePysFourLines() {
    String nl = System.lineSeparator();
    assertThat(PrimesReport.format(100000, 4, 0.0312, 9592)).isEqualTo("Find all primes up to: 100000" + nl
        + "Nodes: 4" + nl + "Time elapsed: 0.03 seconds" + nl + "Primes discovered: 9592" + nl);
  }

  @Test
  void twoDecimalsAreWhatTheFormatterPrints() {
    double[] edges = {0, 0.005, 0.015, 0.125, 0.135, 1.005, 2.675, 0.994999, 0.995, 9.995, 99.995,
        1e-9, 123456.785, 1e7 + 0.005, 3.0, 0.1 + 0.2};
    for (double x : edges) {
      assertThat(PrimesReport.twoDecimals(x)).as("%s", x).isEqualTo(String.format(Locale.ROOT, "%.2f", x));
    }
    long seed = System.nanoTime();
    System.out.println("PrimesReportTest seed " + seed);
    Random random = new Random(seed);
    for (int i = 0; i < 100_000; i++) {
      double x = random.nextInt(4) == 0 ? random.nextInt(100_000) / 1000.0
          : random.nextDouble() * Math.pow(10, random.nextInt(8));
      assertThat(PrimesReport.twoDecimals(x)).as("%s (seed %d)", x, seed)
          .isEqualTo(String.format(Locale.ROOT, "%.2f", x));
    }
  }
}
