package mpi;

import java.util.function.Supplier;

/**
 * A persistent request ({@code Send_init}, {@code Recv_init} ... / {@code sendInit}, {@code recvInit} ...):
 * each {@code Start()}/{@code start()} begins the same operation again, reading (or filling) the
 * buffer anew. A completed persistent request is inactive, not null, and can be started again.
 */
public final class Prequest extends Request {
  private final Supplier<Operation> starter;

  Prequest(Comm comm, Supplier<Operation> starter) {
    super(comm, null);
    this.starter = starter;
  }

  /** Starts the operation; the request must be inactive. */
  public void Start() throws MPIException {
    try {
      begin();
    } catch (RuntimeException e) {
      throw Errors.handle(comm, "Start", e);
    }
  }

  /** Starts every request, in order. */
  public static void Startall(Prequest[] requests) throws MPIException {
    for (Prequest r : requests) {
      r.Start();
    }
  }

  /** Starts the operation; the request must be inactive. */
  public void start() throws MPIException {
    try {
      begin();
    } catch (RuntimeException e) {
      throw Errors.handle(comm, "start", e);
    }
  }

  /** Starts every request, in order. */
  public static void startAll(Prequest[] requests) throws MPIException {
    for (Prequest r : requests) {
      r.start();
    }
  }

  private void begin() {
    if (isNull()) {
      throw new MPIException("the persistent request was freed");
    }
    if (isActive()) {
      throw new MPIException("the persistent request is still active; wait for it before starting it again");
    }
    operation = starter.get();
  }

  /** A completed persistent request stays usable. */
  @Override
  void deactivate() {
    operation = null;
  }
}
