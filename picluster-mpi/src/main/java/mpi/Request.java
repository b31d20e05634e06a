package mpi;

import java.util.ArrayList;
import java.util.List;

/**
 * A non-blocking operation under way, in both vocabularies: MPJ Express's {@code Wait()},
 * {@code Test()} (null while incomplete), {@code Waitany} (index in {@code Status.index}) ... and
 * Open MPI's {@code waitFor()}, {@code test()} (a boolean), {@code waitAny} (returns the index) ...
 *
 * <p>Once a wait or test has seen it complete, a request becomes inactive: a plain request turns
 * into a null request ({@code Is_null()}/{@code isNull()} true), a persistent one ({@link Prequest})
 * can be started again. Waiting on an inactive request returns an empty status at once, and the
 * {@code *any}/{@code *some} calls skip it, as MPI says.
 */
public class Request implements Freeable {
  /** The communicator whose error handler applies; null for MPI.REQUEST_NULL. */
  final Comm comm;
  /** What is under way; null when inactive. */
  Operation operation;
  /** True for a request that can never be active again (MPI_REQUEST_NULL). */
  private boolean isNull;

  /** MPI.REQUEST_NULL and requests that are freed. */
  Request() {
    this.comm = null;
    this.isNull = true;
  }

  Request(Comm comm, Operation operation) {
    this.comm = comm;
    this.operation = operation;
  }

  /** A request that completed when it was made (what the i* collectives return). */
  static Request completed(Comm comm) {
    return new Request(comm, Operation.done(Statuses.empty()));
  }

  // ---------------------------------------------------------------- MPJ Express

  /** Waits until the operation is complete; the request becomes inactive. */
  public Status Wait() throws MPIException {
    try {
      return complete();
    } catch (RuntimeException e) {
      throw error("Wait", e);
    }
  }

  /** The status if the operation is complete (the request becomes inactive), else null. */
  public Status Test() throws MPIException {
    try {
      return testComplete();
    } catch (RuntimeException e) {
      throw error("Test", e);
    }
  }

  /** True for MPI.REQUEST_NULL and for a completed (non-persistent) request. */
  public boolean Is_null() throws MPIException {
    return isNull();
  }

  /** Withdraws a receive not yet matched (a wait then completes it with {@code Test_cancelled()} true). */
  public void Cancel() throws MPIException {
    try {
      cancelOperation();
    } catch (RuntimeException e) {
      throw error("Cancel", e);
    }
  }

  /** Nothing to release: kept for MPJ Express, whose Request declares it. */
  @Override
  @SuppressWarnings({"deprecation", "removal"})
  public void finalize() throws MPIException {}

  /** Waits until one active request completes; its index is in {@code status.index} (MPI.UNDEFINED if none was active). */
  public static Status Waitany(Request[] requests) throws MPIException {
    try {
      return waitAnyStatusOf(requests);
    } catch (RuntimeException e) {
      throw arrayError("Waitany", requests, e);
    }
  }

  /** The status of an active request that has completed (index in {@code status.index}), or null. */
  public static Status Testany(Request[] requests) throws MPIException {
    try {
      return testAnyStatusOf(requests);
    } catch (RuntimeException e) {
      throw arrayError("Testany", requests, e);
    }
  }

  /** Waits for every request; inactive ones give empty statuses. */
  public static Status[] Waitall(Request[] requests) throws MPIException {
    try {
      return waitAllOf(requests);
    } catch (RuntimeException e) {
      throw arrayError("Waitall", requests, e);
    }
  }

  /** Every status if all requests have completed, else null (and no request changes). */
  public static Status[] Testall(Request[] requests) throws MPIException {
    try {
      return testAllOf(requests);
    } catch (RuntimeException e) {
      throw arrayError("Testall", requests, e);
    }
  }

  /** Waits until at least one completes; the statuses of all that have, indexes in {@code status.index}. */
  public static Status[] Waitsome(Request[] requests) throws MPIException {
    try {
      Status[] some = waitSomeOf(requests);
      return some == null ? new Status[0] : some;
    } catch (RuntimeException e) {
      throw arrayError("Waitsome", requests, e);
    }
  }

  /** The statuses of the requests that have completed (possibly none). */
  public static Status[] Testsome(Request[] requests) throws MPIException {
    try {
      return testSomeOf(requests);
    } catch (RuntimeException e) {
      throw arrayError("Testsome", requests, e);
    }
  }

  // ---------------------------------------------------------------- Open MPI

