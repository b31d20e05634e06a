package mpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import org.junit.jupiter.api.Test;

/** MPI's constants, time and buffer helpers; MPIException's shape. */
class MpiConstantsTest {
  @Test
  void mpjValuesThatProgramsHaveInlined() {
    assertThat(MPI.IDENT).isZero();
    assertThat(MPI.CONGRUENT).isEqualTo(3);
    assertThat(MPI.SIMILAR).isEqualTo(1);
    assertThat(MPI.UNEQUAL).isEqualTo(2);
    assertThat(MPI.ANY_SOURCE).isEqualTo(-2);
    assertThat(MPI.ANY_TAG).isEqualTo(-2);
    assertThat(MPI.PROC_NULL).isEqualTo(-3);
    assertThat(MPI.UNDEFINED).isEqualTo(-1);
    assertThat(new int[] {MPI.THREAD_SINGLE, MPI.THREAD_FUNNELED, MPI.THREAD_SERIALIZED, MPI.THREAD_MULTIPLE})
        .containsExactly(1, 2, 3, 4);
    assertThat(MPI.GRAPH).isEqualTo(1);
    assertThat(MPI.CART).isEqualTo(2);
    assertThat(new int[] {MPI.TAG_UB, MPI.HOST, MPI.IO, MPI.WTIME_IS_GLOBAL}).doesNotHaveDuplicates();
  }

  @Test
  void objectConstantsExistBeforeInit() {
    Object[] all = {MPI.BYTE, MPI.CHAR, MPI.SHORT, MPI.BOOLEAN, MPI.INT, MPI.LONG, MPI.FLOAT, MPI.DOUBLE, MPI.PACKED,
        MPI.LB, MPI.UB, MPI.OBJECT, MPI.SHORT2, MPI.INT2, MPI.LONG2, MPI.FLOAT2, MPI.DOUBLE2, MPI.SHORT_INT,
        MPI.LONG_INT, MPI.FLOAT_INT, MPI.DOUBLE_INT, MPI.FLOAT_COMPLEX, MPI.DOUBLE_COMPLEX, MPI.NULL, MPI.MAX, MPI.MIN,
        MPI.SUM, MPI.PROD, MPI.LAND, MPI.BAND, MPI.LOR, MPI.BOR, MPI.LXOR, MPI.BXOR, MPI.MAXLOC, MPI.MINLOC,
        MPI.REPLACE, MPI.NO_OP, MPI.ERRORS_ARE_FATAL, MPI.ERRORS_RETURN, MPI.ERRORS_ABORT, MPI.GROUP_EMPTY,
        MPI.GROUP_NULL, MPI.EMPTY_STATUS, MPI.int2, MPI.shortInt, MPI.longInt, MPI.floatInt, MPI.doubleInt};
    assertThat(all).doesNotContainNull();
    assertThat(MPI.ERRORS_ARE_FATAL.isFatal()).isTrue();
    assertThat(MPI.ERRORS_RETURN.isFatal()).isFalse();
    assertThat(MPI.ERRORS_ABORT.isFatal()).isTrue();
    assertThat(MPI.getVersion().getVersion()).isEqualTo(MPI.VERSION);
    assertThat(MPI.getVersion().getSubVersion()).isEqualTo(MPI.SUBVERSION);
    assertThat(MPI.getLibVersion()).contains("picluster");
    MPI.pControl(1, null);
  }

  @Test
  void wtimeHasNanosecondResolution() throws InterruptedException {
    double a = MPI.Wtime();
    Thread.sleep(20);
    double b = MPI.wtime();
    assertThat(b - a).isGreaterThan(0.015); // not MPJ Express's whole seconds
    assertThat(MPI.Wtick()).isEqualTo(1e-9);
    assertThat(MPI.wtick()).isEqualTo(1e-9);
  }

  @Test
  void newBuffersAreDirectAndNative() {
    assertThat(MPI.newByteBuffer(4).isDirect()).isTrue();
    assertThat(MPI.newByteBuffer(4).order()).isEqualTo(ByteOrder.nativeOrder());
    CharBuffer c = MPI.newCharBuffer(3);
    ShortBuffer s = MPI.newShortBuffer(3);
    IntBuffer i = MPI.newIntBuffer(3);
    LongBuffer l = MPI.newLongBuffer(3);
    FloatBuffer f = MPI.newFloatBuffer(3);
    DoubleBuffer d = MPI.newDoubleBuffer(3);
    for (java.nio.Buffer b : new java.nio.Buffer[] {c, s, i, l, f, d}) {
      assertThat(b.isDirect()).isTrue();
      assertThat(b.capacity()).isEqualTo(3);
    }
    assertThat(i.order()).isEqualTo(ByteOrder.nativeOrder());
  }

