package mpi;

/** Open MPI's struct for {@link MPI#SHORT_INT} (MAXLOC/MINLOC): a short value and an int index at byte 4, 8 bytes in all. */
public final class ShortInt extends Struct {
  private final int indexOffset;

  ShortInt() {
    int valueOffset = addShort();
    assert valueOffset == 0;
    setOffset(4);
    indexOffset = addInt();
  }

  @Override
  Datatype predefined() {
    return Datatype.SHORT_INT;
  }

  @Override
  protected ShortInt.Data newData() {
    return new ShortInt.Data();
  }

  /** Reads and writes one (short value, int index) pair. */
  public final class Data extends Struct.Data {
    public short getValue() {
      return getShort(0);
    }

    public int getIndex() {
      return getInt(indexOffset);
    }

    public void putValue(short v) {
      putShort(0, v);
    }

    public void putIndex(int v) {
      putInt(indexOffset, v);
    }
  }
}
