package io.picluster.jobs;

import java.util.BitSet;

/**
 * What one rank received in one round, against the plan: each sender's sequence numbers must
 * arrive once each (else lost or duplicated), intact (else corrupted), and in the order sent,
 * as far as MPI's non-overtaking rule promises it for the receives used (else reordered).
 */
final class SoakTally {
  long lost;
  long duplicated;
  long reordered;
  long corrupted;
  long messages;
  long bytes;

  private long[] first;
  private int[] expected;
  private BitSet[] seen;
  private long[] last;

  /** Starts a round: from each sender, EXPECTED[src] messages numbered from FIRST[src]. */
  void begin(long[] first, int[] expected) {
    this.first = first.clone();
    this.expected = expected.clone();
    seen = new BitSet[first.length];
    last = new long[first.length];
    for (int i = 0; i < seen.length; i++) {
      seen[i] = new BitSet();
      last[i] = -1;
    }
  }

  /**
   * One received message, in the order the rule covers: arrival order for receives that match any
   * message of the sender, posting order for receives posted ahead.
   */
  void received(int src, SoakMessage.Check check, int length) {
    messages++;
    bytes += length;
    if (src < 0 || src >= seen.length) {
      corrupted++;
      return;
    }
    long index = check.seq() - first[src];
    if (!check.intact() || index < 0 || index >= expected[src]) {
      corrupted++;
      return;
    }
    if (seen[src].get((int) index)) {
      duplicated++;
      return;
    }
    seen[src].set((int) index);
    if (check.seq() < last[src]) {
      reordered++;
    }
    last[src] = Math.max(last[src], check.seq());
  }

  /** Ends the round: whatever did not arrive is lost. */
  void end() {
    for (int src = 0; src < seen.length; src++) {
      lost += expected[src] - seen[src].cardinality();
    }
  }
}
