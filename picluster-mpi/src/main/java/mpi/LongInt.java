package mpi;

/** Open MPI's struct for {@link MPI#LONG_INT} (MAXLOC/MINLOC): a long value and an int index at byte 8, 16 bytes in all. */
public final class LongInt extends Struct {
  private final int indexOffset;

  LongInt() {
    int valueOffset = addLong();
    assert valueOffset == 0;
    setOffset(8);
    indexOffset = addInt();
  }

  @Override
  Datatype predefined() {
    return Datatype.LONG_INT;
  }

  @Override
  protected LongInt.Data newData() {
    return new LongInt.Data();
  }

  /** Reads and writes one (long value, int index) pair. */
  public final class Data extends Struct.Data {
    public long getValue() {
      return getLong(0);
    }

    public int getIndex() {
      return getInt(indexOffset);
    }

    public void putValue(long v) {
      putLong(0, v);
    }

    public void putIndex(int v) {
      putInt(indexOffset, v);
    }
  }
}
