package mpi;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/**
 * A user's buffer seen as a row of base-type elements, index 0 first: a Java array of the base
 * type, an nio buffer of it, or bytes holding it (a ByteBuffer in its own byte order, a byte[] in
 * native order, as Open MPI's struct helpers write them). For buffers, index 0 is the buffer's
 * first element (its array offset counts, its position does not: Open MPI's rule). Copies go to and
 * from packed arrays of the base type.
 */
abstract class Elements {
  private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

  /** Number of elements the buffer holds. */
  abstract int length();

  /** Copies n elements from index to packed[at...]. {@code prim} is what the elements hold. */
  abstract void read(int index, Object packed, int at, int n, BaseType prim);

  /** Copies n elements from packed[at...] to index. */
  abstract void write(Object packed, int at, int index, int n, BaseType prim);

  final void check(long index, long n) {
    if (index < 0 || index + n > length()) {
      throw new MPIException(MPI.ERR_BUFFER, "the datatype reaches elements " + index + " to "
          + (index + n - 1) + " of a buffer that has " + length() + " (offset, count or datatype too"
          + " large for the buffer)");
    }
  }

  /** The elements of {@code buf} (an array or an nio Buffer) as elements of {@code base}. */
  static Elements of(Object buf, BaseType base) {
    if (buf == null) {
      throw new MPIException(MPI.ERR_BUFFER, "the buffer is null");
    }
    if (buf instanceof Buffer) {
      return ofBuffer((Buffer) buf, base);
    }
    BaseType arrayType = BaseType.ofArray(buf);
    if (arrayType == base) {
      return new ArrayElements(buf);
    }
    if (arrayType == BaseType.BYTE && base != BaseType.OBJECT) {
      return new BytesAs(ByteBuffer.wrap((byte[]) buf).order(NATIVE), base);
    }
    throw new MPIException(MPI.ERR_TYPE, "a " + BaseType.describe(buf) + " buffer cannot hold "
        + base.javaName() + " data: use a " + base.javaName() + "[] buffer (or a datatype of "
        + arrayType.javaName() + ")");
  }

  private static Elements ofBuffer(Buffer buf, BaseType base) {
    BaseType kind = BaseType.ofBuffer(buf);
    if (base == BaseType.OBJECT) {
      throw new MPIException(MPI.ERR_TYPE, "MPI.OBJECT needs an Object[] buffer, not an nio buffer");
    }
    if (kind == BaseType.BYTE) {
      ByteBuffer bb = (ByteBuffer) buf;
      return base == BaseType.BYTE ? new ByteBufferBytes(bb) : new BytesAs(bb, base);
    }
    if (kind == base) {
      return new TypedBuffer(buf, kind);
    }
    throw new MPIException(MPI.ERR_TYPE, "a " + buf.getClass().getSimpleName().replaceAll("^(Heap|Direct)", "")
        + " cannot hold " + base.javaName() + " data: use a buffer of " + base.javaName()
        + " or a ByteBuffer");
  }

  /** A whole-capacity view of a ByteBuffer in its order, position 0. */
  static ByteBuffer view(ByteBuffer bb) {
    ByteBuffer d = bb.duplicate();
    d.clear();
    return d.order(bb.order());
  }

  private static final class ArrayElements extends Elements {
    private final Object array;
    private final int length;

    ArrayElements(Object array) {
      this.array = array;
      this.length = BaseType.length(array);
    }

    @Override
    int length() {
      return length;
    }

    @Override
    void read(int index, Object packed, int at, int n, BaseType prim) {
      check(index, n);
      System.arraycopy(array, index, packed, at, n);
    }

    @Override
    void write(Object packed, int at, int index, int n, BaseType prim) {
      check(index, n);
      try {
        System.arraycopy(packed, at, array, index, n);
      } catch (ArrayStoreException e) {
        throw new MPIException(MPI.ERR_TYPE, "received " + firstMisfit(packed, at, n) + " data that does not fit in a "
            + BaseType.describe(array) + " buffer");
      }
    }

    private String firstMisfit(Object packed, int at, int n) {
      Class<?> want = array.getClass().getComponentType();
      for (int i = 0; i < n; i++) {
        Object o = ((Object[]) packed)[at + i];
        if (o != null && !want.isInstance(o)) {
          return o.getClass().getSimpleName();
        }
      }
      return "object";
    }
  }

  /** A CharBuffer, IntBuffer, ... of the base type itself. */
  private static final class TypedBuffer extends Elements {
    private final Buffer buf;
    private final BaseType kind;

    TypedBuffer(Buffer buf, BaseType kind) {
      this.buf = buf;
      this.kind = kind;
    }

    @Override
    int length() {
      return buf.capacity();
    }

    @Override
    void read(int index, Object packed, int at, int n, BaseType prim) {
      check(index, n);
      switch (kind) {
        case CHAR: ((CharBuffer) buf).get(index, (char[]) packed, at, n); break;
        case SHORT: ((ShortBuffer) buf).get(index, (short[]) packed, at, n); break;
        case INT: ((IntBuffer) buf).get(index, (int[]) packed, at, n); break;
        case LONG: ((LongBuffer) buf).get(index, (long[]) packed, at, n); break;
        case FLOAT: ((FloatBuffer) buf).get(index, (float[]) packed, at, n); break;
        case DOUBLE: ((DoubleBuffer) buf).get(index, (double[]) packed, at, n); break;
        default: throw new AssertionError(kind);
      }
    }

