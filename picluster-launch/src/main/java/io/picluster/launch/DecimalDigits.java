package io.picluster.launch;

/**
 * Short numbers checked with a loop, not a regular expression: compiling and matching one is
 * interpreted code early in a JVM's life, a millisecond or more of a command's start (and 3 ms on
 * the way to the agents' srun step inside an allocation).
 */
public final class DecimalDigits {
  private DecimalDigits() {}

  /**
   * 1 to 9 ASCII digits: what {@code Integer.parseInt} takes without a sign, another script's
   * digits or an overflow. False for null.
   */
  public static boolean oneToNine(String s) {
    if (s == null || s.isEmpty() || s.length() > 9) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
