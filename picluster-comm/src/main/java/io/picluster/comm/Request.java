package io.picluster.comm;

import io.picluster.comm.internal.Pending;
import java.util.ArrayList;
import java.util.List;
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

  boolean wraps(Pending p) {
    return pending == p;
  }

  /**
   * Waits until done; returns the result. Throws {@link CommException} if it failed. A cancelled
   * receive returns at once: null for an object, a status saying {@code cancelled()} for an array.
   */
  public T await() {
    pending.await();
    return result.apply(pending);
  }

  /** True when done (then {@link #await()} returns at once); makes progress without blocking. */
  public boolean test() {
    return pending.test();
  }

  /** Who sent what, once a receive is done (null for a send). */
  public Status status() {
    pending.await();
    return status.apply(pending);
  }

  /**
   * Withdraws a receive that no message has matched yet (MPI_Cancel): returns true, and the request
   * is then done with {@code status().cancelled()} true. Returns false for a send, or a receive
   * already matched or done; that request completes as usual.
   */
  public boolean cancel() {
    return pending.cancel();
  }

  /** True if {@link #cancel()} withdrew this receive. */
  public boolean isCancelled() {
    return pending.isCancelled();
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

  /**
   * Waits until one of the requests is done, making progress (it spins a few microseconds, then
   * blocks in the transport); returns the lowest index of one that is done. It does not throw for
   * a failed request: its {@link #await()} does. Null entries are skipped; -1 if all are null or
   * the list is empty.
   */
  public static int awaitAny(List<? extends Request<?>> requests) {
    return Pending.awaitAny(pendings(requests));
  }

  /** One round of progress, then the lowest index of a request that is done, or -1 if none is. */
  public static int testAny(List<? extends Request<?>> requests) {
    return Pending.testAny(pendings(requests));
  }

  private static List<Pending> pendings(List<? extends Request<?>> requests) {
    List<Pending> pendings = new ArrayList<>(requests.size());
    for (Request<?> r : requests) {
      pendings.add(r == null ? null : r.pending);
    }
    return pendings;
  }
}
