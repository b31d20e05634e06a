package mpi;

/** The statuses the communicating classes make. */
final class Statuses {
  private Statuses() {}

  /** MPI's empty status: any source, any tag, nothing received (inactive requests). */
  static Status empty() {
    return new Status(MPI.ANY_SOURCE, MPI.ANY_TAG, 0, BaseType.BYTE, false);
  }

  /** A send or receive with MPI.PROC_NULL: source PROC_NULL, any tag, count 0. */
  static Status procNull() {
    return new Status(MPI.PROC_NULL, MPI.ANY_TAG, 0, BaseType.BYTE, false);
  }

  /** What a send completes with (MPI leaves a send's status undefined; this one is empty). */
  static Status sent() {
    return empty();
  }

  /** A receive into {@code region} seen by picluster-comm, in MPI's terms: {@code elements} arrived. */
  static Status received(io.picluster.comm.Status s, int elements, Region region) {
    Status status = new Status(s.source(), s.tag(), elements, region.base(), s.cancelled());
    status.setReceiveType(region.type);
    return status;
  }

  /** A probed message: its element count when it is an array, unknown for an object message. */
  static Status probed(io.picluster.comm.Status s) {
    Class<?> type = s.elementType();
    if (type == Object.class || type == null) {
      return new Status(s.source(), s.tag(), MPI.UNDEFINED, BaseType.OBJECT, false);
    }
    return new Status(s.source(), s.tag(), s.count(), BaseType.ofArray(java.lang.reflect.Array.newInstance(type, 0)), false);
  }
}
