package io.picluster.comm;

import io.picluster.comm.internal.Pending;
import java.util.function.Function;

/**
 * A non-blocking send or receive under way. {@link #await()} waits for it and gives its result (the
 * received object for an object receive, the {@link Status} for an array receive); {@link #test()}
 * says without waiting whether it is done. The array given to an {@code isend} or {@code irecv}
 * must not be touched until the request is done.
 */
public final class Request<T> {
  private final Pending pending;
  private final Function<Pending, T> result;
  private final Function<Pending, Status> status;

  Request(Pending pending, Function<Pending, T> result, Function<Pending, Status> status) {
    this.pending = pending;
    this.result = result;
    this.status = status;
  }

  /** Waits until done; returns the result. Throws {@link CommException} if it failed. */
  public T await() {
    pending.await();
    return result.apply(pending);
  }

  /** True when done (then {@link #await()} returns at once); makes progress without blocking. */
  public boolean test() {
    return pending.test();
  }

  /** Who sent what, once a receive is done. */
  public Status status() {
    pending.await();
    return status.apply(pending);
  }

  /** Waits for every request. */
  public static void awaitAll(Request<?>... requests) {
    for (Request<?> r : requests) {
      r.await();
    }
  }

  /** Waits for every request. */
  public static void awaitAll(Iterable<? extends Request<?>> requests) {
    for (Request<?> r : requests) {
      r.await();
    }
  }
}
