package io.picluster.it.mpi.ranks;

import java.util.Arrays;
import java.util.Objects;

/**
 * Checks for the mpi rank programs: a wrong result throws an AssertionError naming the rank and
 * what was checked, so the rank ends non-zero and the test shows why.
 */
final class Expect {
  /** The rank that prints failures; set once MPI is up. */
  static int rank = -1;

  private Expect() {}

  static void equal(Object actual, Object expected, String what) {
    if (!Objects.deepEquals(actual, expected)) {
      fail(what + ": expected " + show(expected) + " but got " + show(actual));
    }
  }

  static void equal(long actual, long expected, String what) {
    if (actual != expected) {
      fail(what + ": expected " + expected + " but got " + actual);
    }
  }

  static void equal(double actual, double expected, String what) {
    if (Double.compare(actual, expected) != 0) {
      fail(what + ": expected " + expected + " but got " + actual);
    }
  }

  static void that(boolean condition, String what) {
    if (!condition) {
      fail(what);
    }
  }

  static AssertionError fail(String what) {
    throw new AssertionError("rank " + rank + ": " + what);
  }

  /** A body that may throw anything, for {@link #throwsMpiException}. */
  interface Body {
    void run() throws Exception;
  }

  /** Runs BODY, which must throw mpi.MPIException (errors set to return); returns its message. */
  static String throwsMpiException(Body body, String what) {
    try {
      body.run();
    } catch (mpi.MPIException e) {
      return String.valueOf(e.getMessage());
    } catch (Throwable t) {
      throw new AssertionError("rank " + rank + ": " + what + ": expected mpi.MPIException but got " + t, t);
    }
    throw fail(what + ": expected mpi.MPIException but nothing was thrown");
  }

  static String show(Object value) {
    if (value == null) {
      return "null";
    }
    if (value.getClass().isArray()) {
      String s = Arrays.deepToString(new Object[] {value});
      return s.substring(1, s.length() - 1);
    }
    return String.valueOf(value);
  }
}
