package io.picluster.setup.net;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff ({@code diff -u} format, three lines of context) of two texts, by the longest
 * common subsequence of their lines: what {@code --dry-run} prints. Works everywhere, with no
 * {@code diff} installed. Sized for configuration files: beyond a few thousand changed lines it
 * still gives a correct diff, just not a minimal one.
 */
public final class UnifiedDiff {
  private static final int CONTEXT = 3;
  /** Above this many cells the middle part is shown as removed and added whole. */
  private static final long MAX_CELLS = 16_000_000L;
  private static final String NO_NEWLINE = "\\ No newline at end of file";

  private UnifiedDiff() {}

  /** One line of either text; the last line of a text without a final newline is marked. */
  private record Line(String text, boolean noNewline) {}

  private record Op(char kind, Line line, int oldIndex, int newIndex) {}

  /**
   * The diff turning {@code before} into {@code after} under the given labels; "" if the texts are
   * equal. A null text is an absent file (shown as {@code /dev/null}).
   */
  public static String diff(String beforeLabel, String afterLabel, String before, String after) {
    List<Line> a = lines(before);
    List<Line> b = lines(after);
    List<Op> ops = edits(a, b);
    if (ops.stream().allMatch(o -> o.kind() == ' ')) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(before == null ? "/dev/null" : beforeLabel).append('\n');
    out.append("+++ ").append(after == null ? "/dev/null" : afterLabel).append('\n');
    int i = 0;
    while (i < ops.size()) {
      if (ops.get(i).kind() == ' ') {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      int end = i; // exclusive: extend while changes come within 2*CONTEXT lines of each other
      int lastChange = i;
      while (end < ops.size()) {
        if (ops.get(end).kind() != ' ') {
          lastChange = end;
        } else if (end - lastChange > 2 * CONTEXT) {
          break;
        }
        end++;
      }
      end = Math.min(ops.size(), lastChange + CONTEXT + 1);
      hunk(out, ops.subList(start, end), ops, start);
      i = end;
    }
    return out.toString();
  }

  private static void hunk(StringBuilder out, List<Op> h, List<Op> all, int start) {
    int oldCount = 0;
    int newCount = 0;
    for (Op o : h) {
      if (o.kind() != '+') {
        oldCount++;
      }
      if (o.kind() != '-') {
        newCount++;
      }
    }
    // the first line number in each file: the lines before this hunk, plus one
    int oldBefore = 0;
    int newBefore = 0;
    for (int k = 0; k < start; k++) {
      if (all.get(k).kind() != '+') {
        oldBefore++;
      }
      if (all.get(k).kind() != '-') {
        newBefore++;
      }
    }
    out.append("@@ -").append(range(oldBefore, oldCount)).append(" +")
        .append(range(newBefore, newCount)).append(" @@\n");
    for (Op o : h) {
      out.append(o.kind()).append(o.line().text()).append('\n');
      if (o.line().noNewline()) {
        out.append(NO_NEWLINE).append('\n');
      }
    }
  }

  /** GNU's form: "start,count", "start" for one line, and the line before for none. */
  private static String range(int before, int count) {
    if (count == 1) {
      return String.valueOf(before + 1);
    }
    return (count == 0 ? before : before + 1) + "," + count;
  }

  private static List<Line> lines(String text) {
    List<Line> lines = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return lines;
    }
    String[] parts = text.split("\n", -1);
    int n = parts.length - 1; // after the last "\n" comes "" when the text ends with one
    for (int k = 0; k < n; k++) {
      lines.add(new Line(parts[k], false));
    }
    if (!parts[n].isEmpty()) {
      lines.add(new Line(parts[n], true));
    }
    return lines;
  }

  /** The edit script: common lines ' ', removed '-', added '+', in order. */
  private static List<Op> edits(List<Line> a, List<Line> b) {
    int prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix
        && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
      suffix++;
    }
    List<Op> ops = new ArrayList<>();
    for (int k = 0; k < prefix; k++) {
      ops.add(new Op(' ', a.get(k), k, k));
    }
    List<Line> am = a.subList(prefix, a.size() - suffix);
    List<Line> bm = b.subList(prefix, b.size() - suffix);
    int n = am.size();
    int m = bm.size();
    if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
      for (int k = 0; k < n; k++) {
        ops.add(new Op('-', am.get(k), prefix + k, -1));
      }
      for (int k = 0; k < m; k++) {
        ops.add(new Op('+', bm.get(k), -1, prefix + k));
      }
    } else {
      // lcs[i][j]: the longest common subsequence of am[i..] and bm[j..]
      int[][] lcs = new int[n + 1][m + 1];
      for (int i = n - 1; i >= 0; i--) {
        for (int j = m - 1; j >= 0; j--) {
          lcs[i][j] = am.get(i).equals(bm.get(j))
              ? lcs[i + 1][j + 1] + 1
              : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
        }
      }
      int i = 0;
      int j = 0;
      while (i < n || j < m) {
        if (i < n && j < m && am.get(i).equals(bm.get(j))) {
          ops.add(new Op(' ', am.get(i), prefix + i, prefix + j));
          i++;
          j++;
        } else if (j < m && (i == n || lcs[i][j + 1] > lcs[i + 1][j])) {
          ops.add(new Op('+', bm.get(j), -1, prefix + j));
          j++;
        } else {
          ops.add(new Op('-', am.get(i), prefix + i, -1));
          i++;
        }
      }
    }
    for (int k = suffix; k > 0; k--) {
      ops.add(new Op(' ', a.get(a.size() - k), a.size() - k, b.size() - k));
    }
    return ops;
  }
}
