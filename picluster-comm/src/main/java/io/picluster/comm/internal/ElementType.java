package io.picluster.comm.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The primitive element types the array layer moves, and how each is copied between a Java array
 * and a little-endian byte stream. Little-endian because every Pi and PC is, so no byte swapping.
 * A boolean travels as one byte, 0 or 1. The order is part of the wire format (a frame's kind is
 * 1 + ordinal), so new types are appended.
 */
public enum ElementType {
  BYTE(1, byte[].class),
  INT(4, int[].class),
  LONG(8, long[].class),
  DOUBLE(8, double[].class),
  SHORT(2, short[].class),
  CHAR(2, char[].class),
  FLOAT(4, float[].class),
  BOOLEAN(1, boolean[].class);

  public static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

  private final int size;
  private final Class<?> arrayClass;

  ElementType(int size, Class<?> arrayClass) {
    this.size = size;
    this.arrayClass = arrayClass;
  }

  /** Bytes per element. */
  public int size() {
    return size;
  }

  /** How the type reads in messages: {@code int[]}. */
  public String javaName() {
    return arrayClass.getComponentType().getName() + "[]";
  }

  /** The element's class: {@code int.class} for {@code INT}. */
  public Class<?> elementClass() {
    return arrayClass.getComponentType();
  }

  public static ElementType of(Object array) {
    if (array instanceof byte[]) return BYTE;
    if (array instanceof int[]) return INT;
    if (array instanceof long[]) return LONG;
    if (array instanceof double[]) return DOUBLE;
    if (array instanceof short[]) return SHORT;
    if (array instanceof char[]) return CHAR;
    if (array instanceof float[]) return FLOAT;
    if (array instanceof boolean[]) return BOOLEAN;
    throw new IllegalArgumentException("the buffer is "
        + (array == null ? "null" : "a " + array.getClass().getSimpleName())
        + "; give an array of a primitive type (byte[] char[] short[] boolean[] int[] long[] float[] double[])");
  }

  public Object newArray(int length) {
    switch (this) {
      case BYTE: return new byte[length];
      case INT: return new int[length];
      case LONG: return new long[length];
      case DOUBLE: return new double[length];
      case SHORT: return new short[length];
      case CHAR: return new char[length];
      case FLOAT: return new float[length];
      default: return new boolean[length];
    }
  }

  public int length(Object array) {
    switch (this) {
      case BYTE: return ((byte[]) array).length;
      case INT: return ((int[]) array).length;
      case LONG: return ((long[]) array).length;
      case DOUBLE: return ((double[]) array).length;
      case SHORT: return ((short[]) array).length;
      case CHAR: return ((char[]) array).length;
      case FLOAT: return ((float[]) array).length;
      default: return ((boolean[]) array).length;
    }
  }

  /**
   * Below this many elements a copy goes element by element: a bulk copy needs a view buffer, an
   * object per message, which for a few elements costs more than it saves (and a rank that
   * allocates per message touches fresh heap pages until its first collection).
   */
  static final int BULK_FROM = 16;

  /** Copies {@code count} elements of {@code array} from {@code offset} into {@code out} (little-endian). */
  public void put(ByteBuffer out, Object array, int offset, int count) {
    if (count < BULK_FROM && size > 1) {
      putEach(out, array, offset, offset + count);
      return;
    }
    switch (this) {
      case BYTE: out.put((byte[]) array, offset, count); return;
      case INT: out.asIntBuffer().put((int[]) array, offset, count); break;
      case LONG: out.asLongBuffer().put((long[]) array, offset, count); break;
      case DOUBLE: out.asDoubleBuffer().put((double[]) array, offset, count); break;
      case SHORT: out.asShortBuffer().put((short[]) array, offset, count); break;
      case CHAR: out.asCharBuffer().put((char[]) array, offset, count); break;
      case FLOAT: out.asFloatBuffer().put((float[]) array, offset, count); break;
      default:
        boolean[] booleans = (boolean[]) array;
        for (int i = 0; i < count; i++) {
          out.put(booleans[offset + i] ? (byte) 1 : (byte) 0);
        }
        return;
    }
    out.position(out.position() + count * size); // views do not move their parent buffer
  }

  /** Copies {@code count} elements from {@code in} (little-endian) into {@code array} at {@code offset}. */
  public void get(ByteBuffer in, Object array, int offset, int count) {
    if (count < BULK_FROM && size > 1) {
      getEach(in, array, offset, offset + count);
      return;
    }
    switch (this) {
      case BYTE: in.get((byte[]) array, offset, count); return;
      case INT: in.asIntBuffer().get((int[]) array, offset, count); break;
      case LONG: in.asLongBuffer().get((long[]) array, offset, count); break;
      case DOUBLE: in.asDoubleBuffer().get((double[]) array, offset, count); break;
      case SHORT: in.asShortBuffer().get((short[]) array, offset, count); break;
      case CHAR: in.asCharBuffer().get((char[]) array, offset, count); break;
      case FLOAT: in.asFloatBuffer().get((float[]) array, offset, count); break;
      default:
        boolean[] booleans = (boolean[]) array;
        for (int i = 0; i < count; i++) {
          booleans[offset + i] = in.get() != 0;
        }
        return;
    }
    in.position(in.position() + count * size);
  }

  /** The elements as little-endian bytes. */
  public byte[] toBytes(Object array, int offset, int count) {
    byte[] bytes = new byte[Math.multiplyExact(count, size)];
    put(ByteBuffer.wrap(bytes).order(ORDER), array, offset, count);
    return bytes;
  }

  /** A new array holding the elements encoded in {@code bytes}. */
  public Object fromBytes(byte[] bytes) {
    int count = bytes.length / size;
    Object array = newArray(count);
    get(ByteBuffer.wrap(bytes).order(ORDER), array, 0, count);
    return array;
  }

  /** Checks that [offset, offset+count) lies inside the array. */
  public void checkRange(Object array, int offset, int count, String what) {
    int length = length(array);
    if (offset < 0 || count < 0 || offset > length - count) {
      throw new IndexOutOfBoundsException(
          what + ": offset " + offset + " and count " + count + " do not fit an array of length "
              + length);
    }
  }

  private void putEach(ByteBuffer out, Object array, int from, int to) {
    for (int i = from; i < to; i++) {
      switch (this) {
        case INT: out.putInt(((int[]) array)[i]); break;
        case LONG: out.putLong(((long[]) array)[i]); break;
        case DOUBLE: out.putDouble(((double[]) array)[i]); break;
        case SHORT: out.putShort(((short[]) array)[i]); break;
        case CHAR: out.putChar(((char[]) array)[i]); break;
        case FLOAT: out.putFloat(((float[]) array)[i]); break;
        default: throw new IllegalStateException(this + " is copied as bytes");
      }
    }
  }

  private void getEach(ByteBuffer in, Object array, int from, int to) {
    for (int i = from; i < to; i++) {
      switch (this) {
        case INT: ((int[]) array)[i] = in.getInt(); break;
        case LONG: ((long[]) array)[i] = in.getLong(); break;
        case DOUBLE: ((double[]) array)[i] = in.getDouble(); break;
        case SHORT: ((short[]) array)[i] = in.getShort(); break;
        case CHAR: ((char[]) array)[i] = in.getChar(); break;
        case FLOAT: ((float[]) array)[i] = in.getFloat(); break;
        default: throw new IllegalStateException(this + " is copied as bytes");
      }
    }
  }
}
