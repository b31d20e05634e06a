package io.picluster.setup.power;

import java.util.Locale;

/** Asks the user a yes/no question; only an explicit yes counts. */
@FunctionalInterface
public interface Confirmation {
  /** Shows QUESTION and returns the line typed, or null at the end of input (no terminal). */
  String ask(String question);

  /** {@code y} or {@code yes}, in any case, with blanks around; anything else, empty or none is no. */
  static boolean isYes(String answer) {
    if (answer == null) {
      return false;
    }
    String a = answer.strip().toLowerCase(Locale.ROOT);
    return a.equals("y") || a.equals("yes");
  }
}
