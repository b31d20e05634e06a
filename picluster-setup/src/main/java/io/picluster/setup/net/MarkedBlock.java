package io.picluster.setup.net;

import java.util.ArrayList;
import java.util.List;

/**
 * picluster's block in a shared file ({@code /etc/hosts}, {@code /etc/dhcpcd.conf}): the lines
 * between {@code # BEGIN picluster backbone} and {@code # END picluster backbone}. picluster
 * changes what is inside and nothing outside; a file without the block gets it at its end.
 */
public final class MarkedBlock {
  public static final String BEGIN = "# BEGIN picluster backbone";
  public static final String END = "# END picluster backbone";

  /** Where the block is: 0-based line numbers of its BEGIN and END lines. */
  public record Range(int begin, int end) {
    public boolean contains(int line) {
      return line >= begin && line <= end;
    }
  }

  private MarkedBlock() {}

  /**
   * {@code text} with the block holding {@code body} (whole lines, each ending in a newline): put
   * where the block was, or appended. {@code text} null means the file does not exist.
   *
   * @param path the file's path (relative to the root) for messages
   */
  public static String put(String path, String text, String body) {
    String block = BEGIN + "\n" + body + END + "\n";
    if (text == null || text.isEmpty()) {
      return block;
    }
    List<String> lines = lines(text);
    Range r = find(path, text);
    if (r == null) {
      StringBuilder b = new StringBuilder(text);
      if (!text.endsWith("\n")) {
        b.append('\n');
      }
      if (!text.endsWith("\n\n") && !lines.get(lines.size() - 1).isBlank()) {
        b.append('\n');
      }
      return b.append(block).toString();
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < r.begin(); i++) {
      b.append(lines.get(i)).append('\n');
    }
    b.append(block);
    for (int i = r.end() + 1; i < lines.size(); i++) {
      b.append(lines.get(i)).append('\n');
    }
    if (!text.endsWith("\n") && r.end() + 1 < lines.size()) {
      b.setLength(b.length() - 1); // the file's last line had no newline; keep it that way
    }
    return b.toString();
  }

  /** The block's lines, or null if the file has none. A half block is refused. */
  public static Range find(String path, String text) {
    if (text == null) {
      return null;
    }
    List<String> lines = lines(text);
    int begin = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.equals(BEGIN)) {
        if (begin >= 0) {
          throw broken(path, "lines " + (begin + 1) + " and " + (i + 1) + " both open picluster's"
              + " block; remove one of the two blocks");
        }
        begin = i;
      } else if (l.equals(END)) {
        if (begin < 0 || end >= 0) {
          throw broken(path, "line " + (i + 1) + " closes picluster's block ('" + END + "'),"
              + " but no block is open there; remove that line");
        }
        end = i;
      }
    }
    if (begin >= 0 && end < 0) {
      throw broken(path, "line " + (begin + 1) + " opens picluster's block ('" + BEGIN + "') but"
          + " no line closes it; add '" + END + "' after the block's lines, or remove the block");
    }
    return begin < 0 ? null : new Range(begin, end);
  }

  /** The file's lines without their newlines (a last line without one counts). */
  public static List<String> lines(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  private static NetFileException broken(String path, String what) {
    return new NetFileException("/" + path + ": " + what);
  }
}
