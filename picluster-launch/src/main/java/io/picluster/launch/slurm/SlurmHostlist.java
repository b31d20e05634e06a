package io.picluster.launch.slurm;

import io.picluster.launch.DecimalDigits;
import io.picluster.launch.LaunchException;
import java.util.ArrayList;
import java.util.List;

/**
 * Slurm's compressed host lists, as in {@code SLURM_JOB_NODELIST}: names separated by commas outside
 * brackets, each name a sequence of text and bracket groups of numbers and ranges
 * ({@code node[1-4,7]}, {@code pi[01-03]} keeps the zero padding, {@code a[1-2]b[3-4]} is the
 * product a1b3 a1b4 a2b3 a2b4), expanded in the order {@code scontrol show hostnames} prints.
 */
public final class SlurmHostlist {
  /** More names than any allocation has: a typo such as node[1-100000000] fails, not the heap. */
  static final int MAX_NAMES = 65_536;

  private SlurmHostlist() {}

  public static List<String> expand(String hostlist) throws LaunchException {
    List<String> names = new ArrayList<>();
    if (hostlist == null || hostlist.isBlank()) {
      return names;
    }
    for (String item : splitTopLevel(hostlist.trim())) {
      if (item.isEmpty()) {
        continue;
      }
      List<String> expanded = new ArrayList<>(List.of(""));
      int i = 0;
      while (i < item.length()) {
        int open = item.indexOf('[', i);
        if (open < 0) {
          expanded = append(expanded, List.of(item.substring(i)), hostlist);
          break;
        }
        int close = item.indexOf(']', open);
        if (close < 0) {
          throw bad(hostlist, "a '[' without ']'");
        }
        expanded = append(expanded, List.of(item.substring(i, open)), hostlist);
        expanded = append(expanded, ranges(item.substring(open + 1, close), hostlist), hostlist);
        i = close + 1;
      }
      names.addAll(expanded);
      if (names.size() > MAX_NAMES) {
        throw bad(hostlist, "more than " + MAX_NAMES + " names");
      }
    }
    return names;
  }

  private static List<String> splitTopLevel(String s) throws LaunchException {
    List<String> items = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      } else if (c == ',' && depth == 0) {
        items.add(s.substring(start, i).trim());
        start = i + 1;
      }
      if (depth < 0 || depth > 1) {
        throw bad(s, "unbalanced brackets");
      }
    }
    if (depth != 0) {
      throw bad(s, "a '[' without ']'");
    }
    items.add(s.substring(start).trim());
    return items;
  }

  private static List<String> ranges(String inside, String hostlist) throws LaunchException {
    List<String> out = new ArrayList<>();
    for (String part : inside.split(",", -1)) {
      String p = part.trim();
      int dash = p.indexOf('-');
      String from = dash < 0 ? p : p.substring(0, dash);
      String to = dash < 0 ? p : p.substring(dash + 1);
      if (!DecimalDigits.oneToNine(from) || !DecimalDigits.oneToNine(to)) {
        throw bad(hostlist, "'" + p + "' is not a number or range N-M");
      }
      long a = Long.parseLong(from);
      long b = Long.parseLong(to);
      if (b < a) {
        throw bad(hostlist, "the range " + p + " runs backwards");
      }
      if (b - a >= MAX_NAMES) {
        throw bad(hostlist, "more than " + MAX_NAMES + " names");
      }
      for (long n = a; n <= b; n++) {
        String digits = Long.toString(n);
        out.add("0".repeat(Math.max(0, from.length() - digits.length())) + digits);
      }
    }
    return out;
  }

  private static List<String> append(List<String> prefixes, List<String> parts, String hostlist)
      throws LaunchException {
    if ((long) prefixes.size() * parts.size() > MAX_NAMES) {
      throw bad(hostlist, "more than " + MAX_NAMES + " names");
    }
    List<String> out = new ArrayList<>(prefixes.size() * parts.size());
    for (String p : prefixes) {
      for (String q : parts) {
        out.add(p + q);
      }
    }
    return out;
  }

  private static LaunchException bad(String hostlist, String why) {
    return new LaunchException("cannot read Slurm's node list '" + hostlist + "': " + why);
  }
}
