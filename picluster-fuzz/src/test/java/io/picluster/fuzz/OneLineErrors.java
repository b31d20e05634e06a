package io.picluster.fuzz;

/** The fuzz tests' one invariant on refusals: the documented exception, with one line saying why. */
public final class OneLineErrors {
  private OneLineErrors() {}

  /** Rethrows {@code e} as a finding unless it is one of {@code allowed} with a one-line message. */
  @SafeVarargs
  public static void check(Throwable e, Class<? extends Throwable>... allowed) {
    for (Class<? extends Throwable> type : allowed) {
      if (type.isInstance(e)) {
        String m = e.getMessage();
        if (m == null || m.isBlank() || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) {
          throw new AssertionError("not a one-line message: " + e, e);
        }
        return;
      }
    }
    throw new AssertionError("an undocumented failure: " + e, e);
  }

  /** Fails unless {@code line} is one non-empty line of text, as picluster prints an error. */
  public static void checkLine(String line) {
    if (line == null || line.isBlank() || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
      throw new AssertionError("not one line: " + line);
    }
  }
}
