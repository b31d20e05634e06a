package mpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import org.junit.jupiter.api.Test;

/** The Open MPI buffer forms: nio buffers of every kind, from index 0 (position ignored, array offset honoured). */
class DatatypeBufferTest {
  @Test
  void heapBufferPositionIsIgnored() {
    int[] a = {10, 11, 12, 13};
    IntBuffer b = IntBuffer.wrap(a);
    b.position(3);
    assertThat((int[]) MPI.INT.pack(b, 2)).containsExactly(10, 11);
    MPI.INT.unpack(new int[] {7}, 1, b);
    assertThat(a[0]).isEqualTo(7);
    assertThat(b.position()).isEqualTo(3); // untouched
  }

  @Test
  void sliceOffsetsCount() {
    int[] a = {10, 11, 12, 13, 14};
    IntBuffer s = MPI.slice(a, 2);
    assertThat(s.arrayOffset()).isEqualTo(2);
    assertThat((int[]) MPI.INT.pack(s, 3)).containsExactly(12, 13, 14);
    MPI.INT.unpack(new int[] {1, 2}, 2, s);
    assertThat(a).containsExactly(10, 11, 1, 2, 14);
    assertThatThrownBy(() -> MPI.INT.pack(s, 4)).isInstanceOf(MPIException.class).hasMessageContaining("has 3");
  }

  @Test
  void directBuffersAndTheirSlices() {
    DoubleBuffer d = MPI.newDoubleBuffer(6);
    assertThat(d.isDirect()).isTrue();
    assertThat(d.order()).isEqualTo(ByteOrder.nativeOrder());
    for (int i = 0; i < 6; i++) {
      d.put(i, i * 1.5);
    }
    Datatype every2nd = Datatype.createVector(3, 1, 2, MPI.DOUBLE);
    assertThat((double[]) every2nd.pack(d, 1)).containsExactly(0, 3, 6);
    DoubleBuffer tail = MPI.slice(d, 1);
    assertThat((double[]) every2nd.pack(tail, 1)).containsExactly(1.5, 4.5, 7.5);
    every2nd.unpack(new double[] {-1, -2, -3}, 3, tail);
    assertThat(d.get(1)).isEqualTo(-1);
    assertThat(d.get(3)).isEqualTo(-2);
    assertThat(d.get(5)).isEqualTo(-3);
  }

