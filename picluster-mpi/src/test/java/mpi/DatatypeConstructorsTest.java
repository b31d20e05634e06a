package mpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every datatype constructor of both APIs: bounds, sizes and the elements an item covers. */
class DatatypeConstructorsTest {
  private static final int[] RAMP = IntStream.range(0, 100).toArray();

  /** The buffer elements one item at offset 0 covers, in packing order. */
  private static int[] elementsOf(Datatype t, int offset) {
    return (int[]) t.pack(RAMP, offset, 1);
  }

  private static void assertBounds(Datatype t, int size, int lb, int ub) {
    assertThat(t.Size()).as("Size").isEqualTo(size);
    assertThat(t.getSize()).as("getSize").isEqualTo(size);
    assertThat(t.Lb()).as("Lb").isEqualTo(lb);
    assertThat(t.getLb()).as("getLb").isEqualTo(lb);
    assertThat(t.Ub()).as("Ub").isEqualTo(ub);
    assertThat(t.Extent()).as("Extent").isEqualTo(ub - lb);
    assertThat(t.getExtent()).as("getExtent").isEqualTo(ub - lb);
    assertThat(t.extentInElements()).isEqualTo(ub - lb);
    assertThat(t.lbInElements()).isEqualTo(lb);
    assertThat(t.sizeInElements()).isEqualTo(size);
  }

  @Test
  void basicTypes() {
    Datatype[] types = {MPI.BYTE, MPI.CHAR, MPI.SHORT, MPI.BOOLEAN, MPI.INT, MPI.LONG, MPI.FLOAT, MPI.DOUBLE, MPI.OBJECT};
    BaseType[] bases = {BaseType.BYTE, BaseType.CHAR, BaseType.SHORT, BaseType.BOOLEAN, BaseType.INT, BaseType.LONG,
        BaseType.FLOAT, BaseType.DOUBLE, BaseType.OBJECT};
    for (int i = 0; i < types.length; i++) {
      assertThat(types[i].baseType()).isEqualTo(bases[i]);
      assertBounds(types[i], 1, 0, 1);
      assertThat(types[i].isContiguous()).isTrue();
      assertThat(types[i].getType()).isEqualTo(i == 8 ? 12 : i + 1); // MPJ Express's codes
      assertThat(types[i].getTrueLb()).isZero();
      assertThat(types[i].getTrueExtent()).isEqualTo(1);
    }
    assertThat(MPI.INT.getByteSize()).isEqualTo(4);
    assertThat(MPI.PACKED.baseType()).isEqualTo(BaseType.BYTE);
    assertThat(MPI.PACKED.getType()).isEqualTo(9);
    assertThat(MPI.NULL).isSameAs(MPI.DATATYPE_NULL);
    assertThat(MPI.NULL.isNull()).isTrue();
    assertThat(MPI.INT.isNull()).isFalse();
    assertThat(MPI.INT.getName()).isEqualTo("MPI_INT");
  }

  @Test
  void contiguous() {
    Datatype t = Datatype.Contiguous(3, MPI.INT);
    assertBounds(t, 3, 0, 3);
    assertThat(t.isContiguous()).isTrue();
    assertThat(elementsOf(t, 2)).containsExactly(2, 3, 4);
    assertThat((int[]) t.pack(RAMP, 1, 2)).containsExactly(1, 2, 3, 4, 5, 6);
    Datatype o = Datatype.createContiguous(4, MPI.DOUBLE);
    assertThat(o.baseType()).isEqualTo(BaseType.DOUBLE);
    assertThat(o.getExtent()).isEqualTo(4);
    assertBounds(Datatype.Contiguous(0, MPI.INT), 0, 0, 0);
  }

  @Test
  void vectorSkipsTheGaps() {
    Datatype v = Datatype.Vector(3, 2, 4, MPI.INT); // xx..xx..xx
    assertBounds(v, 6, 0, 10);
    assertThat(v.isContiguous()).isFalse();
    assertThat(elementsOf(v, 0)).containsExactly(0, 1, 4, 5, 8, 9);
    // the second item starts one extent (10) later
    assertThat((int[]) v.pack(RAMP, 1, 2)).containsExactly(1, 2, 5, 6, 9, 10, 11, 12, 15, 16, 19, 20);
    assertThat(Datatype.createVector(3, 2, 4, MPI.INT).getExtent()).isEqualTo(10);
  }

