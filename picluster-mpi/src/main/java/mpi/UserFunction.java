package mpi;

import java.nio.ByteBuffer;

/**
 * Open MPI's user reduction. picluster calls {@link #call(ByteBuffer, ByteBuffer, int, Datatype)}
 * with native-order buffers laid out as the datatype describes (as Open MPI does); unless
 * overridden it copies them into arrays of the base type and calls
 * {@link #call(Object, Object, int, Datatype)}. Boolean data goes straight to the array form.
 */
public abstract class UserFunction {
  public UserFunction() {
  }

  /** inOutVec = inVec op inOutVec for count items; arrays of the datatype's base type. */
  public void call(Object inVec, Object inOutVec, int count, Datatype datatype) throws MPIException {
    throw new UnsupportedOperationException("this UserFunction overrides neither call(Object, Object, int,"
        + " Datatype) nor call(ByteBuffer, ByteBuffer, int, Datatype)");
  }

  /** inOut = in op inOut for count items held in native-order byte buffers. */
  public void call(ByteBuffer in, ByteBuffer inOut, int count, Datatype datatype) throws MPIException {
    BaseType base = datatype.baseType();
    int n = Math.multiplyExact(count, datatype.getExtent());
    Object a = base.newArray(n);
    Object b = base.newArray(n);
    read(in, base, a, n);
    read(inOut, base, b, n);
    call(a, b, count, datatype);
    byte[] bytes = new byte[n * base.bytes()];
    base.toBytes(b, 0, n, bytes, 0);
    ByteBuffer out = inOut.duplicate();
    out.clear();
    out.put(bytes);
  }

  private static void read(ByteBuffer buf, BaseType base, Object into, int n) {
    byte[] bytes = new byte[n * base.bytes()];
    ByteBuffer d = buf.duplicate();
    d.clear();
    d.get(bytes);
    base.fromBytes(bytes, 0, into, 0, n);
  }
}
