package mpi;

/** Open MPI's struct for {@link MPI#INT2} (MAXLOC/MINLOC): two ints, value then index. */
public final class Int2 extends Struct {
  private final int indexOffset;

  Int2() {
    int valueOffset = addInt();
    assert valueOffset == 0;
    setOffset(4);
    indexOffset = addInt();
  }

  @Override
  Datatype predefined() {
    return Datatype.INT2;
  }

  @Override
  protected Int2.Data newData() {
    return new Int2.Data();
  }

  /** Reads and writes one (int value, int index) pair. */
  public final class Data extends Struct.Data {
    public int getValue() {
      return getInt(0);
    }

    public int getIndex() {
      return getInt(indexOffset);
    }

    public void putValue(int v) {
      putInt(0, v);
    }

    public void putIndex(int v) {
      putInt(indexOffset, v);
    }
  }
}