  @Test
  void byteBufferHoldingIntsInEitherOrder() {
    for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
      ByteBuffer b = ByteBuffer.allocateDirect(16).order(order);
      b.putInt(0, 1).putInt(4, -2).putInt(8, 300).putInt(12, 4);
      b.position(8);
      assertThat((int[]) MPI.INT.pack(b, 3)).containsExactly(1, -2, 300);
      MPI.INT.unpack(new int[] {9, 8}, 2, MPI.slice(b, 8));
      assertThat(b.getInt(8)).isEqualTo(9);
      assertThat(b.getInt(12)).isEqualTo(8);
    }
  }

  @Test
  void byteBufferHoldingEveryWiderKind() {
    ByteBuffer b = ByteBuffer.allocate(32);
    b.putLong(0, Long.MIN_VALUE).putDouble(8, 2.5);
    assertThat((long[]) MPI.LONG.pack(b, 1)).containsExactly(Long.MIN_VALUE);
    assertThat(((double[]) MPI.DOUBLE.pack(b, 2))[1]).isEqualTo(2.5);
    b.putChar(0, 'q').putShort(2, (short) -7).putFloat(4, 0.25f);
    assertThat(((char[]) MPI.CHAR.pack(b, 1))[0]).isEqualTo('q');
    assertThat(((short[]) MPI.SHORT.pack(b, 2))[1]).isEqualTo((short) -7);
    assertThat(((float[]) MPI.FLOAT.pack(b, 2))[1]).isEqualTo(0.25f);
    b.put(0, (byte) 1).put(1, (byte) 0);
    assertThat((boolean[]) MPI.BOOLEAN.pack(b, 2)).containsExactly(true, false);
    MPI.BOOLEAN.unpack(new boolean[] {false, true}, 2, b);
    assertThat(b.get(0)).isZero();
    assertThat(b.get(1)).isEqualTo((byte) 1);
  }

  @Test
  void typedBuffersOfEveryKind() {
    CharBuffer c = CharBuffer.wrap("hello".toCharArray());
    assertThat((char[]) MPI.CHAR.pack(c, 5)).containsExactly('h', 'e', 'l', 'l', 'o');
    LongBuffer l = MPI.newLongBuffer(2);
    MPI.LONG.unpack(new long[] {5, 6}, 2, l);
    assertThat(l.get(1)).isEqualTo(6);
    assertThat(MPI.newCharBuffer(3).capacity()).isEqualTo(3);
    assertThat(MPI.newShortBuffer(3).isDirect()).isTrue();
    assertThat(MPI.newFloatBuffer(3).capacity()).isEqualTo(3);
    assertThat(MPI.newByteBuffer(3).order()).isEqualTo(ByteOrder.nativeOrder());
  }

  @Test
  void theWrongBufferKindIsAClearError() {
    assertThatThrownBy(() -> MPI.DOUBLE.pack(IntBuffer.allocate(4), 1)).isInstanceOf(MPIException.class)
        .hasMessageContaining("IntBuffer").hasMessageContaining("double");
    assertThatThrownBy(() -> MPI.OBJECT.pack(ByteBuffer.allocate(4), 1)).isInstanceOf(MPIException.class)
        .hasMessageContaining("Object[]");
  }

  @Test
  void readOnlyBuffersCanBeSent() {
    IntBuffer ro = IntBuffer.wrap(new int[] {4, 5}).asReadOnlyBuffer();
    assertThat((int[]) MPI.INT.pack(ro, 2)).containsExactly(4, 5);
  }

  @Test
  void ompiPairStructsInByteBuffersOfEitherOrder() {
    for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
      ByteBuffer b = ByteBuffer.allocateDirect(2 * MPI.doubleInt.getExtent()).order(order);
      DoubleInt.Data p0 = MPI.doubleInt.getData(b, 0);
      DoubleInt.Data p1 = MPI.doubleInt.getData(b, 1);
      p0.putValue(3.5);
      p0.putIndex(7);
      p1.putValue(-1);
      p1.putIndex(2);
      byte[] packed = (byte[]) MPI.DOUBLE_INT.pack(b, 2);
      assertThat(packed).hasSize(24); // the padding is not sent
      ByteBuffer n = ByteBuffer.wrap(packed).order(ByteOrder.nativeOrder());
      assertThat(n.getDouble(0)).isEqualTo(3.5);
      assertThat(n.getInt(8)).isEqualTo(7);
      assertThat(n.getDouble(12)).isEqualTo(-1);
      assertThat(n.getInt(20)).isEqualTo(2);
      for (ByteOrder other : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
        ByteBuffer r = ByteBuffer.allocate(32).order(other);
        MPI.DOUBLE_INT.unpack(packed, 24, r);
        DoubleInt.Data q = MPI.doubleInt.getData(r, 1);
        assertThat(q.getValue()).isEqualTo(-1);
        assertThat(q.getIndex()).isEqualTo(2);
      }
    }
  }

  @Test
  void int2ServesIntArraysAndOmpiByteData() {
    int[] mpj = {5, 0, 7, 1};
    assertThat((int[]) MPI.INT2.pack(mpj, 2, 1)).containsExactly(7, 1);
    byte[] bytes = new byte[16];
    Int2.Data d = MPI.int2.getData(bytes, 1);
    d.putValue(42);
    d.putIndex(3);
    assertThat((int[]) MPI.INT2.pack(bytes, 0, 2)).containsExactly(0, 0, 42, 3);
    ByteBuffer bb = MPI.newByteBuffer(8);
    MPI.INT2.unpack(new int[] {9, 4}, 2, bb);
    Int2.Data e = MPI.int2.getData(bb);
    assertThat(e.getValue()).isEqualTo(9);
    assertThat(e.getIndex()).isEqualTo(4);
  }
}
