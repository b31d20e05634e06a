package io.picluster.launch.copy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bar's text: percent, amounts, rate, label fitting, and the counts behind it. */
class ProgressBarTest {
  private static final long MIB = 1L << 20;
  private static final long SECOND = 1_000_000_000L;

  @Test
  void halfWayAfterTwoSeconds() {
    assertThat(ProgressBar.render("data.bin to 2 hosts", 5 * MIB, 10 * MIB, 2 * SECOND, 79))
        .isEqualTo("data.bin to 2 hosts [##########----------]  50%  5.0/10.0 MiB  2.5 MiB/s");
  }

  @Test
  void noRateInTheFirstHalfSecondAndNothingAtTheStart() {
    assertThat(ProgressBar.render("x", 0, 3 * MIB, SECOND / 10, 79))
        .isEqualTo("x [--------------------]   0%  0.0/3.0 MiB");
  }

  @Test
  void neverPastTheEndNorBelowZero() {
    assertThat(ProgressBar.render("x", 12 * MIB, 10 * MIB, 0, 79))
        .isEqualTo("x [####################] 100%  10.0/10.0 MiB");
    assertThat(ProgressBar.render("x", 0, 0, 0, 79))
        .isEqualTo("x [####################] 100%  0/0 B");
    assertThat(ProgressBar.render("x", -5, 10, 0, 79))
        .isEqualTo("x [--------------------]   0%  0/10 B");
  }

  @Test
  void justBelowTheEndIsNotYetAHundred() {
    assertThat(ProgressBar.render("x", 10 * MIB - 1, 10 * MIB, 0, 79)).contains("  99%");
  }

  @Test
  void aLongLabelIsShortenedToFitTheWidth() {
    String label = "a-very-long-file-name-that-goes-on-and-on-and-on-forever.tar.gz to 12 hosts";
    String line = ProgressBar.render(label, 7 * MIB, 70 * MIB, 10 * SECOND, 79);
    assertThat(line).hasSize(79).startsWith("a-very-long-file-").contains("... [")
        .endsWith("[##------------------]  10%  7.0/70.0 MiB  716.8 KiB/s");
    assertThat(ProgressBar.render(label, 0, 10, 0, 20)).doesNotContain("a-very");
  }

  @Test
  void sizesInBinaryUnits() {
    assertThat(ProgressBar.size(0)).isEqualTo("0 B");
    assertThat(ProgressBar.size(1023)).isEqualTo("1023 B");
    assertThat(ProgressBar.size(1024)).isEqualTo("1.0 KiB");
    assertThat(ProgressBar.size(1536)).isEqualTo("1.5 KiB");
    assertThat(ProgressBar.size(23 * MIB + 400 * 1024)).isEqualTo("23.4 MiB");
    assertThat(ProgressBar.size(5L << 30)).isEqualTo("5.00 GiB");
    assertThat(ProgressBar.size(3L << 40)).isEqualTo("3.00 TiB");
    assertThat(ProgressBar.amounts(512 * 1024, 2L << 30)).isEqualTo("0.00/2.00 GiB");
  }

  @Test
  void countsGrowWithNewCopiesAndShrinkWithFailedOnes() {
    ProgressBar bar = new ProgressBar(0);
    bar.expect(4 * MIB);
    bar.expect(4 * MIB);
    bar.advance(3 * MIB);
    assertThat(bar.line("x", 0)).contains(" 37%  3.0/8.0 MiB");
    bar.forget(1 * MIB); // one copy failed with 1 MiB unsent
    bar.advance(4 * MIB);
    assertThat(bar.done()).isEqualTo(7 * MIB);
    assertThat(bar.total()).isEqualTo(7 * MIB);
    assertThat(bar.line("x", SECOND)).contains("100%  7.0/7.0 MiB  7.0 MiB/s");
  }

  @Test
  void largeMeansMoreThanOneMebibyte() {
    assertThat(new CopyItem(java.nio.file.Path.of("/a"), "/a", MIB, "", 0644).large()).isFalse();
    assertThat(new CopyItem(java.nio.file.Path.of("/a"), "/a", MIB + 1, "", 0644).large()).isTrue();
  }
}
