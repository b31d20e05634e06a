package mpi;

/** Open MPI's struct for {@link MPI#FLOAT_INT} (MAXLOC/MINLOC): a float value and an int index at byte 4, 8 bytes in all. */
public final class FloatInt extends Struct {
  private final int indexOffset;

  FloatInt() {
    int valueOffset = addFloat();
    assert valueOffset == 0;
    setOffset(4);
    indexOffset = addInt();
  }

  @Override
  Datatype predefined() {
    return Datatype.FLOAT_INT;
  }

  @Override
  protected FloatInt.Data newData() {
    return new FloatInt.Data();
  }

  /** Reads and writes one (float value, int index) pair. */
  public final class Data extends Struct.Data {
    public float getValue() {
      return getFloat(0);
    }

    public int getIndex() {
      return getInt(indexOffset);
    }

    public void putValue(float v) {
      putFloat(0, v);
    }

    public void putIndex(int v) {
      putInt(indexOffset, v);
    }
  }
}
