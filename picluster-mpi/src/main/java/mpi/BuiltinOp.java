package mpi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * MPI's predefined reductions, on packed base-type arrays: inout[i] = in[i] op inout[i], where in
 * holds the lower ranks' data. Each op applies to the element types MPI allows it on (Java's
 * char, byte, short, int, long count as integers; boolean is the logical type); MAXLOC and MINLOC
 * take pair types, whose ties go to the lower index.
 */
enum BuiltinOp {
  MAX, MIN, SUM, PROD, LAND, BAND, LOR, BOR, LXOR, BXOR, MAXLOC, MINLOC, REPLACE, NO_OP;

  private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

  String mpiName() {
    return "MPI." + name();
  }

  /** Applies this op to items of type (packed: items*size base elements at each offset). */
  void reduce(Object in, int inOff, Object inout, int inoutOff, int items, Datatype type) {
    int n = Math.multiplyExact(items, type.sizeInElements());
    if (this == REPLACE || this == NO_OP) {
      throw new MPIException(MPI.ERR_OP, mpiName() + " is for one-sided accumulate operations, not reductions");
    }
    BaseType base = type.baseType();
    if (base == BaseType.OBJECT) {
      throw new MPIException(MPI.ERR_OP, mpiName() + " does not apply to MPI.OBJECT data: use an Op of your own");
    }
    Datatype.Compound c = type.compound;
    if (this == MAXLOC || this == MINLOC) {
      if (c == null || c.kind != Datatype.Compound.Kind.PAIR) {
        throw new MPIException(MPI.ERR_OP, mpiName() + " needs a (value, index) pair type such as MPI.INT2,"
            + " MPI.DOUBLE2 (MPJ Express) or MPI.DOUBLE_INT (Open MPI), not " + type);
      }
      if (base == BaseType.BYTE) {
        bytePairs(in, inOff, inout, inoutOff, n, c);
      } else {
        pairs(base, in, inOff, inout, inoutOff, n);
      }
      return;
    }
    BaseType prim = base == BaseType.BYTE ? type.map.uniformPrimitive() : base;
    if (prim == null) {
      if (n == 0) {
        return;
      }
      throw new MPIException(MPI.ERR_OP, mpiName() + " cannot combine a datatype that mixes element types ("
          + type + "): use an Op of your own");
    }
    if (base == prim) {
      typed(prim, c, in, inOff, inout, inoutOff, n);
      return;
    }
    // A byte-based type holding one wider primitive (an Open MPI struct of doubles, say).
    int k = n / prim.bytes();
    Object a = prim.newArray(k);
    Object b = prim.newArray(k);
    prim.fromBytes((byte[]) in, inOff, a, 0, k);
    prim.fromBytes((byte[]) inout, inoutOff, b, 0, k);
    typed(prim, c, a, 0, b, 0, k);
    prim.toBytes(b, 0, k, (byte[]) inout, inoutOff);
  }

  /** n elements of primitive t; complex numbers multiply as complex numbers. */
  private void typed(BaseType t, Datatype.Compound c, Object in, int inOff, Object inout, int inoutOff, int n) {
    if (c != null && c.kind == Datatype.Compound.Kind.COMPLEX && this != SUM) {
      if (this != PROD) {
        throw new MPIException(MPI.ERR_OP, mpiName() + " does not apply to complex numbers (SUM and PROD do)");
      }
      complexProduct(t, in, inOff, inout, inoutOff, n);
      return;
    }
    check(t);
    elementwise(t, in, inOff, inout, inoutOff, n);
  }

  private void check(BaseType t) {
    boolean ok;
    switch (this) {
      case MAX: case MIN: case SUM: case PROD:
        ok = t != BaseType.BOOLEAN;
        break;
      case LAND: case LOR: case LXOR:
        ok = t == BaseType.BOOLEAN || t.isInteger();
        break;
      case BAND: case BOR: case BXOR:
        ok = t == BaseType.BOOLEAN || t.isInteger();
        break;
      default:
        ok = false;
    }
    if (!ok) {
      throw new MPIException(MPI.ERR_OP, mpiName() + " does not apply to " + t.javaName() + " data");
    }
  }

