package mpi;

/**
 * What a receive (or probe) matched: source, tag, how much data. MPJ Express programs read the
 * public fields ({@code status.source}, {@code status.tag}, {@code status.index} after Waitany,
 * {@code status.count}); Open MPI programs call the getters, which read the same fields.
 */
public final class Status implements Freeable {
  /** Rank of the sender (in the communicator received on). */
  public int source;
  public int tag;
  /** Index of the completed request after Waitany/Testany (MPJ Express), else -1. */
  public int index;
  /** Items received, of the receive's datatype (elements until the receive says which type). */
  public int count;
  /** MPJ Express: bytes received. */
  public int countInBytes;
  /** MPJ Express: elements received. */
  public int numEls;

  private int elements;
  private BaseType base;
  private boolean cancelled;
  private int error;

  /** An empty status (MPJ Express's public constructor). */
  public Status() {
    this(MPI.ANY_SOURCE, MPI.ANY_TAG, 0, null, false);
  }

  /** A receive's status: elements of base received (objects for OBJECT). */
  Status(int source, int tag, int elements, BaseType base, boolean cancelled) {
    this.source = source;
    this.tag = tag;
    this.index = MPI.UNDEFINED;
    this.elements = elements;
    this.base = base;
    this.cancelled = cancelled;
    this.count = elements;
    this.numEls = elements;
    this.countInBytes = base == null ? 0 : elements * base.bytes();
  }

  /**
   * Tells the status the receive's datatype, so MPJ Express's {@code count} field holds items of it
   * (as MPJ Express sets it), not elements; Get_count is unaffected.
   */
  void setReceiveType(Datatype type) {
    count = Get_count(type);
  }

  /** Elements of the base type this status counts. */
  int elements() {
    return elements;
  }

  BaseType baseType() {
    return base;
  }

  // ---------------------------------------------------------------- MPJ Express

  /** Number of whole items of type received, or MPI.UNDEFINED if the data is not a whole number of them. */
  public int Get_count(Datatype datatype) throws MPIException {
    long n = elementsIn(datatype);
    int size = datatype.sizeInElements();
    if (size == 0) {
      return n == 0 ? 0 : MPI.UNDEFINED;
    }
    return n % size == 0 ? (int) (n / size) : MPI.UNDEFINED;
  }

  /** Number of basic elements received (partial items count). */
  public int Get_elements(Datatype datatype) throws MPIException {
    long n = elementsIn(datatype);
    if (n < 0) {
      return MPI.UNDEFINED;
    }
    return (int) datatype.primitivesIn(n);
  }

  public boolean Test_cancelled() throws MPIException {
    return cancelled;
  }

  @Override
  public void free() {
  }

  // ---------------------------------------------------------------- Open MPI

  public int getSource() {
    return source;
  }

  public int getTag() {
    return tag;
  }

  public int getError() {
    return error;
  }

  public int getIndex() {
    return index;
  }

  public int getCount(Datatype datatype) throws MPIException {
    return Get_count(datatype);
  }

  public int getElements(Datatype datatype) throws MPIException {
    return Get_elements(datatype);
  }

  public Count getElementsX(Datatype datatype) throws MPIException {
    return new Count(Get_elements(datatype));
  }

  public boolean isCancelled() throws MPIException {
    return cancelled;
  }

  public void setCancelled(boolean flag) throws MPIException {
    cancelled = flag;
  }

  /** Sets the status to count basic elements of datatype (MPI_Status_set_elements). */
  public void setElements(Datatype datatype, int count) throws MPIException {
    setElements(datatype, (long) count);
  }

  public void setElementsX(Datatype datatype, Count count) throws MPIException {
    setElements(datatype, count.getCount());
  }

  private void setElements(Datatype datatype, long primitives) {
    BaseType b = datatype.baseType();
    BaseType p = datatype.map.uniformPrimitive();
    long n = primitives;
    if (p != null && p != b && b.bytes() > 0) {
      n = primitives * p.bytes() / b.bytes();
    }
    elements = Math.toIntExact(n);
    base = b;
    count = elements;
    numEls = elements;
    countInBytes = elements * b.bytes();
  }

  void setError(int error) {
    this.error = error;
  }

  /** The received amount in elements of datatype's base type (-1 when it cannot be expressed so). */
  private long elementsIn(Datatype datatype) {
    BaseType t = datatype.baseType();
    if (base == null || base == t) {
      return elements;
    }
    if (base.bytes() == 0 || t.bytes() == 0) {
      return -1;
    }
    long bytes = (long) elements * base.bytes();
    return bytes % t.bytes() == 0 ? bytes / t.bytes() : -1;
  }

  @Override
  public String toString() {
    return "Status(source " + source + ", tag " + tag + ", " + elements + " elements"
        + (cancelled ? ", cancelled" : "") + ")";
  }
}
