package io.picluster.it.mpi.ranks;

import java.lang.reflect.Array;
import mpi.Datatype;
import mpi.MPI;

/** Arrays of every basic Java type with values that tell who made them and where. */
final class Values {
  private Values() {}

  static Datatype[] basicTypes() {
    return new Datatype[] {MPI.BYTE, MPI.CHAR, MPI.SHORT, MPI.BOOLEAN, MPI.INT, MPI.LONG, MPI.FLOAT,
        MPI.DOUBLE};
  }

  static String name(Datatype type) {
    String[] names = {"BYTE", "CHAR", "SHORT", "BOOLEAN", "INT", "LONG", "FLOAT", "DOUBLE"};
    Datatype[] types = basicTypes();
    for (int i = 0; i < types.length; i++) {
      if (types[i] == type) {
        return names[i];
      }
    }
    return String.valueOf(type);
  }

  static Class<?> elementClass(Datatype type) {
    Class<?>[] classes = {byte.class, char.class, short.class, boolean.class, int.class, long.class,
        float.class, double.class};
    Datatype[] types = basicTypes();
    for (int i = 0; i < types.length; i++) {
      if (types[i] == type) {
        return classes[i];
      }
    }
    throw new IllegalArgumentException("not a basic type: " + type);
  }

  /** A zeroed array of N elements of TYPE. */
  static Object zeros(Datatype type, int n) {
    return Array.newInstance(elementClass(type), n);
  }

  /** N elements of TYPE; element i depends on SEED and i (and differs between seeds). */
  static Object filled(Datatype type, int n, int seed) {
    Object a = zeros(type, n);
    for (int i = 0; i < n; i++) {
      Array.set(a, i, element(type, seed * 31 + i * 7 + 1));
    }
    return a;
  }

  /** The value V as an element of TYPE, boxed; extremes of the type are reached for large V. */
  static Object element(Datatype type, int v) {
    Class<?> c = elementClass(type);
    if (c == byte.class) return (byte) (v * 37);
    if (c == char.class) return (char) (0x4e00 + (v & 0x3ff)); // beyond Latin-1
    if (c == short.class) return (short) (v * 1013);
    if (c == boolean.class) return (v % 3) == 1;
    if (c == int.class) return v * 100_003;
    if (c == long.class) return v * 10_000_000_019L;
    if (c == float.class) return v + 0.25f;
    return v / 7.0;
  }

  /** Elements [FROM, FROM+N) of array A as a new array. */
  static Object range(Object a, int from, int n) {
    Object r = Array.newInstance(a.getClass().getComponentType(), n);
    System.arraycopy(a, from, r, 0, n);
    return r;
  }

  /** A copy of A with SRC's N elements written at AT. */
  static Object with(Object a, int at, Object src, int n) {
    Object r = Array.newInstance(a.getClass().getComponentType(), Array.getLength(a));
    System.arraycopy(a, 0, r, 0, Array.getLength(a));
    System.arraycopy(src, 0, r, at, n);
    return r;
  }
}
