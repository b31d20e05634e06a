package io.picluster.launch.pmi;

import io.picluster.comm.internal.KernelRandom;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The job's PMI ids: one unguessable number per rank, which only that rank's environment holds.
 * MPICH's client reads {@code PMI_ID} with {@code atoi} and sends it back with {@code %d}, so an id
 * must be a positive 31-bit int: 1..2^31-1, distinct within the job. A stranger who can reach the
 * PMI port guesses right with odds of ranks/2^31 per try, and {@link HandshakeFailures} bounds the
 * tries.
 */
public final class PmiIds {
  private final int[] idOfRank;
  private final Map<Integer, Integer> rankOfId = new HashMap<>();

  private PmiIds(int[] idOfRank) {
    this.idOfRank = idOfRank;
    for (int r = 0; r < idOfRank.length; r++) {
      if (idOfRank[r] <= 0 || rankOfId.put(idOfRank[r], r) != null) {
        throw new IllegalArgumentException("PMI ids must be positive and distinct");
      }
    }
  }

  /** Fresh random ids for {@code size} ranks. */
  public static PmiIds random(int size) {
    int[] ids = new int[size];
    Set<Integer> used = new HashSet<>();
    ByteBuffer random = ByteBuffer.allocate(0);
    for (int r = 0; r < size; r++) {
      int id;
      do {
        if (random.remaining() < Integer.BYTES) {
          random = ByteBuffer.wrap(KernelRandom.bytes(Integer.BYTES * (size - r + 1)));
        }
        id = random.getInt() & Integer.MAX_VALUE; // 0..2^31-1; 0 is drawn again
      } while (id == 0 || !used.add(id));
      ids[r] = id;
    }
    return new PmiIds(ids);
  }

  /** Given ids, rank by rank: for tests that speak PMI by hand. */
  public static PmiIds of(int... ids) {
    return new PmiIds(ids.clone());
  }

  public int size() {
    return idOfRank.length;
  }

  /** The {@code PMI_ID} rank {@code rank} gets. */
  public int idOf(int rank) {
    return idOfRank[rank];
  }

  /** The rank that {@code id} belongs to, or -1 for an id of no rank. */
  public int rankOf(long id) {
    if (id < 1 || id > Integer.MAX_VALUE) {
      return -1;
    }
    Integer rank = rankOfId.get((int) id);
    return rank == null ? -1 : rank;
  }
}
