package io.picluster.it.mpi;

import java.util.Arrays;
import java.util.Objects;

/** Assertions for package-mpi rank programs: a failure throws, the rank exits non-zero, the test sees why. */
final class FacadeCheck {
  private FacadeCheck() {}

  static void equal(Object actual, Object expected, String what) {
    if (!Objects.deepEquals(actual, expected)) {
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
    return value != null && value.getClass().isArray() ? Arrays.deepToString(new Object[] {value}) : String.valueOf(value);
  }
}
