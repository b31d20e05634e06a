package mpi;

/** Open MPI's struct for {@link MPI#DOUBLE_INT} (MAXLOC/MINLOC): a double value and an int index at byte 8, 16 bytes in all. */
public final class DoubleInt extends Struct {
  private final int indexOffset;

  DoubleInt() {
    int valueOffset = addDouble();
    assert valueOffset == 0;
    setOffset(8);
    indexOffset = addInt();
  }

  @Override
  Datatype predefined() {
    return Datatype.DOUBLE_INT;
  }

  @Override
  protected DoubleInt.Data newData() {
    return new DoubleInt.Data();
  }

  /** Reads and writes one (double value, int index) pair. */
  public final class Data extends Struct.Data {
    public double getValue() {
      return getDouble(0);
    }

    public int getIndex() {
      return getInt(indexOffset);
    }

    public void putValue(double v) {
      putDouble(0, v);
    }

    public void putIndex(int v) {
      putInt(indexOffset, v);
    }
  }
}