  @Test
  void slicesOfArraysAndBuffers() {
    byte[] b = {1, 2, 3};
    ByteBuffer bs = MPI.slice(b, 1);
    assertThat(bs.get(0)).isEqualTo((byte) 2);
    assertThat(bs.order()).isEqualTo(ByteOrder.nativeOrder());
    assertThat(MPI.slice(new char[] {'a', 'b'}, 1).get(0)).isEqualTo('b');
    assertThat(MPI.slice(new short[] {1, 2}, 1).get(0)).isEqualTo((short) 2);
    assertThat(MPI.slice(new int[] {1, 2}, 1).arrayOffset()).isEqualTo(1);
    assertThat(MPI.slice(new long[] {1, 2}, 1).get(0)).isEqualTo(2);
    assertThat(MPI.slice(new float[] {1, 2}, 1).get(0)).isEqualTo(2f);
    assertThat(MPI.slice(new double[] {1, 2}, 1).capacity()).isEqualTo(1);
    IntBuffer ib = IntBuffer.wrap(new int[] {5, 6, 7});
    IntBuffer tail = MPI.slice(ib, 2);
    assertThat(tail.get(0)).isEqualTo(7);
    assertThat(ib.position()).isEqualTo(2); // Open MPI moves the position too
    ByteBuffer big = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
    assertThat(MPI.slice(big, 4).order()).isEqualTo(ByteOrder.BIG_ENDIAN);
    assertThat(MPI.slice(CharBuffer.allocate(4), 1).capacity()).isEqualTo(3);
    assertThat(MPI.slice(ShortBuffer.allocate(4), 1).capacity()).isEqualTo(3);
    assertThat(MPI.slice(LongBuffer.allocate(4), 1).capacity()).isEqualTo(3);
    assertThat(MPI.slice(FloatBuffer.allocate(4), 1).capacity()).isEqualTo(3);
    assertThat(MPI.slice(DoubleBuffer.allocate(4), 1).capacity()).isEqualTo(3);
  }

  @Test
  void mpiExceptionIsUncheckedWithBothApisConstructors() {
    RuntimeException e = new MPIException("boom");
    assertThat(e).hasMessage("boom");
    MPIException wrapped = new MPIException(new IllegalStateException("inner"));
    assertThat(wrapped).hasCauseInstanceOf(IllegalStateException.class).hasMessage("inner");
    assertThat(new MPIException().getErrorCode()).isEqualTo(MPI.ERR_OTHER);
    assertThat(new MPIException(MPI.ERR_RANK, "bad rank").getErrorClass()).isEqualTo(MPI.ERR_RANK);
  }

  @Test
  void countHolder() {
    Count c = new Count(5);
    c.setCount(7);
    assertThat(c.getCount()).isEqualTo(7);
    assertThat(c.compareTo(new Count(9))).isNegative();
    assertThat(c).isEqualTo(new Count(7));
  }

  @Test
  void floatComplexViews() {
    float[] a = {1, 2, 3, 4};
    FloatComplex z = FloatComplex.get(a, 1);
    assertThat(z.getReal()).isEqualTo(3f);
    z.putReal(-3);
    assertThat(a[2]).isEqualTo(-3f);
    ByteBuffer b = MPI.newByteBuffer(16);
    FloatComplex y = FloatComplex.get(b, 1);
    y.putImag(5);
    assertThat(b.getFloat(12)).isEqualTo(5f);
    assertThat(FloatComplex.get(FloatBuffer.wrap(a)).getImag()).isEqualTo(2f);
    DoubleComplex x = DoubleComplex.get(MPI.newDoubleBuffer(4), 1);
    x.putReal(1.5);
    assertThat(x.getBuffer().get(0)).isEqualTo(1.5);
    assertThat(DoubleComplex.get(new double[] {7, 8}).getImag()).isEqualTo(8);
    assertThat(DoubleComplex.get(ByteBuffer.allocate(16)).getReal()).isZero();
  }
}
