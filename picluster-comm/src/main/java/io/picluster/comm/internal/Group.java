package io.picluster.comm.internal;

import java.util.Arrays;

/**
 * The ranks of one communicator and its two contexts: point-to-point messages travel in one,
 * collective traffic in the other, so a collective never takes a user's message.
 */
public final class Group {
  private final Engine engine;
  private final int id;
  private final int[] worldRanks;
  private final int[] commRanks;
  private final int rank;

  /** A group of {@code worldRanks} in that order; this process's rank in it is -1 if it is not a member. */
  public Group(Engine engine, int id, int[] worldRanks) {
    this.engine = engine;
    this.id = id;
    this.worldRanks = worldRanks.clone();
    this.commRanks = new int[engine.size()];
    Arrays.fill(commRanks, -1);
    for (int r = 0; r < worldRanks.length; r++) {
      commRanks[worldRanks[r]] = r;
    }
    this.rank = commRanks[engine.rank()];
  }

  /** The group of every rank of the job. */
  public static Group world(Engine engine) {
    int[] all = new int[engine.size()];
    for (int r = 0; r < all.length; r++) {
      all[r] = r; // a loop, not a lambda: each rank as a thread would spin its own lambda class
    }
    return new Group(engine, 0, all);
  }

  public Engine engine() {
    return engine;
  }

  public int id() {
    return id;
  }

  public int rank() {
    return rank;
  }

  public int size() {
    return worldRanks.length;
  }

  public int worldRank(int commRank) {
    return worldRanks[commRank];
  }

  /** The world rank of every member, in this group's order (a copy). */
  public int[] worldRanks() {
    return worldRanks.clone();
  }

  /** This communicator's rank for a world rank (a message's source). */
  public int commRank(int worldRank) {
    return worldRank < 0 ? worldRank : commRanks[worldRank];
  }

  public int pointToPointContext() {
    return 2 * id;
  }

  public int collectiveContext() {
    return 2 * id + 1;
  }

  /** "rank 2 on 10.0.0.3" for a rank of this communicator. */
  public String rankName(int commRank) {
    return engine.rankName(worldRank(commRank));
  }
}
