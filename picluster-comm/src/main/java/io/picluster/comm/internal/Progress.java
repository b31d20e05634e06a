package io.picluster.comm.internal;

import java.util.function.BooleanSupplier;

/** Something that moves messages along when a waiting thread asks it to. */
interface Progress {
  /** Moves messages until {@code done} holds. */
  void progressUntil(BooleanSupplier done);

  /** One round that does not block. */
  void poll();
}
