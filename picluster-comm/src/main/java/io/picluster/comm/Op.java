package io.picluster.comm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.IntBinaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * A reduction for {@code reduce} and {@code allreduce}. The predefined ones work on boxed numbers
 * and {@link BigInteger}/{@link BigDecimal}, on {@code int[] long[] double[]} element by element
 * (in the object layer and the array layer alike), and MIN/MAX on any {@link Comparable}.
 *
 * <p>User operations must be associative. They are combined in rank order (rank 0's value on the
 * left), so they need not be commutative.
 */
public abstract class Op {
  public static final Op SUM = new Elementwise("SUM", Arithmetic.SUM) {
    @Override
    Object applyObjects(Object a, Object b) {
      if (a instanceof BigInteger && b instanceof BigInteger) return ((BigInteger) a).add((BigInteger) b);
      if (a instanceof BigDecimal && b instanceof BigDecimal) return ((BigDecimal) a).add((BigDecimal) b);
      return super.applyObjects(a, b);
    }
  };
  public static final Op PROD = new Elementwise("PROD", Arithmetic.PROD) {
    @Override
    Object applyObjects(Object a, Object b) {
      if (a instanceof BigInteger && b instanceof BigInteger) return ((BigInteger) a).multiply((BigInteger) b);
      if (a instanceof BigDecimal && b instanceof BigDecimal) return ((BigDecimal) a).multiply((BigDecimal) b);
      return super.applyObjects(a, b);
    }
  };
  public static final Op MIN = new Elementwise("MIN", Arithmetic.MIN) {
    @Override
    Object applyObjects(Object a, Object b) {
      return isNumberOrArray(a) ? super.applyObjects(a, b) : compare(a, b) <= 0 ? a : b;
    }
  };
  public static final Op MAX = new Elementwise("MAX", Arithmetic.MAX) {
    @Override
    Object applyObjects(Object a, Object b) {
      return isNumberOrArray(a) ? super.applyObjects(a, b) : compare(a, b) >= 0 ? a : b;
    }
  };

  private final String name;
  private final boolean commutative;
  /** {@link #applyObjects} as the collectives take it: made once per operation, not per call. */
  final BinaryOperator<Object> onObjects = new BinaryOperator<>() {
    @Override
    public Object apply(Object a, Object b) {
      return applyObjects(a, b);
    }
  };

  Op(String name, boolean commutative) {
    this.name = name;
    this.commutative = commutative;
  }

  /** An operation on objects of the object layer, e.g. {@code Op.of((String a, String b) -> a + b)}. */
  public static <T> Op of(BinaryOperator<T> function) {
    return new Op("user function", false) {
      @Override
      @SuppressWarnings("unchecked")
      Object applyObjects(Object a, Object b) {
        return function.apply((T) a, (T) b);
      }
    };
  }

  /** An element-wise operation on {@code long[]} (and on boxed {@code Long}s). */
  public static Op ofLongs(LongBinaryOperator function) {
    return new Elementwise("user function on longs", function, null, null, false);
  }

  /** An element-wise operation on {@code int[]} (and on boxed {@code Integer}s). */
  public static Op ofInts(IntBinaryOperator function) {
    return new Elementwise("user function on ints", null, function, null, false);
  }

  /** An element-wise operation on {@code double[]} (and on boxed {@code Double}s). */
  public static Op ofDoubles(DoubleBinaryOperator function) {
    return new Elementwise("user function on doubles", null, null, function, false);
  }

  /** Whether partial results may be combined in any order (the predefined operations). */
  boolean commutative() {
    return commutative;
  }

  /** {@code a op b}, where {@code a} holds the lower ranks' part. */
  abstract Object applyObjects(Object a, Object b);

  /** {@code left[i] = left[i] op right[i]} for {@code count} elements. */
  void applyArrays(Object left, Object right, int count) {
    throw new IllegalArgumentException(name + " works on objects, not on arrays; for arrays use Op.SUM, "
        + "MIN, MAX, PROD or Op.ofLongs/ofInts/ofDoubles");
  }

  @Override
  public String toString() {
    return name;
  }

  static int compare(Object a, Object b) {
    if (!(a instanceof Comparable)) {
      throw new IllegalArgumentException("cannot take MIN/MAX of a " + a.getClass().getName()
          + ": it is not Comparable");
    }
    @SuppressWarnings("unchecked")
    Comparable<Object> left = (Comparable<Object>) a;
    return left.compareTo(b);
  }

  static boolean isNumberOrArray(Object a) {
    return a instanceof Long || a instanceof Integer || a instanceof Double
        || a instanceof long[] || a instanceof int[] || a instanceof double[];
  }

