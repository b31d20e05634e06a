package mpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** pack/unpack over Java arrays: gaps, partial items, offsets, Pack/Unpack into bytes. */
class DatatypePackTest {
  private static final Datatype GAPPY = Datatype.Vector(2, 2, 3, MPI.INT); // xx.xx, extent 5

  @Test
  void packSkipsGapsAndStepsByExtent() {
    int[] src = IntStream.range(0, 20).toArray();
    assertThat((int[]) GAPPY.pack(src, 1, 2)).containsExactly(1, 2, 4, 5, 6, 7, 9, 10);
  }

  @Test
  void unpackFillsOnlyTheDataElements() {
    int[] dst = new int[12];
    java.util.Arrays.fill(dst, -1);
    GAPPY.unpack(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, 8, dst, 1);
    assertThat(dst).containsExactly(-1, 1, 2, -1, 3, 4, 5, 6, -1, 7, 8, -1);
  }

  @Test
  void unpackStopsInsideAPartialItem() {
    int[] dst = new int[12];
    GAPPY.unpack(new int[] {1, 2, 3, 4, 5, 6, 0, 0}, 6, dst, 0);
    assertThat(dst).containsExactly(1, 2, 0, 3, 4, 5, 6, 0, 0, 0, 0, 0);
    int[] one = new int[5];
    GAPPY.unpack(new int[] {9, 8, 7}, 3, one, 0);
    assertThat(one).containsExactly(9, 8, 0, 7, 0);
  }

  @Test
  void contiguousFastPathHonoursOffsetAndLb() {
    double[] src = {0, 1, 2, 3, 4, 5, 6};
    Datatype three = Datatype.Contiguous(3, MPI.DOUBLE);
    assertThat((double[]) three.pack(src, 1, 2)).containsExactly(1, 2, 3, 4, 5, 6);
    double[] dst = new double[7];
    three.unpack(new double[] {9, 9, 9, 9}, 4, dst, 2);
    assertThat(dst).containsExactly(0, 0, 9, 9, 9, 9, 0);
  }

  @Test
  void everyPrimitiveArrayKind() {
    assertThat((byte[]) MPI.BYTE.pack(new byte[] {1, 2, 3}, 1, 2)).containsExactly(2, 3);
    assertThat((char[]) MPI.CHAR.pack("abc".toCharArray(), 0, 3)).containsExactly('a', 'b', 'c');
    assertThat((short[]) MPI.SHORT.pack(new short[] {4, 5}, 1, 1)).containsExactly((short) 5);
    assertThat((boolean[]) MPI.BOOLEAN.pack(new boolean[] {true, false}, 0, 2)).containsExactly(true, false);
    assertThat((long[]) MPI.LONG.pack(new long[] {Long.MAX_VALUE}, 0, 1)).containsExactly(Long.MAX_VALUE);
    assertThat((float[]) MPI.FLOAT.pack(new float[] {1.5f}, 0, 1)).containsExactly(1.5f);
    assertThat((Object[]) MPI.OBJECT.pack(new Object[] {"x", 3}, 0, 2)).containsExactly("x", 3);
  }

  @Test
  void zeroCountsAndEmptyTypes() {
    assertThat((int[]) MPI.INT.pack(new int[0], 0, 0)).isEmpty();
    assertThat((int[]) GAPPY.pack(new int[0], 0, 0)).isEmpty();
    MPI.INT.unpack(new int[0], 0, new int[0], 0);
    Datatype empty = Datatype.Contiguous(0, MPI.INT);
    assertThat((int[]) empty.pack(new int[0], 0, 5)).isEmpty();
    assertThatThrownBy(() -> empty.unpack(new int[] {1}, 1, new int[4], 0)).isInstanceOf(MPIException.class)
        .hasMessageContaining("holds no data");
  }

