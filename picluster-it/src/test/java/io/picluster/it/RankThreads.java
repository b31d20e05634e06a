package io.picluster.it;

import java.util.ArrayList;
import java.util.List;

/** The threads-mode ranks' threads still alive in this JVM (their thread groups are "rank-N"). */
final class RankThreads {
  private RankThreads() {}

  static List<Thread> alive() {
    List<Thread> left = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      ThreadGroup g = t.getThreadGroup();
      if (t.isAlive() && g != null && g.getName().startsWith("rank-")) {
        left.add(t);
      }
    }
    return left;
  }
}