  /** An operation defined per element for longs, ints and doubles. */
  private static class Elementwise extends Op {
    private final LongBinaryOperator longs;
    private final IntBinaryOperator ints;
    private final DoubleBinaryOperator doubles;

    Elementwise(String name, Arithmetic arithmetic) {
      this(name, arithmetic, arithmetic, arithmetic, true);
    }

    Elementwise(String name, LongBinaryOperator longs, IntBinaryOperator ints, DoubleBinaryOperator doubles,
        boolean commutative) {
      super(name, commutative);
      this.longs = longs;
      this.ints = ints;
      this.doubles = doubles;
    }

    @Override
    Object applyObjects(Object a, Object b) {
      requireSameType(a, b);
      if (a instanceof Long && longs != null) return longs.applyAsLong((Long) a, (Long) b);
      if (a instanceof Integer && ints != null) return ints.applyAsInt((Integer) a, (Integer) b);
      if (a instanceof Double && doubles != null) return doubles.applyAsDouble((Double) a, (Double) b);
      if (a instanceof long[] || a instanceof int[] || a instanceof double[]) {
        Object copy = copyOf(a);
        applyArrays(copy, b, java.lang.reflect.Array.getLength(a));
        return copy;
      }
      throw new IllegalArgumentException("cannot apply " + this + " to a " + a.getClass().getName());
    }

    @Override
    void applyArrays(Object left, Object right, int count) {
      if (left instanceof long[] && longs != null) {
        long[] l = (long[]) left;
        long[] r = (long[]) right;
        for (int i = 0; i < count; i++) l[i] = longs.applyAsLong(l[i], r[i]);
      } else if (left instanceof int[] && ints != null) {
        int[] l = (int[]) left;
        int[] r = (int[]) right;
        for (int i = 0; i < count; i++) l[i] = ints.applyAsInt(l[i], r[i]);
      } else if (left instanceof double[] && doubles != null) {
        double[] l = (double[]) left;
        double[] r = (double[]) right;
        for (int i = 0; i < count; i++) l[i] = doubles.applyAsDouble(l[i], r[i]);
      } else {
        throw new IllegalArgumentException("cannot apply " + this + " to " + left.getClass().getSimpleName());
      }
    }

    private void requireSameType(Object a, Object b) {
      if (a == null || b == null || a.getClass() != b.getClass()) {
        throw new IllegalArgumentException("cannot apply " + this + " to a "
            + (a == null ? "null" : a.getClass().getSimpleName()) + " and a "
            + (b == null ? "null" : b.getClass().getSimpleName()) + "; every rank must give the same type");
      }
      int lengthA = a.getClass().isArray() ? java.lang.reflect.Array.getLength(a) : 0;
      int lengthB = b.getClass().isArray() ? java.lang.reflect.Array.getLength(b) : 0;
      if (lengthA != lengthB) {
        throw new IllegalArgumentException("cannot apply " + this + " to arrays of lengths " + lengthA
            + " and " + lengthB + "; every rank must give the same length");
      }
    }

    private static Object copyOf(Object array) {
      if (array instanceof long[]) return ((long[]) array).clone();
      if (array instanceof int[]) return ((int[]) array).clone();
      return ((double[]) array).clone();
    }
  }

  /**
   * SUM, PROD, MIN and MAX on longs, ints and doubles in one small class, not as 12 lambdas: a
   * lambda is linked at its first use, about 0.5 ms each, and this class is initialized once per
   * rank (each rank that is a thread has its own copy), at its first reduction.
   */
  private static final class Arithmetic implements LongBinaryOperator, IntBinaryOperator, DoubleBinaryOperator {
    static final Arithmetic SUM = new Arithmetic(0);
    static final Arithmetic PROD = new Arithmetic(1);
    static final Arithmetic MIN = new Arithmetic(2);
    static final Arithmetic MAX = new Arithmetic(3);

    private final int operation;

    private Arithmetic(int operation) {
      this.operation = operation;
    }

    @Override
    public long applyAsLong(long a, long b) {
      switch (operation) {
        case 0: return a + b;
        case 1: return a * b;
        case 2: return Math.min(a, b);
        default: return Math.max(a, b);
      }
    }

    /** Through longs: the low 32 bits of a long sum or product are the int's, wrapped alike. */
    @Override
    public int applyAsInt(int a, int b) {
      return (int) applyAsLong(a, b);
    }

    @Override
    public double applyAsDouble(double a, double b) {
      switch (operation) {
        case 0: return a + b;
        case 1: return a * b;
        case 2: return Math.min(a, b);
        default: return Math.max(a, b);
      }
    }
  }
}
