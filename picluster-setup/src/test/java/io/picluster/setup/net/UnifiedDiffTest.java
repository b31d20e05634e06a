package io.picluster.setup.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnifiedDiffTest {
  @TempDir Path dir;

  @Test
  void equalTextsGiveNothing() {
    assertThat(UnifiedDiff.diff("a", "b", "x\ny\n", "x\ny\n")).isEmpty();
    assertThat(UnifiedDiff.diff("a", "b", "", "")).isEmpty();
  }

  @Test
  void aNewFileIsAddedWhole() {
    assertThat(UnifiedDiff.diff("f", "f", null, "one\ntwo\n")).isEqualTo(String.join("\n",
        "--- /dev/null", "+++ f", "@@ -0,0 +1,2 @@", "+one", "+two", ""));
  }

  @Test
  void changesFarApartMakeTwoHunksWithThreeLinesOfContext() {
    String a = lines(1, 20);
    String b = a.replace("l3\n", "L3\n").replace("l17\n", "l17\nnew\n");
    assertThat(UnifiedDiff.diff("a", "b", a, b)).isEqualTo(String.join("\n",
        "--- a", "+++ b",
        "@@ -1,6 +1,6 @@", " l1", " l2", "-l3", "+L3", " l4", " l5", " l6",
        "@@ -15,6 +15,7 @@", " l15", " l16", " l17", "+new", " l18", " l19", " l20", ""));
  }

  @Test
  void aMissingFinalNewlineIsShown() {
    assertThat(UnifiedDiff.diff("a", "b", "x\ny", "x\ny\nz\n")).isEqualTo(String.join("\n",
        "--- a", "+++ b", "@@ -1,2 +1,3 @@", " x", "-y", "\\ No newline at end of file", "+y",
        "+z", ""));
  }

  /** Random edits: applying the diff to the old text gives the new one, and no line is lost. */
  @Test
  void randomDiffsApplyBack() {
    Random random = new Random(42);
    for (int round = 0; round < 500; round++) {
      List<String> a = randomLines(random);
      List<String> b = new ArrayList<>(a);
      int edits = random.nextInt(6);
      for (int e = 0; e < edits; e++) {
        int at = b.isEmpty() ? 0 : random.nextInt(b.size());
        switch (random.nextInt(3)) {
          case 0 -> b.add(at, "new" + random.nextInt(5));
          case 1 -> { if (!b.isEmpty()) b.remove(at); }
          default -> { if (!b.isEmpty()) b.set(at, "changed" + random.nextInt(5)); }
        }
      }
      String before = join(a);
      String after = join(b);
      String diff = UnifiedDiff.diff("a", "b", before, after);
      assertThat(patch(before, diff)).as("round %d:\n%s", round, diff).isEqualTo(after);
    }
  }

  /** Where GNU diff is installed, its hunks for our typical change are the same. */
  @Test
  void sameAsGnuDiff() throws IOException, InterruptedException {
    Path gnu = Path.of("/usr/bin/diff");
    assumeTrue(Files.isExecutable(gnu), "no /usr/bin/diff here");
    String before = NetFixtures.text("dhcpcd/before/etc/dhcpcd.conf");
    String after = NetFixtures.text("dhcpcd/after/etc/dhcpcd.conf");
    Path a = Files.writeString(dir.resolve("a"), before);
    Path b = Files.writeString(dir.resolve("b"), after.replace("# Inform", "# inform"));
    Process p = new ProcessBuilder(gnu.toString(), "-u", a.toString(), b.toString()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    String ours = UnifiedDiff.diff("a", "b", before, Files.readString(b));
    assertThat(hunks(ours)).isEqualTo(hunks(out));
  }

  private static String hunks(String diff) {
    return diff.substring(diff.indexOf("@@"));
  }

  private static String lines(int from, int to) {
    StringBuilder b = new StringBuilder();
    for (int i = from; i <= to; i++) {
      b.append('l').append(i).append('\n');
    }
    return b.toString();
  }

  private static List<String> randomLines(Random random) {
    List<String> l = new ArrayList<>();
    int n = random.nextInt(30);
    for (int i = 0; i < n; i++) {
      l.add("line" + random.nextInt(8));
    }
    return l;
  }

  private static String join(List<String> lines) {
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }

  /** A minimal patch(1) for our output: checks every context and removed line on the way. */
  private static String patch(String before, String diff) {
    if (diff.isEmpty()) {
      return before;
    }
    List<String> old = before.isEmpty() ? List.of() : List.of(before.split("\n", -1))
        .subList(0, before.split("\n", -1).length - 1);
    List<String> result = new ArrayList<>();
    int next = 0; // next old line to copy
    String[] d = diff.split("\n");
    for (int i = 2; i < d.length; i++) {
      String l = d[i];
      if (l.startsWith("@@")) {
        String range = l.split(" ")[1].substring(1);
        int start = Integer.parseInt(range.split(",")[0]);
        int count = range.contains(",") ? Integer.parseInt(range.split(",")[1]) : 1;
        int firstIndex = count == 0 ? start : start - 1;
        while (next < firstIndex) {
          result.add(old.get(next++));
        }
      } else if (l.startsWith(" ")) {
        assertThat(old.get(next)).isEqualTo(l.substring(1));
        result.add(old.get(next++));
      } else if (l.startsWith("-")) {
        assertThat(old.get(next++)).isEqualTo(l.substring(1));
      } else if (l.startsWith("+")) {
        result.add(l.substring(1));
      }
    }
    while (next < old.size()) {
      result.add(old.get(next++));
    }
    return join(result);
  }
}
