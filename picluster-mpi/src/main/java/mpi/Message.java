package mpi;

/**
 * A probed message (Open MPI's {@code Message}; MPI_Mprobe/MPI_Mrecv): {@code mProbe} finds a
 * message and {@code mRecv} receives exactly that one. picluster receives it with the source and
 * tag the probe found; since messages between two ranks on one communicator and tag arrive in order,
 * that is the probed message unless another thread of this rank receives from the same source and
 * tag in between.
 */
public final class Message {
  private Comm comm;
  private int source = MPI.ANY_SOURCE;
  private int tag = MPI.ANY_TAG;
  private boolean noProc;

  /** A null message, to probe with. */
  public Message() {}

  /** True until a probe has found a message, and again once it has been received. */
  public boolean isNull() {
    return comm == null && !noProc;
  }

  /** True when the probe was for MPI.PROC_NULL (MPI_MESSAGE_NO_PROC). */
  public boolean isNoProc() {
    return noProc;
  }

  /** Waits for a matching message and holds on to it. */
  public Status mProbe(int source, int tag, Comm comm) throws MPIException {
    try {
      return take(comm, comm.probeNow(source, tag), source);
    } catch (RuntimeException e) {
      throw Errors.handle(comm, "mProbe", e);
    }
  }

  /** Holds on to a matching message if one has arrived; null if none has. */
  public Status imProbe(int source, int tag, Comm comm) throws MPIException {
    try {
      Status s = comm.iprobeNow(source, tag);
      return s == null ? null : take(comm, s, source);
    } catch (RuntimeException e) {
      throw Errors.handle(comm, "imProbe", e);
    }
  }

  /** Receives the probed message. */
  public Status mRecv(Object buf, int count, Datatype type) throws MPIException {
    Comm c = comm;
    try {
      return receive().recvNow(Region.of(buf, 0, count, type), source, tag);
    } catch (RuntimeException e) {
      throw Errors.handle(c, "mRecv", e);
    } finally {
      clear();
    }
  }

  /** Starts receiving the probed message. */
  public Request imRecv(java.nio.Buffer buf, int count, Datatype type) throws MPIException {
    Comm c = comm;
    try {
      Comm from = receive();
      return from.request(from.startRecv(Region.of(buf, 0, count, type), source, tag));
    } catch (RuntimeException e) {
      throw Errors.handle(c, "imRecv", e);
    } finally {
      clear();
    }
  }

  private Status take(Comm comm, Status found, int probedSource) {
    if (probedSource == MPI.PROC_NULL) {
      this.comm = null;
      this.noProc = true;
      this.source = MPI.PROC_NULL;
      return found;
    }
    this.comm = comm;
    this.noProc = false;
    this.source = found.getSource();
    this.tag = found.getTag();
    return found;
  }

  /** The communicator to receive on; a PROC_NULL message is received from PROC_NULL. */
  private Comm receive() {
    if (noProc) {
      return MPI.COMM_SELF;
    }
    if (comm == null) {
      throw new MPIException(MPI.ERR_REQUEST, "no message was probed: call mProbe or imProbe first");
    }
    return comm;
  }

  private void clear() {
    comm = null;
    noProc = false;
  }
}