  private void elementwise(BaseType t, Object in, int ia, Object io, int ib, int n) {
    switch (t) {
      case BOOLEAN: {
        boolean[] x = (boolean[]) in;
        boolean[] y = (boolean[]) io;
        for (int i = 0; i < n; i++) {
          boolean a = x[ia + i];
          boolean b = y[ib + i];
          y[ib + i] = (this == LAND || this == BAND) ? a & b : (this == LOR || this == BOR) ? a | b : a ^ b;
        }
        return;
      }
      case INT: {
        int[] x = (int[]) in;
        int[] y = (int[]) io;
        if (this == SUM) {
          for (int i = 0; i < n; i++) {
            y[ib + i] += x[ia + i];
          }
        } else if (this == MAX) {
          for (int i = 0; i < n; i++) {
            y[ib + i] = Math.max(x[ia + i], y[ib + i]);
          }
        } else if (this == MIN) {
          for (int i = 0; i < n; i++) {
            y[ib + i] = Math.min(x[ia + i], y[ib + i]);
          }
        } else {
          LongBinaryOperator f = integer();
          for (int i = 0; i < n; i++) {
            y[ib + i] = (int) f.applyAsLong(x[ia + i], y[ib + i]);
          }
        }
        return;
      }
      case LONG: {
        long[] x = (long[]) in;
        long[] y = (long[]) io;
        LongBinaryOperator f = integer();
        for (int i = 0; i < n; i++) {
          y[ib + i] = f.applyAsLong(x[ia + i], y[ib + i]);
        }
        return;
      }
      case BYTE: {
        byte[] x = (byte[]) in;
        byte[] y = (byte[]) io;
        LongBinaryOperator f = integer();
        for (int i = 0; i < n; i++) {
          y[ib + i] = (byte) f.applyAsLong(x[ia + i], y[ib + i]);
        }
        return;
      }
      case SHORT: {
        short[] x = (short[]) in;
        short[] y = (short[]) io;
        LongBinaryOperator f = integer();
        for (int i = 0; i < n; i++) {
          y[ib + i] = (short) f.applyAsLong(x[ia + i], y[ib + i]);
        }
        return;
      }
      case CHAR: {
        char[] x = (char[]) in;
        char[] y = (char[]) io;
        LongBinaryOperator f = integer();
        for (int i = 0; i < n; i++) {
          y[ib + i] = (char) f.applyAsLong(x[ia + i], y[ib + i]);
        }
        return;
      }
      case DOUBLE: {
        double[] x = (double[]) in;
        double[] y = (double[]) io;
        if (this == SUM) {
          for (int i = 0; i < n; i++) {
            y[ib + i] += x[ia + i];
          }
        } else {
          DoubleBinaryOperator f = real();
          for (int i = 0; i < n; i++) {
            y[ib + i] = f.applyAsDouble(x[ia + i], y[ib + i]);
          }
        }
        return;
      }
      case FLOAT: {
        float[] x = (float[]) in;
        float[] y = (float[]) io;
        DoubleBinaryOperator f = real();
        for (int i = 0; i < n; i++) {
          y[ib + i] = (float) f.applyAsDouble(x[ia + i], y[ib + i]);
        }
        return;
      }
      default:
        throw new AssertionError(t);
    }
  }

  private LongBinaryOperator integer() {
    switch (this) {
      case MAX: return Math::max;
      case MIN: return Math::min;
      case SUM: return (a, b) -> a + b;
      case PROD: return (a, b) -> a * b;
      case LAND: return (a, b) -> (a != 0 && b != 0) ? 1 : 0;
      case LOR: return (a, b) -> (a != 0 || b != 0) ? 1 : 0;
      case LXOR: return (a, b) -> ((a != 0) ^ (b != 0)) ? 1 : 0;
      case BAND: return (a, b) -> a & b;
      case BOR: return (a, b) -> a | b;
      case BXOR: return (a, b) -> a ^ b;
      default: throw new AssertionError(this);
    }
  }

  private DoubleBinaryOperator real() {
    switch (this) {
      case MAX: return Math::max;
      case MIN: return Math::min;
      case SUM: return (a, b) -> a + b;
      case PROD: return (a, b) -> a * b;
      default: throw new AssertionError(this);
    }
  }

