package io.picluster.comm.internal;

import java.util.function.BooleanSupplier;

/** Something that moves messages along when a waiting thread asks it to. */
interface Progress {
  /**
   * Moves messages until {@code done} holds.
   *
   * @param expectedSource the world rank whose message would complete it, or -1 if not one rank
   */
  void progressUntil(BooleanSupplier done, int expectedSource);

  /** One round that does not block. */
  void poll();

  /** Withdraws a posted receive that nothing has matched; false if there is none such. */
  boolean withdraw(Pending receive);
}
