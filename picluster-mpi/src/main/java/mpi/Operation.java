package mpi;

import java.util.function.Supplier;

/**
 * One started send or receive, or an operation that finished when it started (a message to
 * PROC_NULL, a non-blocking collective done at once): what a {@link Request} waits for.
 */
final class Operation {
  /** The transfer under way in picluster-comm; null when finished at the start. */
  private final io.picluster.comm.Request<?> pending;
  /** After {@link #pending} is done: copies data into place and says what arrived. */
  private final Supplier<Status> finish;
  private Status result;

  Operation(io.picluster.comm.Request<?> pending, Supplier<Status> finish) {
    this.pending = pending;
    this.finish = finish;
  }

  /** An operation that is already complete with {@code status}. */
  static Operation done(Status status) {
    Operation op = new Operation(null, null);
    op.result = status;
    return op;
  }

  /** The picluster-comm request to wait on, or null when there is nothing to wait for. */
  io.picluster.comm.Request<?> pending() {
    return result == null ? pending : null;
  }

  /** Makes progress without blocking; true when {@link #await()} would return at once. */
  boolean test() {
    return result != null || pending == null || pending.test();
  }

  /** Waits for completion and returns the status (computed once). */
  Status await() {
    if (result == null) {
      if (pending != null) {
        pending.await();
      }
      result = finish.get();
    }
    return result;
  }

  /** Withdraws a receive that no message has matched yet; true if it was withdrawn. */
  boolean cancel() {
    return result == null && pending != null && pending.cancel();
  }
}