  @Test
  void vectorStrideCountsOldExtents() {
    Datatype pair = Datatype.Contiguous(2, MPI.INT);
    Datatype v = Datatype.Vector(2, 1, 5, pair);
    assertThat(elementsOf(v, 0)).containsExactly(0, 1, 10, 11);
    assertBounds(v, 4, 0, 12);
  }

  @Test
  void vectorWithNegativeStride() {
    Datatype v = Datatype.Vector(3, 1, -2, MPI.INT);
    assertBounds(v, 3, -4, 1);
    assertThat(elementsOf(v, 4)).containsExactly(4, 2, 0);
  }

  @Test
  void nestedVectors() {
    Datatype inner = Datatype.Vector(2, 1, 2, MPI.INT); // x.x
    assertBounds(inner, 2, 0, 3);
    Datatype outer = Datatype.Vector(2, 1, 3, inner);
    assertThat(elementsOf(outer, 0)).containsExactly(0, 2, 9, 11);
    assertBounds(outer, 4, 0, 12);
  }

  @Test
  void mpjHvectorStrideCountsElementsNotBytes() {
    Datatype pair = Datatype.Contiguous(2, MPI.INT);
    Datatype h = Datatype.Hvector(2, 1, 5, pair);
    assertThat(elementsOf(h, 0)).containsExactly(0, 1, 5, 6);
    assertBounds(h, 4, 0, 7);
  }

  @Test
  void ompiHvectorStrideIsInBytes() {
    Datatype h = Datatype.createHVector(2, 1, 20, MPI.INT);
    assertThat(elementsOf(h, 0)).containsExactly(0, 5);
    assertBounds(h, 2, 0, 6);
    assertThatThrownBy(() -> Datatype.createHVector(2, 1, 6, MPI.INT))
        .isInstanceOf(MPIException.class).hasMessageContaining("bytes").hasMessageContaining("multiple of 4");
  }

  @Test
  void indexedKeepsTypeMapOrder() {
    Datatype t = Datatype.Indexed(new int[] {2, 1}, new int[] {3, 0}, MPI.INT);
    assertBounds(t, 3, 0, 5);
    assertThat(elementsOf(t, 0)).containsExactly(3, 4, 0);
    Datatype pair = Datatype.Contiguous(2, MPI.INT);
    Datatype ix = Datatype.createIndexed(new int[] {1, 1}, new int[] {1, 4}, pair); // in old extents
    assertThat(elementsOf(ix, 0)).containsExactly(2, 3, 8, 9);
    assertBounds(ix, 4, 2, 10);
  }

  @Test
  void hindexedDisplacementsAreElementsInMpjAndBytesInOmpi() {
    Datatype pair = Datatype.Contiguous(2, MPI.INT);
    Datatype mpj = Datatype.Hindexed(new int[] {1, 1}, new int[] {1, 4}, pair);
    assertThat(elementsOf(mpj, 0)).containsExactly(1, 2, 4, 5);
    assertBounds(mpj, 4, 1, 6);
    Datatype ompi = Datatype.createHIndexed(new int[] {1, 1}, new int[] {4, 16}, pair);
    assertThat(elementsOf(ompi, 0)).containsExactly(1, 2, 4, 5);
    assertThatThrownBy(() -> Datatype.createHIndexed(new int[] {1}, new int[] {3}, MPI.INT))
        .isInstanceOf(MPIException.class).hasMessageContaining("multiple of 4");
  }

  @Test
  void mpjStructWithOneBaseType() {
    Datatype s = Datatype.Struct(new int[] {2, 1}, new int[] {0, 5}, new Datatype[] {MPI.INT, MPI.INT});
    assertThat(s.baseType()).isEqualTo(BaseType.INT);
    assertThat(elementsOf(s, 0)).containsExactly(0, 1, 5);
    assertBounds(s, 3, 0, 6);
    Datatype nested = Datatype.Struct(new int[] {1, 1}, new int[] {0, 10},
        new Datatype[] {Datatype.Vector(2, 1, 2, MPI.INT), MPI.INT});
    assertThat(elementsOf(nested, 0)).containsExactly(0, 2, 10);
  }