  /** Waits until the operation is complete; the request becomes inactive. */
  public final void waitFor() throws MPIException {
    try {
      complete();
    } catch (RuntimeException e) {
      throw error("waitFor", e);
    }
  }

  /** Waits until the operation is complete and returns its status; the request becomes inactive. */
  public final Status waitStatus() throws MPIException {
    try {
      return complete();
    } catch (RuntimeException e) {
      throw error("waitStatus", e);
    }
  }

  /** True if the operation is complete (the request then becomes inactive). */
  public final boolean test() throws MPIException {
    try {
      return testComplete() != null;
    } catch (RuntimeException e) {
      throw error("test", e);
    }
  }

  /** The status if the operation is complete (the request then becomes inactive), else null. */
  public final Status testStatus() throws MPIException {
    try {
      return testComplete();
    } catch (RuntimeException e) {
      throw error("testStatus", e);
    }
  }

  /** The status if complete, else null, without making the request inactive (MPI_Request_get_status). */
  public final Status getStatus() throws MPIException {
    try {
      Operation op = operation;
      if (op == null) {
        return Statuses.empty();
      }
      return op.test() ? op.await() : null;
    } catch (RuntimeException e) {
      throw error("getStatus", e);
    }
  }

  /** Withdraws a receive not yet matched. */
  public final void cancel() throws MPIException {
    try {
      cancelOperation();
    } catch (RuntimeException e) {
      throw error("cancel", e);
    }
  }

  /** Releases the request: an operation under way still completes, but can no longer be waited for. */
  @Override
  public void free() throws MPIException {
    operation = null;
    isNull = true;
  }

  /** True for MPI.REQUEST_NULL and for a completed (non-persistent) or freed request. */
  public final boolean isNull() {
    return isNull;
  }

  public static void waitAll(Request[] requests) throws MPIException {
    try {
      waitAllOf(requests);
    } catch (RuntimeException e) {
      throw arrayError("waitAll", requests, e);
    }
  }

  public static Status[] waitAllStatus(Request[] requests) throws MPIException {
    try {
      return waitAllOf(requests);
    } catch (RuntimeException e) {
      throw arrayError("waitAllStatus", requests, e);
    }
  }

  /** Waits until one active request completes; returns its index, or MPI.UNDEFINED if none was active. */
  public static int waitAny(Request[] requests) throws MPIException {
    try {
      Status s = waitAnyStatusOf(requests);
      return s.index;
    } catch (RuntimeException e) {
      throw arrayError("waitAny", requests, e);
    }
  }

  public static Status waitAnyStatus(Request[] requests) throws MPIException {
    try {
      return waitAnyStatusOf(requests);
    } catch (RuntimeException e) {
      throw arrayError("waitAnyStatus", requests, e);
    }
  }

  /** True if every request has completed (they then become inactive). */
  public static boolean testAll(Request[] requests) throws MPIException {
    try {
      return testAllOf(requests) != null;
    } catch (RuntimeException e) {
      throw arrayError("testAll", requests, e);
    }
  }

  public static Status[] testAllStatus(Request[] requests) throws MPIException {
    try {
      return testAllOf(requests);
    } catch (RuntimeException e) {
      throw arrayError("testAllStatus", requests, e);
    }
  }

  /** The index of an active request that has completed, or MPI.UNDEFINED. */
  public static int testAny(Request[] requests) throws MPIException {
    try {
      Status s = testAnyStatusOf(requests);
      return s == null ? MPI.UNDEFINED : s.index;
    } catch (RuntimeException e) {
      throw arrayError("testAny", requests, e);
    }
  }

  public static Status testAnyStatus(Request[] requests) throws MPIException {
    try {
      return testAnyStatusOf(requests);
    } catch (RuntimeException e) {
      throw arrayError("testAnyStatus", requests, e);
    }
  }

  /** Indexes of the requests that completed once at least one has; null if none was active. */
  public static int[] waitSome(Request[] requests) throws MPIException {
    try {
      return indexes(waitSomeOf(requests));
    } catch (RuntimeException e) {
      throw arrayError("waitSome", requests, e);
    }
  }

  public static Status[] waitSomeStatus(Request[] requests) throws MPIException {
    try {
      return waitSomeOf(requests);
    } catch (RuntimeException e) {
      throw arrayError("waitSomeStatus", requests, e);
    }
  }

  /** Indexes of the requests that have completed (possibly none); null if none was active. */
  public static int[] testSome(Request[] requests) throws MPIException {
    try {
      return activeCount(requests) == 0 ? null : indexes(testSomeOf(requests));
    } catch (RuntimeException e) {
      throw arrayError("testSome", requests, e);
    }
  }

