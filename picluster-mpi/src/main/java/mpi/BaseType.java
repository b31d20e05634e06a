package mpi;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/**
 * The Java element type a buffer holds: every datatype describes elements of exactly one of these
 * (Open MPI's struct types describe bytes). OBJECT elements travel serialized.
 */
enum BaseType {
  BYTE(byte.class, 1),
  CHAR(char.class, 2),
  SHORT(short.class, 2),
  BOOLEAN(boolean.class, 1),
  INT(int.class, 4),
  LONG(long.class, 8),
  FLOAT(float.class, 4),
  DOUBLE(double.class, 8),
  /** Serialized objects in {@code Object[]} buffers; they have no fixed size, so {@link #bytes()} is 0. */
  OBJECT(Object.class, 0);

  private final Class<?> elementClass;
  private final int bytes;

  BaseType(Class<?> elementClass, int bytes) {
    this.elementClass = elementClass;
    this.bytes = bytes;
  }

  /** {@code int.class} for INT, ..., {@code Object.class} for OBJECT. */
  Class<?> elementClass() {
    return elementClass;
  }

  /** {@code int[].class} for INT, ..., {@code Object[].class} for OBJECT. */
  Class<?> arrayClass() {
    return newArray(0).getClass();
  }

  /** Bytes per element in packed (native) form; 0 for OBJECT. */
  int bytes() {
    return bytes;
  }

  /** True for the types MPI calls integers (C integer and byte types): the bitwise ops apply. */
  boolean isInteger() {
    return this == BYTE || this == CHAR || this == SHORT || this == INT || this == LONG;
  }

  Object newArray(int n) {
    switch (this) {
      case BYTE: return new byte[n];
      case CHAR: return new char[n];
      case SHORT: return new short[n];
      case BOOLEAN: return new boolean[n];
      case INT: return new int[n];
      case LONG: return new long[n];
      case FLOAT: return new float[n];
      case DOUBLE: return new double[n];
      default: return new Object[n];
    }
  }

  /** The base type whose arrays {@code array} is (any {@code Object[]} is OBJECT). */
  static BaseType ofArray(Object array) {
    BaseType t = ofArrayOrNull(array);
    if (t == null) {
      throw new MPIException("a buffer must be a Java array (byte[] char[] short[] boolean[] int[] long[]"
          + " float[] double[] or Object[]), not " + describe(array));
    }
    return t;
  }

  static BaseType ofArrayOrNull(Object array) {
    if (array instanceof byte[]) return BYTE;
    if (array instanceof char[]) return CHAR;
    if (array instanceof short[]) return SHORT;
    if (array instanceof boolean[]) return BOOLEAN;
    if (array instanceof int[]) return INT;
    if (array instanceof long[]) return LONG;
    if (array instanceof float[]) return FLOAT;
    if (array instanceof double[]) return DOUBLE;
    if (array instanceof Object[]) return OBJECT;
    return null;
  }

  /** The element type of an nio buffer (ByteBuffer is BYTE, whatever it holds). */
  static BaseType ofBuffer(Buffer buffer) {
    if (buffer instanceof ByteBuffer) return BYTE;
    if (buffer instanceof CharBuffer) return CHAR;
    if (buffer instanceof ShortBuffer) return SHORT;
    if (buffer instanceof IntBuffer) return INT;
    if (buffer instanceof LongBuffer) return LONG;
    if (buffer instanceof FloatBuffer) return FLOAT;
    if (buffer instanceof DoubleBuffer) return DOUBLE;
    throw new MPIException("unsupported buffer kind " + describe(buffer));
  }

  /** Length of an array of any base type. */
  static int length(Object array) {
    return java.lang.reflect.Array.getLength(array);
  }

  /** Lower-case Java name, for messages: "int", "double", "Object". */
  String javaName() {
    return this == OBJECT ? "Object" : elementClass.getName();
  }

  static String describe(Object o) {
    if (o == null) return "null";
    Class<?> c = o.getClass();
    return c.isArray() ? c.getComponentType().getSimpleName() + "[]" : c.getSimpleName();
  }
  /** Writes n elements of {@code src} from {@code at} as native-order bytes at out[pos...]; returns the byte count. */
  int toBytes(Object src, int at, int n, byte[] out, int pos) {
    int len = n * bytes;
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(out, pos, len).slice().order(java.nio.ByteOrder.nativeOrder());
    switch (this) {
      case BYTE: System.arraycopy(src, at, out, pos, n); break;
      case BOOLEAN: {
        boolean[] s = (boolean[]) src;
        for (int i = 0; i < n; i++) {
          out[pos + i] = (byte) (s[at + i] ? 1 : 0);
        }
        break;
      }
      case CHAR: b.asCharBuffer().put((char[]) src, at, n); break;
      case SHORT: b.asShortBuffer().put((short[]) src, at, n); break;
      case INT: b.asIntBuffer().put((int[]) src, at, n); break;
      case LONG: b.asLongBuffer().put((long[]) src, at, n); break;
      case FLOAT: b.asFloatBuffer().put((float[]) src, at, n); break;
      case DOUBLE: b.asDoubleBuffer().put((double[]) src, at, n); break;
      default: throw new MPIException(MPI.ERR_TYPE, "MPI.OBJECT data has no byte form: send it, do not Pack it");
    }
    return len;
  }

  /** Reads n elements from native-order bytes at in[pos...] into dst[at...]; returns the byte count. */
  int fromBytes(byte[] in, int pos, Object dst, int at, int n) {
    int len = n * bytes;
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(in, pos, len).slice().order(java.nio.ByteOrder.nativeOrder());
    switch (this) {
      case BYTE: System.arraycopy(in, pos, dst, at, n); break;
      case BOOLEAN: {
        boolean[] d = (boolean[]) dst;
        for (int i = 0; i < n; i++) {
          d[at + i] = in[pos + i] != 0;
        }
        break;
      }
      case CHAR: b.asCharBuffer().get((char[]) dst, at, n); break;
      case SHORT: b.asShortBuffer().get((short[]) dst, at, n); break;
      case INT: b.asIntBuffer().get((int[]) dst, at, n); break;
      case LONG: b.asLongBuffer().get((long[]) dst, at, n); break;
      case FLOAT: b.asFloatBuffer().get((float[]) dst, at, n); break;
      case DOUBLE: b.asDoubleBuffer().get((double[]) dst, at, n); break;
      default: throw new MPIException(MPI.ERR_TYPE, "MPI.OBJECT data has no byte form: send it, do not Unpack it");
    }
    return len;
  }
}
