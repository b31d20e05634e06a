package io.picluster.comm.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The group ids (and so message contexts) one process has used. A new communicator's id is agreed
 * by its members as the largest of their proposals, so it is new to every one of them.
 */
public final class GroupIds {
  private final AtomicInteger next = new AtomicInteger(1); // 0 is the world's

  /** The lowest id this process has not used: the floor every member's proposal must top. */
  public int propose() {
    return next.get();
  }

  /** Records that {@code id} is taken by a new communicator. */
  public void take(int id) {
    next.accumulateAndGet(id + 1, Math::max);
  }
}
