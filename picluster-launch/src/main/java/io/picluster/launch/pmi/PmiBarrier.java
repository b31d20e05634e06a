package io.picluster.launch.pmi;

import java.util.ArrayList;
import java.util.List;

/**
 * The global PMI barrier: counts {@code barrier_in} per epoch and releases all N ranks together.
 * MPICH issues three to five of them and the count depends on the node map, so no fixed number of
 * barriers is assumed.
 */
final class PmiBarrier {
  private final int size;
  private final List<PmiConnection> waiting = new ArrayList<>();
  private final boolean[] entered;
  private long epoch;

  PmiBarrier(int size) {
    this.size = size;
    this.entered = new boolean[size];
  }

  /**
   * Records that {@code rank} entered; when it is the last one, returns the connections to release
   * (and starts the next epoch), otherwise an empty list.
   */
  synchronized List<PmiConnection> enter(int rank, PmiConnection connection) {
    if (entered[rank]) {
      throw new IllegalStateException("rank " + rank + " entered barrier " + epoch + " twice");
    }
    entered[rank] = true;
    waiting.add(connection);
    if (waiting.size() < size) {
      return List.of();
    }
    List<PmiConnection> release = new ArrayList<>(waiting);
    waiting.clear();
    java.util.Arrays.fill(entered, false);
    epoch++;
    return release;
  }

  synchronized long epoch() {
    return epoch;
  }
}
