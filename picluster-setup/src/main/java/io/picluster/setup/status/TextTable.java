package io.picluster.setup.status;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: a header row and rows of cells, columns padded to their widest cell and two
 * spaces apart; columns marked numeric are right-aligned. Trailing spaces are never printed.
 */
public final class TextTable {
  private final List<String> header;
  private final boolean[] right;
  private final List<List<String>> rows = new ArrayList<>();

  /** Column names; a name starting with '>' is right-aligned (the '>' is not shown). */
  public TextTable(String... columns) {
    header = new ArrayList<>();
    right = new boolean[columns.length];
    for (int i = 0; i < columns.length; i++) {
      right[i] = columns[i].startsWith(">");
      header.add(right[i] ? columns[i].substring(1) : columns[i]);
    }
  }

  public TextTable row(List<String> cells) {
    if (cells.size() != header.size()) {
      throw new IllegalArgumentException(cells.size() + " cells for " + header.size() + " columns");
    }
    List<String> r = new ArrayList<>();
    for (String c : cells) {
      r.add(c == null || c.isEmpty() ? "-" : c.replace('\n', ' ').replace('\t', ' '));
    }
    rows.add(r);
    return this;
  }

  /** The table, one line per row with a trailing newline each. */
  public String render() {
    int[] width = new int[header.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (List<String> r : all) {
      for (int i = 0; i < r.size(); i++) {
        width[i] = Math.max(width[i], length(r.get(i)));
      }
    }
    StringBuilder b = new StringBuilder();
    for (List<String> r : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        String cell = r.get(i);
        String pad = " ".repeat(width[i] - length(cell));
        if (i > 0) {
          line.append("  ");
        }
        line.append(right[i] ? pad + cell : cell + pad);
      }
      b.append(line.toString().stripTrailing()).append('\n');
    }
    return b.toString();
  }

  /** Characters as a terminal shows them (code points; no wide characters expected). */
  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }
}
