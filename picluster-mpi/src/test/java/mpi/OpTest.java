package mpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every predefined op on every type it allows (and a clear error elsewhere), MAXLOC/MINLOC, user functions. */
class OpTest {
  private static final Datatype[] NUMERIC = {MPI.BYTE, MPI.CHAR, MPI.SHORT, MPI.INT, MPI.LONG, MPI.FLOAT, MPI.DOUBLE};
  private static final Datatype[] INTEGER = {MPI.BYTE, MPI.CHAR, MPI.SHORT, MPI.INT, MPI.LONG};

  /** An array of type's base holding these values. */
  private static Object array(Datatype t, long... v) {
    Object a = t.baseType().newArray(v.length);
    for (int i = 0; i < v.length; i++) {
      switch (t.baseType()) {
        case BYTE: ((byte[]) a)[i] = (byte) v[i]; break;
        case CHAR: ((char[]) a)[i] = (char) v[i]; break;
        case SHORT: ((short[]) a)[i] = (short) v[i]; break;
        case INT: ((int[]) a)[i] = (int) v[i]; break;
        case LONG: ((long[]) a)[i] = v[i]; break;
        case FLOAT: ((float[]) a)[i] = v[i]; break;
        case DOUBLE: ((double[]) a)[i] = v[i]; break;
        case BOOLEAN: ((boolean[]) a)[i] = v[i] != 0; break;
        default: throw new AssertionError();
      }
    }
    return a;
  }

