package io.picluster.it;

import java.util.ArrayList;
import java.util.List;

/**
 * The string, text-block and char literals of a Java source file, with their escapes resolved
 * (comments skipped): what a program can print that its author wrote. Enough of Java's lexical
 * rules for well-formed sources; {@code \}{@code uXXXX} is resolved inside literals only.
 */
final class JavaLiterals {
  private JavaLiterals() {}

  static List<String> of(String src) {
    List<String> literals = new ArrayList<>();
    int i = 0;
    int n = src.length();
    while (i < n) {
      char c = src.charAt(i);
      if (src.startsWith("//", i)) {
        int end = src.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (src.startsWith("/*", i)) {
        int end = src.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (src.startsWith("\"\"\"", i)) {
        int start = src.indexOf('\n', i) + 1;
        int end = closing(src, start, "\"\"\"");
        literals.add(unescape(src.substring(start, end)));
        i = end + 3;
      } else if (c == '"' || c == '\'') {
        int end = closing(src, i + 1, String.valueOf(c));
        literals.add(unescape(src.substring(i + 1, end)));
        i = end + 1;
      } else {
        i++;
      }
    }
    return literals;
  }

  /** Where the unescaped DELIMITER after FROM starts (the text's end if none). */
  private static int closing(String src, int from, String delimiter) {
    int i = from;
    while (i < src.length() && !src.startsWith(delimiter, i)) {
      i += src.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(i, src.length());
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        b.append(c);
        continue;
      }
      char e = s.charAt(++i);
      if (e == 'u') {
        while (i < s.length() && s.charAt(i) == 'u') {
          i++;
        }
        b.append((char) Integer.parseInt(s.substring(i, Math.min(i + 4, s.length())), 16));
        i += 3;
      } else {
        b.append(switch (e) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'r' -> '\r';
          case 'b' -> '\b';
          case 'f' -> '\f';
          case 's' -> ' ';
          case '0' -> '\0';
          default -> e;
        });
      }
    }
    return b.toString();
  }
}
