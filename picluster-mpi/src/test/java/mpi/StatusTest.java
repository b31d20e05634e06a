package mpi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Status: MPJ Express's fields and Open MPI's getters over the same data; counts in a datatype's units. */
class StatusTest {
  @Test
  void fieldsAndGettersAgree() {
    Status s = new Status(3, 17, 10, BaseType.INT, false);
    assertThat(s.source).isEqualTo(3);
    assertThat(s.tag).isEqualTo(17);
    assertThat(s.count).isEqualTo(10);
    assertThat(s.index).isEqualTo(MPI.UNDEFINED);
    assertThat(s.countInBytes).isEqualTo(40);
    assertThat(s.getSource()).isEqualTo(3);
    assertThat(s.getTag()).isEqualTo(17);
    assertThat(s.getError()).isZero();
    s.index = 2;
    assertThat(s.getIndex()).isEqualTo(2);
    s.source = 5;
    assertThat(s.getSource()).isEqualTo(5);
  }

  @Test
  void countsInItemsAndElements() {
    Status s = new Status(0, 0, 10, BaseType.INT, false);
    assertThat(s.Get_count(MPI.INT)).isEqualTo(10);
    assertThat(s.getCount(Datatype.Contiguous(5, MPI.INT))).isEqualTo(2);
    assertThat(s.Get_count(Datatype.Contiguous(3, MPI.INT))).isEqualTo(MPI.UNDEFINED);
    assertThat(s.Get_elements(Datatype.Contiguous(3, MPI.INT))).isEqualTo(10);
    assertThat(s.getElements(MPI.INT)).isEqualTo(10);
    assertThat(s.getElementsX(MPI.INT).getCount()).isEqualTo(10);
    assertThat(s.Get_count(MPI.BYTE)).isEqualTo(40); // the same data counted in bytes
    assertThat(s.Get_count(MPI.DOUBLE)).isEqualTo(5);
    assertThat(new Status(0, 0, 3, BaseType.INT, false).Get_count(MPI.DOUBLE)).isEqualTo(MPI.UNDEFINED);
    assertThat(new Status(0, 0, 0, BaseType.INT, false).Get_count(Datatype.Contiguous(0, MPI.INT))).isZero();
  }

  @Test
  void ompiPairStructCounts() {
    Status s = new Status(0, 0, 36, BaseType.BYTE, false); // three DOUBLE_INT items, packed
    assertThat(s.getCount(MPI.DOUBLE_INT)).isEqualTo(3);
    assertThat(s.getElements(MPI.DOUBLE_INT)).isEqualTo(6);
  }

  @Test
  void cancelledAndSetters() {
    Status s = new Status(0, 0, 0, BaseType.INT, true);
    assertThat(s.Test_cancelled()).isTrue();
    assertThat(s.isCancelled()).isTrue();
    s.setCancelled(false);
    assertThat(s.isCancelled()).isFalse();
    s.setElements(MPI.DOUBLE, 4);
    assertThat(s.getCount(MPI.DOUBLE)).isEqualTo(4);
    s.setElementsX(MPI.INT, new Count(6));
    assertThat(s.getCount(Datatype.Contiguous(2, MPI.INT))).isEqualTo(3);
    s.free();
  }

  @Test
  void emptyStatus() {
    assertThat(MPI.EMPTY_STATUS.source).isEqualTo(MPI.ANY_SOURCE);
    assertThat(MPI.EMPTY_STATUS.tag).isEqualTo(MPI.ANY_TAG);
    assertThat(new Status().Get_count(MPI.INT)).isZero();
  }

  @Test
  void mpjCountFieldCountsItemsOfTheReceiveType() {
    Status s = new Status(0, 0, 12, BaseType.INT, false);
    s.setReceiveType(Datatype.Contiguous(3, MPI.INT));
    assertThat(s.count).isEqualTo(4);
    assertThat(s.numEls).isEqualTo(12);
    assertThat(s.Get_count(MPI.INT)).isEqualTo(12);
  }
}