  @Test
  void mpjStructRefusesMixedBaseTypes() {
    assertThatThrownBy(() -> Datatype.Struct(new int[] {1, 1}, new int[] {0, 1}, new Datatype[] {MPI.INT, MPI.DOUBLE}))
        .isInstanceOf(MPIException.class).hasMessageContaining("same base type")
        .hasMessageContaining("int").hasMessageContaining("double");
  }

  @Test
  void lbAndUbMarkersSetTheBounds() {
    Datatype s = Datatype.Struct(new int[] {1, 2, 1}, new int[] {-2, 1, 10}, new Datatype[] {MPI.LB, MPI.INT, MPI.UB});
    assertBounds(s, 2, -2, 10);
    assertThat(s.getTrueLb()).isEqualTo(1);
    assertThat(s.getTrueExtent()).isEqualTo(2);
    // items are an extent (12) apart; the markers are not data
    assertThat((int[]) s.pack(RAMP, 2, 2)).containsExactly(3, 4, 15, 16);
    // markers stick through later constructors
    Datatype c = Datatype.Contiguous(2, s);
    assertBounds(c, 4, -2, 22);
    assertThat(elementsOf(c, 2)).containsExactly(3, 4, 15, 16);
    // an UB alone moves only the upper bound
    Datatype ubOnly = Datatype.Struct(new int[] {1, 1}, new int[] {0, 4}, new Datatype[] {MPI.INT, MPI.UB});
    assertBounds(ubOnly, 1, 0, 4);
  }

  @Test
  void ompiStructIsByteBasedAndPaddedLikeC() {
    Datatype s = Datatype.createStruct(new int[] {1, 1}, new int[] {0, 8}, new Datatype[] {MPI.DOUBLE, MPI.INT});
    assertThat(s.baseType()).isEqualTo(BaseType.BYTE);
    assertBounds(s, 12, 0, 16);
    assertThat(s.getTrueExtent()).isEqualTo(12);
    Datatype shorts = Datatype.createStruct(new int[] {1, 2}, new int[] {0, 1}, new Datatype[] {MPI.BYTE, MPI.SHORT});
    assertBounds(shorts, 5, 0, 6);
    Datatype bytes = Datatype.createStruct(new int[] {3}, new int[] {0}, new Datatype[] {MPI.BYTE});
    assertBounds(bytes, 3, 0, 3);
  }

  @Test
  void resizedTakesBytesAndSticks() {
    Datatype r = Datatype.createResized(MPI.INT, 0, 8);
    assertBounds(r, 1, 0, 2);
    Datatype c = Datatype.createContiguous(3, r);
    assertThat(elementsOf(c, 0)).containsExactly(0, 2, 4);
    assertBounds(c, 3, 0, 6);
    Datatype shifted = Datatype.createResized(MPI.INT, -4, 12);
    assertBounds(shifted, 1, -1, 2);
    assertThat(shifted.isContiguous()).isFalse();
    assertThatThrownBy(() -> Datatype.createResized(MPI.INT, 2, 8)).isInstanceOf(MPIException.class)
        .hasMessageContaining("createResized lb");
    // a column of a 4x4 int matrix, resized to one int, scatters columns (the classic idiom)
    Datatype column = Datatype.createResized(Datatype.createVector(4, 1, 4, MPI.INT), 0, 4);
    assertThat((int[]) column.pack(RAMP, 0, 2)).containsExactly(0, 4, 8, 12, 1, 5, 9, 13);
  }

  @Test
  void pairAndComplexTypes() {
    for (Datatype t : new Datatype[] {MPI.SHORT2, MPI.INT2, MPI.LONG2, MPI.FLOAT2, MPI.DOUBLE2}) {
      assertBounds(t, 2, 0, 2);
      assertThat(t.compound.kind).isEqualTo(Datatype.Compound.Kind.PAIR);
    }
    assertThat(MPI.INT2.baseType()).isEqualTo(BaseType.INT);
    assertBounds(MPI.SHORT_INT, 6, 0, 8);
    assertBounds(MPI.FLOAT_INT, 8, 0, 8);
    assertBounds(MPI.LONG_INT, 12, 0, 16);
    assertBounds(MPI.DOUBLE_INT, 12, 0, 16);
    assertThat(MPI.DOUBLE_INT.baseType()).isEqualTo(BaseType.BYTE);
    assertBounds(MPI.DOUBLE_COMPLEX, 2, 0, 2);
    assertThat(MPI.FLOAT_COMPLEX.baseType()).isEqualTo(BaseType.FLOAT);
    // pairness survives derived types built of pairs only
    assertThat(Datatype.Contiguous(3, MPI.INT2).compound).isEqualTo(MPI.INT2.compound);
    assertThat(Datatype.Contiguous(3, MPI.INT).compound).isNull();
  }

