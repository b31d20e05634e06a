package io.picluster.launch.threads;

/**
 * Where a threads-mode rank's calls of {@code System.exit}, {@code Runtime.exit} and
 * {@code Runtime.halt} go instead ({@link ExitCalls} rewrites them as its classes load): they end
 * the calling rank, not the JVM that hosts every rank. Public because the rewritten classes, in
 * other class loaders, call it.
 */
public final class RankExits {
  private RankExits() {}

  /** {@code System.exit(code)}: the rank leaves as a process would (its exit actions run). */
  public static void exit(int code) {
    ThreadRank rank = callersRank();
    if (rank == null) {
      System.exit(code);
      return;
    }
    rank.exit(code);
  }

  /** {@code runtime.exit(code)}. */
  public static void runtimeExit(Runtime runtime, int code) {
    exit(code);
  }

  /** {@code runtime.halt(code)}: the rank ends at once, without its exit actions. */
  public static void runtimeHalt(Runtime runtime, int code) {
    ThreadRank rank = callersRank();
    if (rank == null) {
      runtime.halt(code);
      return;
    }
    rank.halt(code);
  }

  /** The rank whose class called: by its class loader, which also covers pool threads. */
  private static ThreadRank callersRank() {
    Class<?> caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
            .filter(c -> c != RankExits.class)
            .findFirst()
            .orElse(null));
    if (caller != null && caller.getClassLoader() instanceof RankLoader loader) {
      return loader.rank();
    }
    return RankOutput.current();
  }
}
