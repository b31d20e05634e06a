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

  /** A receive or probe seen by picluster-comm, in MPI's terms; {@code elements} of {@code base}. */
  static Status of(io.picluster.comm.Status s, int elements, BaseType base) {
    return new Status(s.source(), s.tag(), elements, base, s.cancelled());
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