  @Test
  void objectTypesPackObjects() {
    Datatype v = Datatype.Vector(2, 1, 2, MPI.OBJECT);
    Object[] src = {"a", "b", "c", "d"};
    assertThat((Object[]) v.pack(src, 0, 1)).containsExactly("a", "c");
    String[] dst = new String[4];
    v.unpack(new Object[] {"x", "y"}, 2, dst, 1);
    assertThat(dst).containsExactly(null, "x", null, "y");
  }

  @Test
  void dupCloneNamesAndAttributes() {
    Datatype v = Datatype.createVector(2, 1, 3, MPI.INT);
    v.commit();
    v.setName("column");
    int key = Datatype.createKeyval();
    v.setAttr(key, "value");
    Datatype d = v.dup();
    assertThat(d).isNotSameAs(v);
    assertThat(d.getName()).isEqualTo("column");
    assertThat(d.getAttr(key)).isEqualTo("value");
    assertThat(d.getExtent()).isEqualTo(v.getExtent());
    assertThat(v.clone().Size()).isEqualTo(2);
    v.deleteAttr(key);
    assertThat(v.getAttr(key)).isNull();
    Datatype.freeKeyval(key);
    v.Commit();
    v.free();
    MPI.INT.free(); // builtins ignore free
    assertThat(MPI.INT.Size()).isEqualTo(1);
  }

  @Test
  void badArgumentsAreClearErrors() {
    assertThatThrownBy(() -> Datatype.Contiguous(-1, MPI.INT)).isInstanceOf(MPIException.class)
        .hasMessageContaining("count must be >= 0");
    assertThatThrownBy(() -> Datatype.Vector(2, -1, 2, MPI.INT)).isInstanceOf(MPIException.class)
        .hasMessageContaining("block length");
    assertThatThrownBy(() -> Datatype.Indexed(new int[] {1, 2}, new int[] {0}, MPI.INT))
        .isInstanceOf(MPIException.class).hasMessageContaining("as many");
    assertThatThrownBy(() -> Datatype.Contiguous(2, null)).isInstanceOf(MPIException.class)
        .hasMessageContaining("null");
    assertThatThrownBy(() -> Datatype.Contiguous(2, MPI.DATATYPE_NULL)).isInstanceOf(MPIException.class);
    assertThatThrownBy(() -> Datatype.createStruct(new int[] {1}, new int[] {0}, new Datatype[] {MPI.OBJECT}))
        .isInstanceOf(MPIException.class).hasMessageContaining("OBJECT");
    MPIException e = org.junit.jupiter.api.Assertions.assertThrows(MPIException.class,
        () -> Datatype.Contiguous(-1, MPI.INT));
    assertThat(e.getErrorClass()).isEqualTo(MPI.ERR_COUNT);
  }

  @Test
  void longContiguousTypesStayOneRunAndHugeOnesAreRefusedAtOnce() {
    Datatype big = Datatype.Contiguous(50_000_000, Datatype.Contiguous(40, MPI.BYTE));
    assertThat(big.Size()).isEqualTo(2_000_000_000);
    assertThat(big.isContiguous()).isTrue();
    assertThat(big.map.blocks).isEqualTo(1);
    assertThatThrownBy(() -> Datatype.Contiguous(1 << 20, Datatype.Contiguous(1 << 20, MPI.INT)))
        .isInstanceOf(MPIException.class).hasMessageContaining("too large");
    assertThatThrownBy(() -> Datatype.Indexed(new int[] {1 << 30, 1 << 30}, new int[] {0, 0}, MPI.INT2))
        .isInstanceOf(MPIException.class).hasMessageContaining("too large");
  }
}
