package mpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatatypeBasicsTest {
  @Test
  void basicTypesHaveOneElementOfTheirBaseType() {
    Datatype[] types = {MPI.BYTE, MPI.CHAR, MPI.SHORT, MPI.BOOLEAN, MPI.INT, MPI.LONG, MPI.FLOAT, MPI.DOUBLE, MPI.OBJECT};
    BaseType[] bases = {BaseType.BYTE, BaseType.CHAR, BaseType.SHORT, BaseType.BOOLEAN, BaseType.INT, BaseType.LONG,
        BaseType.FLOAT, BaseType.DOUBLE, BaseType.OBJECT};
    for (int i = 0; i < types.length; i++) {
      Datatype t = types[i];
      assertThat(t.baseType()).isEqualTo(bases[i]);
      assertThat(t.Size()).isEqualTo(1);
      assertThat(t.Extent()).isEqualTo(1);
      assertThat(t.Lb()).isZero();
      assertThat(t.Ub()).isEqualTo(1);
      assertThat(t.getSize()).isEqualTo(1);
      assertThat(t.getExtent()).isEqualTo(1);
      assertThat(t.isContiguous()).isTrue();
      assertThat(t.getType()).isEqualTo(i == 8 ? 12 : i + 1);
    }
  }

  @Test
  void packAndUnpackAContiguousSlice() {
    int[] src = {0, 1, 2, 3, 4, 5};
    int[] packed = (int[]) MPI.INT.pack(src, 2, 3);
    assertThat(packed).containsExactly(2, 3, 4);
    int[] dst = new int[6];
    MPI.INT.unpack(packed, 3, dst, 1);
    assertThat(dst).containsExactly(0, 2, 3, 4, 0, 0);
  }

  @Test
  void wrongArrayTypeIsAClearError() {
    assertThatThrownBy(() -> MPI.INT.pack(new double[3], 0, 3))
        .isInstanceOf(MPIException.class).hasMessageContaining("double[]").hasMessageContaining("int");
  }
}
