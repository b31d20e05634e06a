package io.picluster.it.mpi.ranks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named parts of a rank program, run in order (all of them, or those named on the command
 * line). Rank 0 prints "ok NAME" after each, so a failure shows how far the job got. A watchdog
 * ends a rank whose part hangs, naming the part, instead of leaving the test to its long timeout.
 */
final class Sections {
  /** Generous: a part takes well under a second when it works. */
  private static final long STUCK_MILLIS = 60_000;

  private final Map<String, Expect.Body> parts = new LinkedHashMap<>();
  private volatile String current = "start";
  private volatile long startedAt = System.currentTimeMillis();

  Sections add(String name, Expect.Body body) {
    parts.put(name, body);
    return this;
  }

  /** Runs the parts ARGS names (every part when ARGS is empty); RANK 0 reports each. */
  void run(String[] args, int rank) throws Exception {
    List<String> wanted = Arrays.asList(args);
    for (String name : wanted) {
      if (!parts.containsKey(name)) {
        throw new IllegalArgumentException("no part named " + name + "; parts: " + parts.keySet());
      }
    }
    startWatchdog(rank);
    for (Map.Entry<String, Expect.Body> part : parts.entrySet()) {
      if (!wanted.isEmpty() && !wanted.contains(part.getKey())) {
        continue;
      }
      current = part.getKey();
      startedAt = System.currentTimeMillis();
      part.getValue().run();
      if (rank == 0) {
        System.out.println("ok " + part.getKey());
      }
    }
    current = "finish";
    startedAt = System.currentTimeMillis();
  }

  /**
   * Runs the parts as {@link #run} does, then waits at BARRIER for every rank, so that rank 0's
   * "PROGRAM passed on SIZE ranks" line means every rank got through every part.
   */
  void runAndReport(String[] args, int rank, int size, String program, Expect.Body barrier)
      throws Exception {
    run(args, rank);
    barrier.run();
    if (rank == 0) {
      System.out.println(program + " passed on " + size + " ranks");
    }
  }

  private void startWatchdog(int rank) {
    Thread watchdog = new Thread(() -> {
      while (true) {
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          return;
        }
        if (System.currentTimeMillis() - startedAt > STUCK_MILLIS) {
          System.err.println("rank " + rank + ": part '" + current + "' did not finish within "
              + STUCK_MILLIS / 1000 + " s (a hang)");
          System.err.flush();
          Runtime.getRuntime().halt(97);
        }
      }
    }, "sections-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }
}
