package io.picluster.jobs.primes;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Parses the job's N the way people write big numbers: {@code 100000}, {@code 1e10}, {@code 1E9},
 * {@code 2.5e6} (only when the value is whole) or {@code 10^10}. Every rejection is a one-line
 * {@link IllegalArgumentException} that says what was wrong and what to write instead.
 */
public final class NumberArgument {
  private static final String EXAMPLES = "a whole number like 100000, 1e10 or 10^10";

  private NumberArgument() {}

  /** N between 0 and {@link PrimeSieve#MAX_HI}. */
  public static long parse(String text) {
    return parse(text, PrimeSieve.MAX_HI);
  }

  /** N between 0 and {@code max}. */
  public static long parse(String text, long max) {
    String s = text.strip();
    if (s.startsWith("-")) {
      throw new IllegalArgumentException(
          "N must not be negative, got '" + text + "': give " + EXAMPLES);
    }
    BigDecimal value = s.indexOf('^') >= 0 ? power(s, text) : decimal(s, text);
    if (value.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new IllegalArgumentException(
          "N must be at most " + describe(max) + ", got '" + text + "'");
    }
    if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException("N must be " + EXAMPLES + ", got '" + text + "' (not whole)");
    }
    return value.longValueExact();
  }

  private static BigDecimal decimal(String s, String text) {
    // BigDecimal also takes "+7", ".5" and "1e+3"; require a plain digit first to keep it simple.
    if (s.isEmpty() || !Character.isDigit(s.charAt(0))) {
      throw notANumber(text);
    }
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      throw notANumber(text);
    }
  }

  /** {@code B^E} with whole B and E; E is bounded before computing so "10^99999999" stays cheap. */
  private static BigDecimal power(String s, String text) {
    int caret = s.indexOf('^');
    String base = s.substring(0, caret);
    String exponent = s.substring(caret + 1);
    if (!isDigits(base) || !isDigits(exponent)) {
      throw notANumber(text);
    }
    BigInteger b = new BigInteger(base);
    BigInteger e = new BigInteger(exponent);
    if (e.signum() == 0) {
      return BigDecimal.ONE;
    }
    if (b.compareTo(BigInteger.ONE) <= 0) {
      return new BigDecimal(b); // 0^E = 0 and 1^E = 1 for any E > 0
    }
    if (e.compareTo(BigInteger.valueOf(64)) > 0) {
      return new BigDecimal(BigInteger.TWO.pow(64)); // already beyond any long
    }
    return new BigDecimal(b.pow(e.intValueExact()));
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) { // a loop, not chars().allMatch: no lambda to link per rank
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return !s.isEmpty();
  }

  private static IllegalArgumentException notANumber(String text) {
    return new IllegalArgumentException("N must be " + EXAMPLES + ", got '" + text + "'");
  }

  /** {@code 10000000000000000} reads better as {@code 1e16}. */
  static String describe(long max) {
    String digits = Long.toString(max);
    if (max >= 1000 && digits.matches("10+")) {
      return "1e" + (digits.length() - 1);
    }
    return digits;
  }
}
