package io.picluster.it.ranks;

import java.util.Arrays;
import java.util.Objects;

/** Assertions for rank programs: a failure throws, the rank exits non-zero, the test sees why. */
final class Check {
  private Check() {}

  static void equal(Object actual, Object expected, String what) {
    boolean same = actual instanceof long[] && expected instanceof long[]
        ? Arrays.equals((long[]) actual, (long[]) expected)
        : actual instanceof int[] && expected instanceof int[]
            ? Arrays.equals((int[]) actual, (int[]) expected)
            : actual instanceof double[] && expected instanceof double[]
                ? Arrays.equals((double[]) actual, (double[]) expected)
                : actual instanceof byte[] && expected instanceof byte[]
                    ? Arrays.equals((byte[]) actual, (byte[]) expected)
                    : Objects.equals(actual, expected);
    if (!same) {
      throw new AssertionError(what + ": expected " + show(expected) + " but got " + show(actual));
    }
  }

  static void that(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }

  /** Runs {@code body}, which must throw {@code type} with a message containing {@code text}. */
  static void fails(Class<? extends Throwable> type, String text, Runnable body, String what) {
    try {
      body.run();
    } catch (Throwable t) {
      if (type.isInstance(t) && t.getMessage() != null && t.getMessage().contains(text)) {
        return;
      }
      throw new AssertionError(what + ": expected " + type.getSimpleName() + " containing '" + text
          + "' but got " + t, t);
    }
    throw new AssertionError(what + ": expected " + type.getSimpleName() + " but nothing was thrown");
  }

  private static String show(Object value) {
    if (value instanceof long[]) return Arrays.toString((long[]) value);
    if (value instanceof int[]) return Arrays.toString((int[]) value);
    if (value instanceof double[]) return Arrays.toString((double[]) value);
    if (value instanceof byte[]) return Arrays.toString((byte[]) value);
    return String.valueOf(value);
  }
}