  /** MPJ Express pairs: two elements of one type each, value then index. */
  private void pairs(BaseType t, Object in, int ia, Object io, int ib, int n) {
    for (int i = 0; i + 1 < n; i += 2) {
      int byValue = compare(t, in, ia + i, io, ib + i);
      if (takeIn(byValue, compare(t, in, ia + i + 1, io, ib + i + 1))) {
        System.arraycopy(in, ia + i, io, ib + i, 2);
      }
    }
  }

  /** Sign of a[i] - b[j] (0 for NaNs, which never win). */
  private static int compare(BaseType t, Object a, int i, Object b, int j) {
    switch (t) {
      case SHORT: return Integer.compare(((short[]) a)[i], ((short[]) b)[j]);
      case INT: return Integer.compare(((int[]) a)[i], ((int[]) b)[j]);
      case LONG: return Long.compare(((long[]) a)[i], ((long[]) b)[j]);
      case CHAR: return Integer.compare(((char[]) a)[i], ((char[]) b)[j]);
      case BYTE: return Integer.compare(((byte[]) a)[i], ((byte[]) b)[j]);
      case FLOAT: return compareReal(((float[]) a)[i], ((float[]) b)[j]);
      case DOUBLE: return compareReal(((double[]) a)[i], ((double[]) b)[j]);
      default: throw new MPIException(MPI.ERR_OP, "MAXLOC/MINLOC do not apply to " + t.javaName() + " pairs");
    }
  }

  private static int compareReal(double a, double b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** Pairs in packed native-order bytes (Open MPI's structs): the value, then the index. */
  private void bytePairs(Object in, int ia, Object io, int ib, int n, Datatype.Compound c) {
    int vw = c.value.bytes();
    int w = vw + c.index.bytes();
    ByteBuffer x = ByteBuffer.wrap((byte[]) in).order(NATIVE);
    ByteBuffer y = ByteBuffer.wrap((byte[]) io).order(NATIVE);
    for (int i = 0; i + w <= n; i += w) {
      int byValue = compare(c.value, x, ia + i, y, ib + i);
      int byIndex = compare(c.index, x, ia + i + vw, y, ib + i + vw);
      if (takeIn(byValue, byIndex)) {
        System.arraycopy(in, ia + i, io, ib + i, w);
      }
    }
  }

  private static int compare(BaseType t, ByteBuffer x, int i, ByteBuffer y, int j) {
    switch (t) {
      case BYTE: return Integer.compare(x.get(i), y.get(j));
      case CHAR: return Integer.compare(x.getChar(i), y.getChar(j));
      case SHORT: return Integer.compare(x.getShort(i), y.getShort(j));
      case INT: return Integer.compare(x.getInt(i), y.getInt(j));
      case LONG: return Long.compare(x.getLong(i), y.getLong(j));
      case FLOAT: return compareReal(x.getFloat(i), y.getFloat(j));
      case DOUBLE: return compareReal(x.getDouble(i), y.getDouble(j));
      default: throw new MPIException(MPI.ERR_OP, "MAXLOC/MINLOC do not apply to " + t.javaName() + " pairs");
    }
  }

  /** True when the incoming pair wins: the larger (MAXLOC) or smaller (MINLOC) value, on a tie the lower index. */
  private boolean takeIn(int byValue, int byIndex) {
    if (byValue == 0) {
      return byIndex < 0;
    }
    return this == MAXLOC ? byValue > 0 : byValue < 0;
  }

  /** (a+bi)(c+di) over packed (re, im) pairs. */
  private static void complexProduct(BaseType t, Object in, int ia, Object io, int ib, int n) {
    for (int i = 0; i + 1 < n; i += 2) {
      if (t == BaseType.DOUBLE) {
        double[] x = (double[]) in;
        double[] y = (double[]) io;
        double a = x[ia + i];
        double b = x[ia + i + 1];
        double c = y[ib + i];
        double d = y[ib + i + 1];
        y[ib + i] = a * c - b * d;
        y[ib + i + 1] = a * d + b * c;
      } else {
        float[] x = (float[]) in;
        float[] y = (float[]) io;
        float a = x[ia + i];
        float b = x[ia + i + 1];
        float c = y[ib + i];
        float d = y[ib + i + 1];
        y[ib + i] = a * c - b * d;
        y[ib + i + 1] = a * d + b * c;
      }
    }
  }
}