    @Override
    void write(Object packed, int at, int index, int n, BaseType prim) {
      check(index, n);
      switch (kind) {
        case CHAR: ((CharBuffer) buf).put(index, (char[]) packed, at, n); break;
        case SHORT: ((ShortBuffer) buf).put(index, (short[]) packed, at, n); break;
        case INT: ((IntBuffer) buf).put(index, (int[]) packed, at, n); break;
        case LONG: ((LongBuffer) buf).put(index, (long[]) packed, at, n); break;
        case FLOAT: ((FloatBuffer) buf).put(index, (float[]) packed, at, n); break;
        case DOUBLE: ((DoubleBuffer) buf).put(index, (double[]) packed, at, n); break;
        default: throw new AssertionError(kind);
      }
    }
  }

  /**
   * Bytes for a byte-based type. Packed bytes are in native order; a ByteBuffer in the other order
   * has each multi-byte primitive reversed on the way (Open MPI's structs hold ints, doubles...).
   */
  private static final class ByteBufferBytes extends Elements {
    private final ByteBuffer bb;
    private final boolean swap;

    ByteBufferBytes(ByteBuffer bb) {
      this.bb = bb;
      this.swap = bb.order() != NATIVE;
    }

    @Override
    int length() {
      return bb.capacity();
    }

    @Override
    void read(int index, Object packed, int at, int n, BaseType prim) {
      check(index, n);
      byte[] out = (byte[]) packed;
      bb.get(index, out, at, n);
      if (swap) {
        reverseEach(out, at, n, prim.bytes());
      }
    }

    @Override
    void write(Object packed, int at, int index, int n, BaseType prim) {
      check(index, n);
      byte[] in = (byte[]) packed;
      if (swap && prim.bytes() > 1) {
        byte[] copy = java.util.Arrays.copyOfRange(in, at, at + n);
        reverseEach(copy, 0, n, prim.bytes());
        bb.put(index, copy, 0, n);
      } else {
        bb.put(index, in, at, n);
      }
    }

    private static void reverseEach(byte[] b, int from, int n, int width) {
      if (width <= 1) {
        return;
      }
      for (int g = from; g + width <= from + n; g += width) {
        for (int i = 0, j = width - 1; i < j; i++, j--) {
          byte t = b[g + i];
          b[g + i] = b[g + j];
          b[g + j] = t;
        }
      }
    }
  }

  /** A ByteBuffer (or byte[]) holding elements of a wider base type, in the buffer's byte order. */
  private static final class BytesAs extends Elements {
    private final ByteBuffer bytes;
    private final BaseType base;
    private final Buffer typed;

    BytesAs(ByteBuffer bb, BaseType base) {
      this.bytes = view(bb);
      this.base = base;
      switch (base) {
        case CHAR: typed = bytes.asCharBuffer(); break;
        case SHORT: typed = bytes.asShortBuffer(); break;
        case INT: typed = bytes.asIntBuffer(); break;
        case LONG: typed = bytes.asLongBuffer(); break;
        case FLOAT: typed = bytes.asFloatBuffer(); break;
        case DOUBLE: typed = bytes.asDoubleBuffer(); break;
        default: typed = null; // BOOLEAN: one byte each
      }
    }

    @Override
    int length() {
      return base == BaseType.BOOLEAN ? bytes.capacity() : typed.capacity();
    }

    @Override
    void read(int index, Object packed, int at, int n, BaseType prim) {
      check(index, n);
      switch (base) {
        case BOOLEAN: {
          boolean[] out = (boolean[]) packed;
          for (int i = 0; i < n; i++) {
            out[at + i] = bytes.get(index + i) != 0;
          }
          break;
        }
        case CHAR: ((CharBuffer) typed).get(index, (char[]) packed, at, n); break;
        case SHORT: ((ShortBuffer) typed).get(index, (short[]) packed, at, n); break;
        case INT: ((IntBuffer) typed).get(index, (int[]) packed, at, n); break;
        case LONG: ((LongBuffer) typed).get(index, (long[]) packed, at, n); break;
        case FLOAT: ((FloatBuffer) typed).get(index, (float[]) packed, at, n); break;
        case DOUBLE: ((DoubleBuffer) typed).get(index, (double[]) packed, at, n); break;
        default: throw new AssertionError(base);
      }
    }

    @Override
    void write(Object packed, int at, int index, int n, BaseType prim) {
      check(index, n);
      switch (base) {
        case BOOLEAN: {
          boolean[] in = (boolean[]) packed;
          for (int i = 0; i < n; i++) {
            bytes.put(index + i, (byte) (in[at + i] ? 1 : 0));
          }
          break;
        }
        case CHAR: ((CharBuffer) typed).put(index, (char[]) packed, at, n); break;
        case SHORT: ((ShortBuffer) typed).put(index, (short[]) packed, at, n); break;
        case INT: ((IntBuffer) typed).put(index, (int[]) packed, at, n); break;
        case LONG: ((LongBuffer) typed).put(index, (long[]) packed, at, n); break;
        case FLOAT: ((FloatBuffer) typed).put(index, (float[]) packed, at, n); break;
        case DOUBLE: ((DoubleBuffer) typed).put(index, (double[]) packed, at, n); break;
        default: throw new AssertionError(base);
      }
    }
  }
}
