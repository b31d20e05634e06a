package io.picluster.it.ranks;

import java.util.Arrays;
import java.util.Objects;

/**
 * Assertions for rank programs: a failure throws, the rank exits non-zero, the test sees why.
 * Public for the package-mpi rank programs in io.picluster.it.mpi.
 */
public final class Check {
  private Check() {}

  public static void equal(Object actual, Object expected, String what) {
    if (!Objects.deepEquals(actual, expected)) {
      throw new AssertionError(what + ": expected " + show(expected) + " but got " + show(actual));
    }
  }

  public static void that(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }

  /** Runs {@code body}, which must throw {@code type} with a message containing {@code text}. */
  public static void fails(Class<? extends Throwable> type, String text, Runnable body, String what) {
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
    // deepToString shows any array, nested or not; the wrapper's brackets are cut off again.
    String shown = Arrays.deepToString(new Object[] {value});
    return shown.substring(1, shown.length() - 1);
  }
}