  private static long[] values(Object a) {
    int n = java.lang.reflect.Array.getLength(a);
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      Object e = java.lang.reflect.Array.get(a, i);
      v[i] = e instanceof Boolean ? ((Boolean) e ? 1 : 0) : e instanceof Character ? (Character) e
          : ((Number) e).longValue();
    }
    return v;
  }

  private static long[] reduce(Op op, Datatype t, long[] in, long[] inout) {
    Object io = array(t, inout);
    op.reduce(array(t, in), 0, io, 0, in.length / t.sizeInElements(), t);
    return values(io);
  }

  @Test
  void arithmeticOnEveryNumericType() {
    for (Datatype t : NUMERIC) {
      long[] in = {3, 5};
      long[] io = {4, 2};
      assertThat(reduce(MPI.MAX, t, in, io)).as("MAX %s", t).containsExactly(4, 5);
      assertThat(reduce(MPI.MIN, t, in, io)).as("MIN %s", t).containsExactly(3, 2);
      assertThat(reduce(MPI.SUM, t, in, io)).as("SUM %s", t).containsExactly(7, 7);
      assertThat(reduce(MPI.PROD, t, in, io)).as("PROD %s", t).containsExactly(12, 10);
    }
  }

  @Test
  void bitwiseAndLogicalOnEveryIntegerType() {
    for (Datatype t : INTEGER) {
      assertThat(reduce(MPI.BAND, t, new long[] {12, 5}, new long[] {10, 3})).as("BAND %s", t).containsExactly(8, 1);
      assertThat(reduce(MPI.BOR, t, new long[] {12, 5}, new long[] {10, 3})).as("BOR %s", t).containsExactly(14, 7);
      assertThat(reduce(MPI.BXOR, t, new long[] {12, 5}, new long[] {10, 3})).as("BXOR %s", t).containsExactly(6, 6);
      long[] in = {0, 2, 0, 3};
      long[] io = {0, 0, 7, 4};
      assertThat(reduce(MPI.LAND, t, in, io)).as("LAND %s", t).containsExactly(0, 0, 0, 1);
      assertThat(reduce(MPI.LOR, t, in, io)).as("LOR %s", t).containsExactly(0, 1, 1, 1);
      assertThat(reduce(MPI.LXOR, t, in, io)).as("LXOR %s", t).containsExactly(0, 1, 1, 0);
    }
  }

  @Test
  void logicalOpsOnBooleans() {
    long[] in = {1, 1, 0, 0};
    long[] io = {1, 0, 1, 0};
    assertThat(reduce(MPI.LAND, MPI.BOOLEAN, in, io)).containsExactly(1, 0, 0, 0);
    assertThat(reduce(MPI.LOR, MPI.BOOLEAN, in, io)).containsExactly(1, 1, 1, 0);
    assertThat(reduce(MPI.LXOR, MPI.BOOLEAN, in, io)).containsExactly(0, 1, 1, 0);
    assertThat(reduce(MPI.BAND, MPI.BOOLEAN, in, io)).containsExactly(1, 0, 0, 0);
    assertThat(reduce(MPI.BOR, MPI.BOOLEAN, in, io)).containsExactly(1, 1, 1, 0);
    assertThat(reduce(MPI.BXOR, MPI.BOOLEAN, in, io)).containsExactly(0, 1, 1, 0);
  }

  @Test
  void opsOnTypesMpiDoesNotAllowAreClearErrors() {
    for (Op op : new Op[] {MPI.BAND, MPI.BOR, MPI.BXOR, MPI.LAND, MPI.LOR, MPI.LXOR}) {
      for (Datatype t : new Datatype[] {MPI.FLOAT, MPI.DOUBLE}) {
        assertThatThrownBy(() -> reduce(op, t, new long[] {1}, new long[] {1})).isInstanceOf(MPIException.class)
            .hasMessageContaining(op.toString()).hasMessageContaining(t.baseType().javaName());
      }
    }
    for (Op op : new Op[] {MPI.MAX, MPI.MIN, MPI.SUM, MPI.PROD}) {
      assertThatThrownBy(() -> reduce(op, MPI.BOOLEAN, new long[] {1}, new long[] {1}))
          .isInstanceOf(MPIException.class).hasMessageContaining("boolean");
    }
    assertThatThrownBy(() -> MPI.SUM.reduce(new Object[] {1}, 0, new Object[] {2}, 0, 1, MPI.OBJECT))
        .isInstanceOf(MPIException.class).hasMessageContaining("OBJECT");
    assertThatThrownBy(() -> reduce(MPI.MAXLOC, MPI.INT, new long[] {1, 2}, new long[] {1, 2}))
        .isInstanceOf(MPIException.class).hasMessageContaining("pair");
    assertThatThrownBy(() -> reduce(MPI.REPLACE, MPI.INT, new long[] {1}, new long[] {1}))
        .isInstanceOf(MPIException.class).hasMessageContaining("one-sided");
    Datatype mixed = Datatype.createStruct(new int[] {1, 1}, new int[] {0, 8}, new Datatype[] {MPI.DOUBLE, MPI.INT});
    assertThatThrownBy(() -> MPI.SUM.reduce(new byte[12], 0, new byte[12], 0, 1, mixed))
        .isInstanceOf(MPIException.class).hasMessageContaining("mixes");
    MPIException e = org.junit.jupiter.api.Assertions.assertThrows(MPIException.class,
        () -> reduce(MPI.BAND, MPI.DOUBLE, new long[] {1}, new long[] {1}));
    assertThat(e.getErrorClass()).isEqualTo(MPI.ERR_OP);
  }

  @Test
  void integerArithmeticWrapsAsJavaDoes() {
    assertThat(reduce(MPI.SUM, MPI.INT, new long[] {Integer.MAX_VALUE}, new long[] {1}))
        .containsExactly(Integer.MIN_VALUE);
    assertThat(reduce(MPI.SUM, MPI.BYTE, new long[] {127}, new long[] {1})).containsExactly(-128);
    assertThat(reduce(MPI.MAX, MPI.CHAR, new long[] {0xFFFF}, new long[] {1})).containsExactly(0xFFFF);
    assertThat(reduce(MPI.MAX, MPI.LONG, new long[] {Long.MAX_VALUE - 1}, new long[] {Long.MAX_VALUE}))
        .containsExactly(Long.MAX_VALUE);
  }

  @Test
  void offsetsAndDerivedTypes() {
    int[] in = {0, 0, 1, 2, 3};
    int[] io = {9, 10, 20, 30};
    MPI.SUM.reduce(in, 2, io, 1, 3, MPI.INT);
    assertThat(io).containsExactly(9, 11, 22, 33);
    // a derived type reduces element by element on its packed data
    Datatype v = Datatype.Vector(2, 1, 3, MPI.DOUBLE);
    double[] a = {1, 2, 3, 4};
    double[] b = {10, 20, 30, 40};
    MPI.SUM.reduce(a, 0, b, 0, 2, v);
    assertThat(b).containsExactly(11, 22, 33, 44);
    // a byte-based Open MPI struct of one primitive reduces as that primitive
    Datatype twoDoubles = Datatype.createStruct(new int[] {2}, new int[] {0}, new Datatype[] {MPI.DOUBLE});
    ByteBuffer x = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putDouble(0, 1.5).putDouble(8, 2);
    ByteBuffer y = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putDouble(0, 1).putDouble(8, 3);
    MPI.PROD.reduce(x.array(), 0, y.array(), 0, 1, twoDoubles);
    assertThat(y.getDouble(0)).isEqualTo(1.5);
    assertThat(y.getDouble(8)).isEqualTo(6);
    MPI.SUM.reduce(new int[0], 0, new int[0], 0, 0, MPI.INT);
  }

  @Test
  void maxlocAndMinlocOnMpjPairsTiesGoToTheLowerIndex() {
    for (Datatype t : new Datatype[] {MPI.SHORT2, MPI.INT2, MPI.LONG2, MPI.FLOAT2, MPI.DOUBLE2}) {
      long[] in = {5, 3, 7, 1, 2, 9};
      long[] io = {5, 1, 6, 0, 2, 4};
      assertThat(reduce(MPI.MAXLOC, t, in, io)).as("MAXLOC %s", t).containsExactly(5, 1, 7, 1, 2, 4);
      assertThat(reduce(MPI.MINLOC, t, in, io)).as("MINLOC %s", t).containsExactly(5, 1, 6, 0, 2, 4);
      // the tie rule holds whichever side has the lower index
      assertThat(reduce(MPI.MAXLOC, t, new long[] {8, 2}, new long[] {8, 6})).containsExactly(8, 2);
      assertThat(reduce(MPI.MINLOC, t, new long[] {8, 6}, new long[] {8, 2})).containsExactly(8, 2);
    }
    // long values beyond a double's precision still compare exactly
    long big = 1L << 60;
    assertThat(reduce(MPI.MAXLOC, MPI.LONG2, new long[] {big + 1, 3}, new long[] {big, 0}))
        .containsExactly(big + 1, 3);
  }

  @Test
  void maxlocAndMinlocOnOmpiPairStructs() {
    checkBytePairs(MPI.DOUBLE_INT, MPI.doubleInt);
    checkBytePairs(MPI.FLOAT_INT, MPI.floatInt);
    checkBytePairs(MPI.LONG_INT, MPI.longInt);
    checkBytePairs(MPI.SHORT_INT, MPI.shortInt);
    // INT2 over Open MPI-style ByteBuffers goes through int elements
    ByteBuffer a = MPI.newByteBuffer(8);
    ByteBuffer b = MPI.newByteBuffer(8);
    Int2.Data ad = MPI.int2.getData(a);
    ad.putValue(4);
    ad.putIndex(1);
    Int2.Data bd = MPI.int2.getData(b);
    bd.putValue(4);
    bd.putIndex(0);
    int[] pa = (int[]) MPI.INT2.pack(a, 1);
    int[] pb = (int[]) MPI.INT2.pack(b, 1);
    MPI.MAXLOC.reduce(pa, 0, pb, 0, 1, MPI.INT2);
    assertThat(pb).containsExactly(4, 0);
  }

  private static void checkBytePairs(Datatype type, Struct struct) {
    ByteBuffer in = MPI.newByteBuffer(3 * struct.getExtent());
    ByteBuffer io = MPI.newByteBuffer(3 * struct.getExtent());
    long[][] inPairs = {{5, 3}, {7, 1}, {2, 9}};
    long[][] ioPairs = {{5, 1}, {6, 0}, {2, 4}};
    for (int i = 0; i < 3; i++) {
      put(struct, in, i, inPairs[i]);
      put(struct, io, i, ioPairs[i]);
    }
    for (Op op : new Op[] {MPI.MAXLOC, MPI.MINLOC}) {
      byte[] a = (byte[]) type.pack(in, 3);
      byte[] b = (byte[]) type.pack(io, 3);
      op.reduce(a, 0, b, 0, 3, type);
      ByteBuffer out = MPI.newByteBuffer(3 * struct.getExtent());
      type.unpack(b, b.length, out);
      long[][] want = op == MPI.MAXLOC ? new long[][] {{5, 1}, {7, 1}, {2, 4}} : new long[][] {{5, 1}, {6, 0}, {2, 4}};
      for (int i = 0; i < 3; i++) {
        assertThat(get(struct, out, i)).as("%s %s pair %d", op, type, i).containsExactly(want[i]);
      }
    }
  }

  private static void put(Struct s, ByteBuffer b, int i, long[] pair) {
    if (s instanceof DoubleInt) {
      DoubleInt.Data d = s.getData(b, i);
      d.putValue(pair[0]);
      d.putIndex((int) pair[1]);
    } else if (s instanceof FloatInt) {
      FloatInt.Data d = s.getData(b, i);
      d.putValue(pair[0]);
      d.putIndex((int) pair[1]);
    } else if (s instanceof LongInt) {
      LongInt.Data d = s.getData(b, i);
      d.putValue(pair[0]);
      d.putIndex((int) pair[1]);
    } else {
      ShortInt.Data d = s.getData(b, i);
      d.putValue((short) pair[0]);
      d.putIndex((int) pair[1]);
    }
  }

  private static long[] get(Struct s, ByteBuffer b, int i) {
    if (s instanceof DoubleInt) {
      DoubleInt.Data d = s.getData(b, i);
      return new long[] {(long) d.getValue(), d.getIndex()};
    } else if (s instanceof FloatInt) {
      FloatInt.Data d = s.getData(b, i);
      return new long[] {(long) d.getValue(), d.getIndex()};
    } else if (s instanceof LongInt) {
      LongInt.Data d = s.getData(b, i);
      return new long[] {d.getValue(), d.getIndex()};
    } else {
      ShortInt.Data d = s.getData(b, i);
      return new long[] {d.getValue(), d.getIndex()};
    }
  }

  @Test
  void complexNumbersMultiplyAsComplex() {
    double[] a = {1, 2, 0.5, 0};
    double[] b = {3, 4, 2, 2};
    MPI.PROD.reduce(a, 0, b, 0, 2, MPI.DOUBLE_COMPLEX);
    assertThat(b).containsExactly(-5, 10, 1, 1);
    float[] c = {1, 1};
    float[] d = {1, -1};
    MPI.PROD.reduce(c, 0, d, 0, 1, MPI.FLOAT_COMPLEX);
    assertThat(d).containsExactly(2f, 0f);
    MPI.SUM.reduce(c, 0, d, 0, 1, MPI.FLOAT_COMPLEX);
    assertThat(d).containsExactly(3f, 1f);
    assertThatThrownBy(() -> MPI.MAX.reduce(c, 0, d, 0, 1, MPI.FLOAT_COMPLEX)).isInstanceOf(MPIException.class)
        .hasMessageContaining("complex");
    DoubleComplex z = DoubleComplex.get(b, 1);
    assertThat(z.getReal()).isEqualTo(1);
    z.putImag(7);
    assertThat(b[3]).isEqualTo(7);
  }

  @Test
  void mpjUserFunctionSeesLowerRanksFirstAndOffsets() {
    List<String> calls = new ArrayList<>();
    Op concat = new Op(new User_function() {
      @Override
      public void Call(Object invec, int inoffset, Object inoutvec, int inoutoffset, int count, Datatype datatype) {
        calls.add(inoffset + "," + inoutoffset + "," + count + "," + datatype);
        int[] in = (int[]) invec;
        int[] io = (int[]) inoutvec;
        for (int i = 0; i < count; i++) {
          io[inoutoffset + i] = in[inoffset + i] * 10 + io[inoutoffset + i]; // not commutative
        }
      }
    }, false);
    assertThat(concat.isCommutative()).isFalse();
    int[] io = {0, 2, 3};
    concat.reduce(new int[] {7, 1, 1}, 1, io, 1, 2, MPI.INT);
    assertThat(io).containsExactly(0, 12, 13);
    assertThat(calls).containsExactly("1,1,2,MPI_INT");
  }

  @Test
  void mpjUserFunctionSeesTheDatatypesLayout() {
    Datatype v = Datatype.Vector(2, 1, 2, MPI.INT); // x.x, extent 3
    Op sumFirstOfEach = new Op(new User_function() {
      @Override
      public void Call(Object invec, int inoffset, Object inoutvec, int inoutoffset, int count, Datatype datatype) {
        int[] in = (int[]) invec;
        int[] io = (int[]) inoutvec;
        int ext = datatype.Extent();
        for (int k = 0; k < count; k++) {
          io[inoutoffset + k * ext] += in[inoffset + k * ext];
          io[inoutoffset + k * ext + 2] -= in[inoffset + k * ext + 2];
        }
      }
    }, true, 42);
    assertThat(sumFirstOfEach.opCode).isEqualTo(42);
    int[] packedIn = {1, 2, 3, 4};
    int[] packedIo = {10, 20, 30, 40};
    sumFirstOfEach.reduce(packedIn, 0, packedIo, 0, 2, v);
    assertThat(packedIo).containsExactly(11, 18, 33, 36);
  }

  @Test
  void ompiUserFunctionOnArrays() {
    Op max = new Op(new UserFunction() {
      @Override
      public void call(Object inVec, Object inOutVec, int count, Datatype datatype) {
        double[] in = (double[]) inVec;
        double[] io = (double[]) inOutVec;
        for (int i = 0; i < count * datatype.getExtent(); i++) {
          io[i] = Math.max(in[i], io[i]);
        }
      }
    }, true);
    double[] io = {5, 0, 3};
    max.reduce(new double[] {9, 1, 2, 4}, 1, io, 0, 3, MPI.DOUBLE);
    assertThat(io).containsExactly(5, 2, 4);
  }

  @Test
  void ompiUserFunctionOnByteBuffers() {
    Op sub = new Op(new UserFunction() {
      @Override
      public void call(ByteBuffer in, ByteBuffer inOut, int count, Datatype datatype) {
        assertThat(in.isDirect()).isTrue();
        assertThat(in.order()).isEqualTo(ByteOrder.nativeOrder());
        IntBuffer a = in.asIntBuffer();
        IntBuffer b = inOut.asIntBuffer();
        for (int i = 0; i < count; i++) {
          b.put(i, a.get(i) - b.get(i));
        }
      }
    }, false);
    int[] io = {1, 2};
    sub.reduce(new int[] {10, 20}, 0, io, 0, 2, MPI.INT);
    assertThat(io).containsExactly(9, 18);
  }

  @Test
  void ompiUserFunctionOnBooleansAndObjects() {
    Op and = new Op(new UserFunction() {
      @Override
      public void call(Object inVec, Object inOutVec, int count, Datatype datatype) {
        boolean[] a = (boolean[]) inVec;
        boolean[] b = (boolean[]) inOutVec;
        for (int i = 0; i < count; i++) {
          b[i] &= a[i];
        }
      }
    }, true);
    boolean[] io = {true, true};
    and.reduce(new boolean[] {true, false}, 0, io, 0, 2, MPI.BOOLEAN);
    assertThat(io).containsExactly(true, false);
    Op join = new Op(new User_function() {
      @Override
      public void Call(Object invec, int inoffset, Object inoutvec, int inoutoffset, int count, Datatype datatype) {
        Object[] a = (Object[]) invec;
        Object[] b = (Object[]) inoutvec;
        for (int i = 0; i < count; i++) {
          b[inoutoffset + i] = a[inoffset + i] + "" + b[inoutoffset + i];
        }
      }
    }, false);
    Object[] words = {"b", "d"};
    join.reduce(new Object[] {"a", "c"}, 0, words, 0, 2, MPI.OBJECT);
    assertThat(words).containsExactly("ab", "cd");
  }

  @Test
  void ompiUserFunctionThatOverridesNothingSaysSo() {
    Op none = new Op(new UserFunction() { }, true);
    assertThatThrownBy(() -> none.reduce(new int[1], 0, new int[1], 0, 1, MPI.INT))
        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("overrides neither");
  }

  @Test
  void builtinsAreCommutativeAndFreeingIsHarmless() {
    for (Op op : new Op[] {MPI.MAX, MPI.MIN, MPI.SUM, MPI.PROD, MPI.LAND, MPI.BAND, MPI.LOR, MPI.BOR, MPI.LXOR,
        MPI.BXOR, MPI.MAXLOC, MPI.MINLOC}) {
      assertThat(op.isCommutative()).isTrue();
      op.free();
      assertThat(op.isNull()).isFalse();
    }
    Op user = new Op(new UserFunction() { }, true);
    user.free();
    assertThat(user.isNull()).isTrue();
    assertThatThrownBy(() -> user.reduce(new int[1], 0, new int[1], 0, 1, MPI.INT))
        .isInstanceOf(MPIException.class).hasMessageContaining("freed");
    assertThatThrownBy(() -> new Op((UserFunction) null, true)).isInstanceOf(MPIException.class);
  }

  @Test
  void overrunningThePackedArraysIsAClearError() {
    assertThatThrownBy(() -> MPI.SUM.reduce(new int[2], 0, new int[3], 0, 3, MPI.INT))
        .isInstanceOf(MPIException.class).hasMessageContaining("overruns");
  }

  @Test
  void pairsAndComplexNumbersInsideOmpiStructs() {
    Datatype shortPairs = Datatype.createStruct(new int[] {2}, new int[] {0}, new Datatype[] {MPI.SHORT2});
    ByteBuffer a = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
    ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
    a.putShort(0, (short) 5).putShort(2, (short) 9).putShort(4, (short) 1).putShort(6, (short) 3);
    b.putShort(0, (short) 5).putShort(2, (short) 2).putShort(4, (short) 0).putShort(6, (short) 8);
    MPI.MAXLOC.reduce(a.array(), 0, b.array(), 0, 1, shortPairs);
    assertThat(new short[] {b.getShort(0), b.getShort(2), b.getShort(4), b.getShort(6)})
        .containsExactly((short) 5, (short) 2, (short) 1, (short) 3);
    Datatype complexes = Datatype.createStruct(new int[] {1}, new int[] {0}, new Datatype[] {MPI.DOUBLE_COMPLEX});
    ByteBuffer x = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putDouble(0, 1).putDouble(8, 2);
    ByteBuffer y = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putDouble(0, 3).putDouble(8, 4);
    MPI.PROD.reduce(x.array(), 0, y.array(), 0, 1, complexes);
    assertThat(y.getDouble(0)).isEqualTo(-5);
    assertThat(y.getDouble(8)).isEqualTo(10);
  }
}
