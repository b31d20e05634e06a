package mpi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The buffer MPI.Buffer_attach / MPI.attachBuffer gives for buffered sends. picluster copies a
 * buffered message out of the user's array at once (so Bsend returns without waiting for the
 * receiver), and charges its packed size plus MPI.BSEND_OVERHEAD against the attached capacity
 * until the message has left this process, as MPI requires: a Bsend that does not fit is an error.
 */
final class AttachedBuffer {
  private Object attached;
  private int capacity;
  private long used;
  private final List<InFlight> inFlight = new ArrayList<>();

  private static final class InFlight {
    final io.picluster.comm.Request<?> send;
    final long bytes;

    InFlight(io.picluster.comm.Request<?> send, long bytes) {
      this.send = send;
      this.bytes = bytes;
    }
  }

  /** The serialized size of MPI.OBJECT data: what a buffered send of it occupies. */
  static long serializedSize(Object value) {
    CountingStream counter = new CountingStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(counter)) {
      out.writeObject(value);
    } catch (java.io.IOException e) {
      throw new MPIException(MPI.ERR_TYPE, "MPI.OBJECT data that cannot be serialized: " + e.getMessage());
    }
    return counter.bytes;
  }

  private static final class CountingStream extends java.io.OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }

  synchronized void attach(Object buffer, int bytes) {
    if (attached != null) {
      throw new MPIException(MPI.ERR_BUFFER, "a buffer of " + capacity + " bytes is already attached; detach it first");
    }
    if (buffer == null) {
      throw new MPIException(MPI.ERR_BUFFER, "the buffer to attach is null");
    }
    attached = buffer;
    capacity = bytes;
  }

  /** Waits until every buffered message has left, then hands the buffer back (null if none was attached). */
  Object detach() {
    drain();
    synchronized (this) {
      Object buffer = attached;
      attached = null;
      capacity = 0;
      used = 0;
      return buffer;
    }
  }

  /** Waits until every buffered message has left this process. */
  void drain() {
    List<InFlight> all;
    synchronized (this) {
      all = new ArrayList<>(inFlight);
    }
    for (InFlight m : all) {
      m.send.await();
    }
    synchronized (this) {
      releaseFinished();
    }
  }

  /** Reserves room for a message of {@code bytes} packed bytes; a clear error when it does not fit. */
  synchronized long reserve(long bytes) {
    long needed = bytes + MPI.BSEND_OVERHEAD;
    releaseFinished();
    if (attached == null) {
      throw new MPIException(MPI.ERR_BUFFER, "a buffered send needs a buffer: attach one with MPI.Buffer_attach "
          + "(MPJ Express) or MPI.attachBuffer (Open MPI) of at least " + needed + " bytes");
    }
    if (used + needed > capacity) {
      throw new MPIException(MPI.ERR_BUFFER, "the attached buffer is too small: this buffered send needs " + needed
          + " bytes (message and MPI.BSEND_OVERHEAD) but only " + (capacity - used) + " of " + capacity
          + " bytes are free; attach a larger buffer");
    }
    used += needed;
    return needed;
  }

  /** Gives back a reservation whose send could not start. */
  synchronized void release(long reserved) {
    used -= reserved;
  }

  /** Records a buffered message under way, charged {@code reserved} bytes until it has left. */
  synchronized void track(io.picluster.comm.Request<?> send, long reserved) {
    inFlight.add(new InFlight(send, reserved));
  }

  private void releaseFinished() {
    for (Iterator<InFlight> it = inFlight.iterator(); it.hasNext(); ) {
      InFlight m = it.next();
      if (m.send.test()) {
        used -= m.bytes;
        it.remove();
      }
    }
  }
}
