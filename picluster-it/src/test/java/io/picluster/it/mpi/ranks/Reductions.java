package io.picluster.it.mpi.ranks;

import java.lang.reflect.Array;
import mpi.Datatype;
import mpi.MPI;
import mpi.Op;

/**
 * The builtin reduction operations, the basic types MPI allows each on, every rank's contribution
 * and the exact expected result (folded in rank order with Java's arithmetic for the type, so
 * integer wrap-around and exact float sums agree with any correct order of evaluation).
 */
final class Reductions {
  private Reductions() {}

  static final int COUNT = 3;

  static Op[] ops() {
    return new Op[] {MPI.MAX, MPI.MIN, MPI.SUM, MPI.PROD, MPI.LAND, MPI.LOR, MPI.LXOR, MPI.BAND,
        MPI.BOR, MPI.BXOR};
  }

  static String name(Op op) {
    String[] names = {"MAX", "MIN", "SUM", "PROD", "LAND", "LOR", "LXOR", "BAND", "BOR", "BXOR"};
    Op[] ops = ops();
    for (int i = 0; i < ops.length; i++) {
      if (ops[i] == op) {
        return names[i];
      }
    }
    return String.valueOf(op);
  }

  /** The basic types MPI defines OP on (C integer, floating point, logical, byte groups). */
  static Datatype[] typesFor(Op op) {
    if (op == MPI.LAND || op == MPI.LOR || op == MPI.LXOR) {
      return new Datatype[] {MPI.BOOLEAN};
    }
    if (op == MPI.BAND || op == MPI.BOR || op == MPI.BXOR) {
      return new Datatype[] {MPI.BYTE, MPI.SHORT, MPI.INT, MPI.LONG};
    }
    return new Datatype[] {MPI.BYTE, MPI.SHORT, MPI.INT, MPI.LONG, MPI.FLOAT, MPI.DOUBLE};
  }

  /** Rank R's COUNT elements of TYPE for OP: small, exactly representable, and varied. */
  static Object contribution(Datatype type, Op op, int r) {
    Object a = Values.zeros(type, COUNT);
    for (int i = 0; i < COUNT; i++) {
      if (type == MPI.BOOLEAN) {
        boolean b = i == 0 ? true : i == 1 ? r != 0 : r % 2 == 0;
        Array.set(a, i, b);
      } else {
        long v;
        if (op == MPI.PROD) {
          v = (r + i) % 3 == 0 ? -1 : (r + i) % 3 + 1; // -1, 2, 3: products stay exact in doubles
        } else if (op == MPI.BAND || op == MPI.BOR || op == MPI.BXOR) {
          v = (0x5A ^ (r * 0x13 + i * 0x21)) & 0x7f;
        } else {
          v = (r * 7 + i * 5) % 11 - 5; // -5 .. 5, so MAX and MIN depend on every rank
        }
        Array.set(a, i, box(type, v, i));
      }
    }
    return a;
  }

  private static Object box(Datatype type, long v, int i) {
    if (type == MPI.BYTE) return (byte) v;
    if (type == MPI.SHORT) return (short) (v * 100);
    if (type == MPI.INT) return (int) (v * 10_000);
    if (type == MPI.LONG) return v * 10_000_000_000L;
    if (type == MPI.FLOAT) return (float) (v + (i == 1 ? 0.5 : 0));
    return v + (i == 2 ? 0.25 : 0);
  }

  /** OP folded over ranks 0..SIZE-1 (lower ranks on the left). */
  static Object expected(Datatype type, Op op, int size) {
    Object acc = contribution(type, op, 0);
    for (int r = 1; r < size; r++) {
      Object in = contribution(type, op, r);
      for (int i = 0; i < COUNT; i++) {
        Array.set(acc, i, combine(type, op, Array.get(acc, i), Array.get(in, i)));
      }
    }
    return acc;
  }

  /** OP folded over ranks 0..UPTO inclusive. */
  static Object prefix(Datatype type, Op op, int upto) {
    return expected(type, op, upto + 1);
  }

  private static Object combine(Datatype type, Op op, Object a, Object b) {
    if (type == MPI.BOOLEAN) {
      boolean x = (Boolean) a;
      boolean y = (Boolean) b;
      return op == MPI.LAND ? x && y : op == MPI.LOR ? x || y : x ^ y;
    }
    if (type == MPI.FLOAT || type == MPI.DOUBLE) {
      double x = ((Number) a).doubleValue();
      double y = ((Number) b).doubleValue();
      double r = op == MPI.MAX ? Math.max(x, y) : op == MPI.MIN ? Math.min(x, y)
          : op == MPI.SUM ? x + y : x * y;
      return type == MPI.FLOAT ? (Object) (float) r : (Object) r;
    }
    long x = ((Number) a).longValue();
    long y = ((Number) b).longValue();
    long r;
    if (op == MPI.MAX) r = Math.max(x, y);
    else if (op == MPI.MIN) r = Math.min(x, y);
    else if (op == MPI.SUM) r = x + y;
    else if (op == MPI.PROD) r = x * y;
    else if (op == MPI.BAND) r = x & y;
    else if (op == MPI.BOR) r = x | y;
    else r = x ^ y;
    if (type == MPI.BYTE) return (byte) r;
    if (type == MPI.SHORT) return (short) r;
    if (type == MPI.INT) return (int) r;
    return r;
  }
}
