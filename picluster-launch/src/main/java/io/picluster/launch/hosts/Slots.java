package io.picluster.launch.hosts;

/** Slot counts as written in host lists: a plain decimal number from 1 to {@link Host#MAX_SLOTS}. */
final class Slots {
  private Slots() {}

  /**
   * The count in {@code text}.
   *
   * @throws IllegalArgumentException whose message says what is wrong but not the fix, which
   *     depends on where the count was written
   */
  static int parse(String key, String text) {
    if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(
          key + " must be a whole number of at least 1, got '" + text + "'");
    }
    String digits = text.replaceFirst("^0+(?=.)", "");
    if (digits.length() > 7 || Integer.parseInt(digits) > Host.MAX_SLOTS) {
      throw new IllegalArgumentException(
          key + " must be at most " + Host.MAX_SLOTS + ", got '" + text + "'");
    }
    int n = Integer.parseInt(digits);
    if (n < 1) {
      throw new IllegalArgumentException(
          key + " must be a whole number of at least 1, got '" + text + "'");
    }
    return n;
  }
}
