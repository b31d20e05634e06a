package io.picluster.launch.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What a copy prints on a terminal (a redrawn bar) and elsewhere (a line per large file). */
class CopyOutputTest {
  private static final long MIB = 1L << 20;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final AtomicLong now = new AtomicLong();

  private CopyOutput output(boolean terminal) {
    return new CopyOutput(new PrintWriter(out), new PrintWriter(err), terminal, now::get);
  }

  private static CopyItem item(String path, long size) {
    return new CopyItem(Path.of(path), path, size, "00", 0644);
  }

  @Test
  void offATerminalEachLargeFileGetsOneLinePerHostWhenDone() {
    CopyOutput o = output(false);
    CopyOutput.Transfer big = o.start("10.0.0.2", item("/home/pi/data.bin", 3 * MIB));
    CopyOutput.Transfer small = o.start("10.0.0.2", item("/home/pi/notes.txt", 100));
    big.sent(3 * MIB);
    small.sent(100);
    now.set(1_500_000_000L);
    small.finished(true);
    big.finished(true);
    CopyOutput.Transfer failed = o.start("10.0.0.3", item("/home/pi/data.bin", 3 * MIB));
    failed.sent(MIB);
    failed.finished(false);
    o.result("10.0.0.2: 2 copied, 0 already there");
    o.close();
    assertThat(err.toString())
        .isEqualTo("10.0.0.2: /home/pi/data.bin copied, 3.0 MiB in 1.5 s\n")
        .doesNotContain("\r");
    assertThat(out.toString()).isEqualTo("10.0.0.2: 2 copied, 0 already there\n");
  }

  @Test
  void onATerminalTheBarIsDrawnClearedForOtherLinesAndGoneAtTheEnd() {
    CopyOutput o = output(true);
    CopyOutput.Transfer t = o.start("10.0.0.2", item("/home/pi/data.bin", 4 * MIB));
    String bar = "\rdata.bin to 10.0.0.2 [--------------------]   0%  0.0/4.0 MiB";
    assertThat(err.toString()).startsWith(bar);
    t.sent(MIB);
    o.message("picluster: 10.0.0.2: hello");
    String clear = "\r" + " ".repeat(bar.length() - 1) + "\r";
    assertThat(err.toString()).contains(clear + "picluster: 10.0.0.2: hello\n"
        + "\rdata.bin to 10.0.0.2 [#####---------------]  25%  1.0/4.0 MiB");
    t.sent(3 * MIB);
    t.finished(true);
    assertThat(err.toString()).endsWith(clear).doesNotContain("copied");
    o.close();
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void afterStopNothingMoreIsPrinted() {
    CopyOutput o = output(true);
    CopyOutput.Transfer t = o.start("10.0.0.2", item("/home/pi/data.bin", 4 * MIB));
    o.stop("picluster: copy stopped");
    t.finished(false);
    o.message("picluster: cannot copy /home/pi/data.bin to 10.0.0.2: ssh exited with code 255");
    o.result("10.0.0.2: 0 copied, 0 already there, 1 failed");
    o.close();
    assertThat(err.toString()).endsWith("\rpicluster: copy stopped\n")
        .doesNotContain("cannot copy");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void smallFilesDrawNoBar() {
    CopyOutput o = output(true);
    CopyOutput.Transfer t = o.start("10.0.0.2", item("/a", MIB));
    t.sent(MIB);
    t.finished(true);
    o.close();
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void theLabelNamesTheFileOrCountsThem() {
    assertThat(CopyOutput.label(set("data.bin"), set("10.0.0.2"))).isEqualTo("data.bin to 10.0.0.2");
    assertThat(CopyOutput.label(set("data.bin"), set("a", "b"))).isEqualTo("data.bin to 2 hosts");
    assertThat(CopyOutput.label(set("x", "y", "z"), set("a", "b", "c")))
        .isEqualTo("3 files to 3 hosts");
  }

  private static LinkedHashSet<String> set(String... s) {
    return new LinkedHashSet<>(List.of(s));
  }
}
