package mpi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A reduction operation: one of MPI's predefined ones (MPI.SUM, MPI.MAXLOC, ...) or a user
 * function of either API ({@link User_function} for MPJ Express, {@link UserFunction} for Open
 * MPI). User functions see the data laid out as the datatype describes, as MPI specifies.
 */
public final class Op implements Freeable {
  static final Op MAX = new Op(BuiltinOp.MAX);
  static final Op MIN = new Op(BuiltinOp.MIN);
  static final Op SUM = new Op(BuiltinOp.SUM);
  static final Op PROD = new Op(BuiltinOp.PROD);
  static final Op LAND = new Op(BuiltinOp.LAND);
  static final Op BAND = new Op(BuiltinOp.BAND);
  static final Op LOR = new Op(BuiltinOp.LOR);
  static final Op BOR = new Op(BuiltinOp.BOR);
  static final Op LXOR = new Op(BuiltinOp.LXOR);
  static final Op BXOR = new Op(BuiltinOp.BXOR);
  static final Op MAXLOC = new Op(BuiltinOp.MAXLOC);
  static final Op MINLOC = new Op(BuiltinOp.MINLOC);
  static final Op REPLACE = new Op(BuiltinOp.REPLACE);
  static final Op NO_OP = new Op(BuiltinOp.NO_OP);

  /** MPJ Express's operation code (the builtin's number, or what the program passed). */
  public int opCode;

  private final BuiltinOp builtin;
  private final User_function mpjFunction;
  private final UserFunction ompiFunction;
  private final boolean commute;
  private volatile boolean freed;

  private Op(BuiltinOp builtin) {
    this.builtin = builtin;
    this.mpjFunction = null;
    this.ompiFunction = null;
    this.commute = true;
    this.opCode = builtin.ordinal() + 1;
  }

  /** MPJ Express: a user operation; commute tells whether the order of operands may change. */
  public Op(User_function function, boolean commute) throws MPIException {
    this(function, commute, 0);
  }

  public Op(User_function function, boolean commute, int opCode) throws MPIException {
    if (function == null) {
      throw new MPIException(MPI.ERR_OP, "the user function is null");
    }
    this.builtin = null;
    this.mpjFunction = function;
    this.ompiFunction = null;
    this.commute = commute;
    this.opCode = opCode;
  }

  /** Open MPI: a user operation. */
  public Op(UserFunction function, boolean commute) {
    if (function == null) {
      throw new MPIException(MPI.ERR_OP, "the user function is null");
    }
    this.builtin = null;
    this.mpjFunction = null;
    this.ompiFunction = function;
    this.commute = commute;
  }

  public boolean isCommutative() {
    return commute;
  }

  public void free() throws MPIException {
    if (builtin == null) {
      freed = true;
    }
  }

  public boolean isNull() {
    return freed;
  }

  /** Nothing to release (MPJ Express's finalize is public and empty too). */
  @Override
  @SuppressWarnings({"deprecation", "removal"})
  public void finalize() throws MPIException {
  }

  @Override
  public String toString() {
    return builtin != null ? builtin.mpiName() : "user Op" + (commute ? " (commutative)" : "");
  }

  boolean isBuiltin() {
    return builtin != null;
  }

  /**
   * inout = in op inout for {@code items} items of {@code type}, in packed form (items*size
   * base-type elements at each offset); {@code in} holds the lower ranks' contribution.
   */
  void reduce(Object in, int inOff, Object inout, int inoutOff, int items, Datatype type) {
    if (freed) {
      throw new MPIException(MPI.ERR_OP, "this Op was freed");
    }
    if (items < 0) {
      throw new MPIException(MPI.ERR_COUNT, "count must be >= 0, not " + items);
    }
    long n = (long) items * type.sizeInElements();
    if (inOff < 0 || inoutOff < 0 || inOff + n > BaseType.length(in) || inoutOff + n > BaseType.length(inout)) {
      throw new MPIException(MPI.ERR_COUNT, "reduction of " + items + " items (" + n + " elements) from offsets "
          + inOff + " and " + inoutOff + " overruns arrays of " + BaseType.length(in) + " and "
          + BaseType.length(inout) + " elements");
    }
    if (builtin != null) {
      builtin.reduce(in, inOff, inout, inoutOff, items, type);
    } else if (items > 0) {
      callUser(in, inOff, inout, inoutOff, items, type);
    }
  }

  private void callUser(Object in, int inOff, Object inout, int inoutOff, int items, Datatype type) {
    TypeMap m = type.map;
    BaseType base = type.baseType();
    int n = items * m.size;
    if (mpjFunction != null && m.isContiguous() && m.lb == 0) {
      mpjFunction.Call(in, inOff, inout, inoutOff, items, type);
      return;
    }
    // Lay the items out as the datatype says, call, and pack the result back.
    long extent = m.extent();
    long low = Math.min(0, (items - 1) * extent) + Math.min(0, m.trueLb);
    long high = Math.max(0, (items - 1) * extent) + Math.max(Math.max(m.trueUb, m.ub), extent);
    int origin = (int) -low;
    int span = Math.toIntExact(high - low);
    Object a = base.newArray(span);
    Object b = base.newArray(span);
    type.unpack(slice(base, in, inOff, n), n, a, origin);
    type.unpack(slice(base, inout, inoutOff, n), n, b, origin);
    if (mpjFunction != null) {
      mpjFunction.Call(a, origin, b, origin, items, type);
    } else if (base == BaseType.BOOLEAN || base == BaseType.OBJECT || origin != 0) {
      ompiFunction.call(a, b, items, type);
    } else {
      ByteBuffer x = direct(base, a, span);
      ByteBuffer y = direct(base, b, span);
      ompiFunction.call(x, y, items, type);
      byte[] bytes = new byte[span * base.bytes()];
      y.clear();
      y.get(bytes);
      base.fromBytes(bytes, 0, b, 0, span);
    }
    Object result = type.pack(b, origin, items);
    System.arraycopy(result, 0, inout, inoutOff, n);
  }

  private static Object slice(BaseType base, Object array, int off, int n) {
    Object s = base.newArray(n);
    System.arraycopy(array, off, s, 0, n);
    return s;
  }

  private static ByteBuffer direct(BaseType base, Object array, int n) {
    byte[] bytes = new byte[n * base.bytes()];
    base.toBytes(array, 0, n, bytes, 0);
    ByteBuffer b = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.nativeOrder());
    b.put(bytes);
    b.clear();
    return b;
  }
}
