package io.picluster.it.mpi.ranks;

import java.lang.reflect.Array;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import mpi.Datatype;
import mpi.MPI;

/** java.nio buffers for the Open MPI style programs: direct ones from MPI.new*Buffer, and reads/writes by index. */
final class Buffers {
  private Buffers() {}

  /** The numeric basic types (booleans have no buffer kind of their own). */
  static Datatype[] types() {
    return new Datatype[] {MPI.BYTE, MPI.CHAR, MPI.SHORT, MPI.INT, MPI.LONG, MPI.FLOAT, MPI.DOUBLE};
  }

  /** A direct buffer of N elements of TYPE, made by MPI.new*Buffer. */
  static Buffer direct(Datatype type, int n) {
    if (type == MPI.BYTE) return MPI.newByteBuffer(n);
    if (type == MPI.CHAR) return MPI.newCharBuffer(n);
    if (type == MPI.SHORT) return MPI.newShortBuffer(n);
    if (type == MPI.INT) return MPI.newIntBuffer(n);
    if (type == MPI.LONG) return MPI.newLongBuffer(n);
    if (type == MPI.FLOAT) return MPI.newFloatBuffer(n);
    if (type == MPI.DOUBLE) return MPI.newDoubleBuffer(n);
    throw new IllegalArgumentException("no buffer kind for " + Values.name(type));
  }

  /** A direct buffer holding ARRAY's elements. */
  static Buffer directOf(Datatype type, Object array) {
    Buffer b = direct(type, Array.getLength(array));
    for (int i = 0; i < Array.getLength(array); i++) {
      put(b, i, Array.get(array, i));
    }
    return b;
  }

  /** A heap buffer over ARRAY starting at element OFF (arrayOffset OFF), by MPI.slice. */
  static Buffer slice(Object array, int off) {
    if (array instanceof byte[]) return MPI.slice((byte[]) array, off);
    if (array instanceof char[]) return MPI.slice((char[]) array, off);
    if (array instanceof short[]) return MPI.slice((short[]) array, off);
    if (array instanceof int[]) return MPI.slice((int[]) array, off);
    if (array instanceof long[]) return MPI.slice((long[]) array, off);
    if (array instanceof float[]) return MPI.slice((float[]) array, off);
    return MPI.slice((double[]) array, off);
  }

  static void put(Buffer b, int i, Object v) {
    if (b instanceof ByteBuffer) ((ByteBuffer) b).put(i, (Byte) v);
    else if (b instanceof CharBuffer) ((CharBuffer) b).put(i, (Character) v);
    else if (b instanceof ShortBuffer) ((ShortBuffer) b).put(i, (Short) v);
    else if (b instanceof IntBuffer) ((IntBuffer) b).put(i, (Integer) v);
    else if (b instanceof LongBuffer) ((LongBuffer) b).put(i, (Long) v);
    else if (b instanceof FloatBuffer) ((FloatBuffer) b).put(i, (Float) v);
    else ((DoubleBuffer) b).put(i, (Double) v);
  }

  static Object get(Buffer b, int i) {
    if (b instanceof ByteBuffer) return ((ByteBuffer) b).get(i);
    if (b instanceof CharBuffer) return ((CharBuffer) b).get(i);
    if (b instanceof ShortBuffer) return ((ShortBuffer) b).get(i);
    if (b instanceof IntBuffer) return ((IntBuffer) b).get(i);
    if (b instanceof LongBuffer) return ((LongBuffer) b).get(i);
    if (b instanceof FloatBuffer) return ((FloatBuffer) b).get(i);
    return ((DoubleBuffer) b).get(i);
  }

  /** Elements [0, N) of B (absolute reads: position and limit play no part) as an array of TYPE. */
  static Object contents(Datatype type, Buffer b, int n) {
    Object a = Values.zeros(type, n);
    for (int i = 0; i < n; i++) {
      Array.set(a, i, get(b, i));
    }
    return a;
  }
}