  @Test
  void bufferOverrunsAreClearErrors() {
    assertThatThrownBy(() -> GAPPY.pack(new int[9], 0, 2)).isInstanceOf(MPIException.class)
        .hasMessageContaining("buffer that has 9");
    assertThatThrownBy(() -> MPI.INT.pack(new int[3], 2, 2)).isInstanceOf(MPIException.class)
        .hasMessageContaining("buffer that has 3");
    assertThatThrownBy(() -> Datatype.Vector(2, 1, -2, MPI.INT).pack(new int[9], 0, 1))
        .isInstanceOf(MPIException.class).hasMessageContaining("outside the buffer");
    assertThatThrownBy(() -> MPI.INT.pack(new int[3], 0, -1)).isInstanceOf(MPIException.class)
        .hasMessageContaining("count must be >= 0");
    assertThatThrownBy(() -> MPI.INT.pack(null, 0, 1)).isInstanceOf(MPIException.class)
        .hasMessageContaining("null");
    assertThatThrownBy(() -> MPI.INT.pack("not an array", 0, 1)).isInstanceOf(MPIException.class)
        .hasMessageContaining("Java array");
    assertThatThrownBy(() -> MPI.INT.pack(new long[3], 0, 1)).isInstanceOf(MPIException.class)
        .hasMessageContaining("long[]").hasMessageContaining("int");
    assertThatThrownBy(() -> MPI.DATATYPE_NULL.pack(new int[3], 0, 1)).isInstanceOf(MPIException.class)
        .hasMessageContaining("DATATYPE_NULL");
  }

  @Test
  void objectsOfTheWrongClassForTheReceiveArray() {
    Integer[] dst = new Integer[2];
    assertThatThrownBy(() -> MPI.OBJECT.unpack(new Object[] {"text"}, 1, dst, 0))
        .isInstanceOf(MPIException.class).hasMessageContaining("String").hasMessageContaining("Integer[]");
  }

  @Test
  void packIntoBytesAndBack() {
    int[] src = IntStream.range(0, 12).toArray();
    assertThat(GAPPY.packSize(2)).isEqualTo(32);
    byte[] out = new byte[40];
    int end = GAPPY.pack(src, 0, 2, out, 3);
    assertThat(end).isEqualTo(35);
    int end2 = MPI.DOUBLE.pack(new double[] {2.5}, 0, 1, new byte[8], 0);
    assertThat(end2).isEqualTo(8);
    int[] back = new int[12];
    assertThat(GAPPY.unpack(out, 3, back, 0, 2)).isEqualTo(35);
    assertThat(back).containsExactly(0, 1, 0, 3, 4, 5, 6, 0, 8, 9, 0, 0);
    // mixed kinds one after the other, as programs pack a header and a body
    byte[] msg = new byte[MPI.INT.packSize(1) + MPI.DOUBLE.packSize(2) + MPI.BOOLEAN.packSize(1)];
    int p = MPI.INT.pack(new int[] {7}, 0, 1, msg, 0);
    p = MPI.DOUBLE.pack(new double[] {1.25, -3}, 0, 2, msg, p);
    p = MPI.BOOLEAN.pack(new boolean[] {true}, 0, 1, msg, p);
    assertThat(p).isEqualTo(msg.length);
    int[] i = new int[1];
    double[] d = new double[2];
    boolean[] b = new boolean[1];
    p = MPI.INT.unpack(msg, 0, i, 0, 1);
    p = MPI.DOUBLE.unpack(msg, p, d, 0, 2);
    MPI.BOOLEAN.unpack(msg, p, b, 0, 1);
    assertThat(i).containsExactly(7);
    assertThat(d).containsExactly(1.25, -3);
    assertThat(b).containsExactly(true);
  }

  @Test
  void packIntoTooSmallBytesIsAClearError() {
    assertThatThrownBy(() -> MPI.INT.pack(new int[4], 0, 4, new byte[10], 0)).isInstanceOf(MPIException.class)
        .hasMessageContaining("needs 16 bytes");
    assertThatThrownBy(() -> MPI.INT.unpack(new byte[10], 4, new int[4], 0, 2)).isInstanceOf(MPIException.class)
        .hasMessageContaining("needs 8 bytes");
    assertThatThrownBy(() -> MPI.OBJECT.packSize(1)).isInstanceOf(MPIException.class)
        .hasMessageContaining("OBJECT");
  }

  @Test
  void primitivesCountedForGetElements() {
    assertThat(GAPPY.primitivesIn(6)).isEqualTo(6);
    assertThat(MPI.DOUBLE_INT.primitivesIn(24)).isEqualTo(4);
    assertThat(MPI.DOUBLE_INT.primitivesIn(20)).isEqualTo(3); // a double of the second pair
  }
}