  public static Status[] testSomeStatus(Request[] requests) throws MPIException {
    try {
      return activeCount(requests) == 0 ? null : testSomeOf(requests);
    } catch (RuntimeException e) {
      throw arrayError("testSomeStatus", requests, e);
    }
  }

  // ---------------------------------------------------------------- one implementation

  /** Waits for the operation and makes the request inactive; an empty status if it was inactive. */
  Status complete() {
    Operation op = operation;
    if (op == null) {
      return Statuses.empty();
    }
    Status status = op.await();
    deactivate();
    return status;
  }

  /** The status and inactive if complete; null if still under way; empty if inactive. */
  Status testComplete() {
    Operation op = operation;
    if (op == null) {
      return Statuses.empty();
    }
    return op.test() ? complete() : null;
  }

  boolean isActive() {
    return operation != null;
  }

  /** After completion: a plain request becomes a null request; {@link Prequest} overrides. */
  void deactivate() {
    operation = null;
    isNull = true;
  }

  private void cancelOperation() {
    Operation op = operation;
    if (op != null) {
      op.cancel();
    }
  }

  private MPIException error(String call, RuntimeException e) {
    return Errors.handle(comm, call, e);
  }

  private static MPIException arrayError(String call, Request[] requests, RuntimeException e) {
    Comm comm = null;
    if (requests != null) {
      for (Request r : requests) {
        if (r != null && r.comm != null) {
          comm = r.comm;
          break;
        }
      }
    }
    return Errors.handle(comm, call, e);
  }

  private static boolean active(Request r) {
    return r != null && r.operation != null;
  }

  private static int activeCount(Request[] requests) {
    int n = 0;
    for (Request r : requests) {
      if (active(r)) {
        n++;
      }
    }
    return n;
  }

  private static Status indexed(Status s, int index) {
    s.index = index;
    return s;
  }

  private static Status waitAnyStatusOf(Request[] requests) {
    List<io.picluster.comm.Request<?>> pendings = new ArrayList<>();
    List<Integer> where = new ArrayList<>();
    for (int i = 0; i < requests.length; i++) {
      Request r = requests[i];
      if (!active(r)) {
        continue;
      }
      io.picluster.comm.Request<?> p = r.operation.pending();
      if (p == null) {
        return indexed(r.complete(), i); // finished when it started
      }
      pendings.add(p);
      where.add(i);
    }
    if (pendings.isEmpty()) {
      return indexed(Statuses.empty(), MPI.UNDEFINED);
    }
    int i = where.get(io.picluster.comm.Request.awaitAny(pendings));
    return indexed(requests[i].complete(), i);
  }

  private static Status testAnyStatusOf(Request[] requests) {
    for (int i = 0; i < requests.length; i++) {
      Request r = requests[i];
      if (active(r) && r.operation.test()) {
        return indexed(r.complete(), i);
      }
    }
    return null;
  }

  private static Status[] waitAllOf(Request[] requests) {
    Status[] statuses = new Status[requests.length];
    for (int i = 0; i < requests.length; i++) {
      Request r = requests[i];
      statuses[i] = r == null ? Statuses.empty() : r.complete();
    }
    return statuses;
  }

  private static Status[] testAllOf(Request[] requests) {
    for (Request r : requests) {
      if (active(r) && !r.operation.test()) {
        return null;
      }
    }
    return waitAllOf(requests);
  }

  /** Null when no request was active. */
  private static Status[] waitSomeOf(Request[] requests) {
    if (activeCount(requests) == 0) {
      return null;
    }
    Status first = waitAnyStatusOf(requests);
    List<Status> done = new ArrayList<>();
    done.add(first);
    for (int i = 0; i < requests.length; i++) {
      Request r = requests[i];
      if (active(r) && r.operation.test()) {
        done.add(indexed(r.complete(), i));
      }
    }
    done.sort((a, b) -> Integer.compare(a.index, b.index));
    return done.toArray(new Status[0]);
  }

  private static Status[] testSomeOf(Request[] requests) {
    List<Status> done = new ArrayList<>();
    for (int i = 0; i < requests.length; i++) {
      Request r = requests[i];
      if (active(r) && r.operation.test()) {
        done.add(indexed(r.complete(), i));
      }
    }
    return done.toArray(new Status[0]);
  }

  private static int[] indexes(Status[] statuses) {
    if (statuses == null) {
      return null;
    }
    int[] indexes = new int[statuses.length];
    for (int i = 0; i < statuses.length; i++) {
      indexes[i] = statuses[i].index;
    }
    return indexes;
  }
}
