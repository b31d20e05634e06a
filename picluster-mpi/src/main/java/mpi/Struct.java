package mpi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Open MPI's way to describe a C-like struct held in a ByteBuffer (or byte[]): a subclass adds
 * fields in its constructor ({@code addInt()}, {@code addDouble(3)}, ...; each returns the field's
 * byte offset), and its {@link Data} subclass reads and writes them. {@link #getType()} is the
 * matching byte-based datatype. (MPJ Express's {@code Datatype.Struct(...)} is a different thing and
 * stays a static factory on Datatype.)
 */
public abstract class Struct {
  private final List<Object> fieldTypes = new ArrayList<>();
  private final List<Integer> fieldOffsets = new ArrayList<>();
  private final List<Integer> fieldLengths = new ArrayList<>();
  private int extent;
  private Datatype datatype;

  public Struct() {
  }

  /** The predefined datatype this struct stands for (MPI.INT2 for Int2...), or null. */
  Datatype predefined() {
    return null;
  }

  /** A new Data object (the subclass's accessor). */
  protected abstract Data newData();

  private synchronized void commit() {
    if (datatype != null) {
      return;
    }
    Datatype predefined = predefined();
    if (predefined != null) {
      datatype = predefined;
      extent = predefined.getExtent() * predefined.baseType().bytes();
      return;
    }
    int n = fieldTypes.size();
    int[] lengths = new int[n];
    int[] offsets = new int[n];
    Datatype[] types = new Datatype[n];
    for (int i = 0; i < n; i++) {
      Object t = fieldTypes.get(i);
      types[i] = t instanceof Struct ? ((Struct) t).getType() : (Datatype) t;
      lengths[i] = fieldLengths.get(i);
      offsets[i] = fieldOffsets.get(i);
    }
    datatype = Datatype.createStruct(lengths, offsets, types);
    datatype.commit();
    extent = datatype.getExtent();
  }

  /** Bytes from one struct to the next in an array of them (padded as C pads). */
  public final int getExtent() throws MPIException {
    commit();
    return extent;
  }

  /** The datatype to send and receive these structs with. */
  public final Datatype getType() throws MPIException {
    commit();
    return datatype;
  }

  /** Accessor for the struct at the start of the buffer. */
  public final <T extends Data> T getData(ByteBuffer buffer) throws MPIException {
    return getData(buffer, 0);
  }

  /** Accessor for struct number index in the buffer. */
  @SuppressWarnings("unchecked")
  public final <T extends Data> T getData(ByteBuffer buffer, int index) throws MPIException {
    commit();
    Data d = newData();
    d.buffer = buffer;
    d.offset = index * extent;
    return (T) d;
  }

  /** Accessor for the struct at the start of the array (native byte order). */
  public final <T extends Data> T getData(byte[] array) throws MPIException {
    return getData(ByteBuffer.wrap(array).order(ByteOrder.nativeOrder()), 0);
  }

  public final <T extends Data> T getData(byte[] array, int index) throws MPIException {
    return getData(ByteBuffer.wrap(array).order(ByteOrder.nativeOrder()), index);
  }

  /** Moves the next field to this byte offset (at least the size so far). */
  public final Struct setOffset(int offset) {
    checkOpen();
    if (offset < extent) {
      throw new IllegalArgumentException("The offset must be greater or equal to the accumulated extent ("
          + extent + "), not " + offset);
    }
    extent = offset;
    return this;
  }

  public final int addByte() {
    return addByte(1);
  }

  public final int addByte(int length) {
    return addField(MPI.BYTE, 1, length);
  }

  public final int addChar() {
    return addChar(1);
  }

  public final int addChar(int length) {
    return addField(MPI.CHAR, 2, length);
  }

  public final int addShort() {
    return addShort(1);
  }

  public final int addShort(int length) {
    return addField(MPI.SHORT, 2, length);
  }

  public final int addInt() {
    return addInt(1);
  }

  public final int addInt(int length) {
    return addField(MPI.INT, 4, length);
  }

  public final int addLong() {
    return addLong(1);
  }

  public final int addLong(int length) {
    return addField(MPI.LONG, 8, length);
  }

  public final int addFloat() {
    return addFloat(1);
  }

  public final int addFloat(int length) {
    return addField(MPI.FLOAT, 4, length);
  }

  public final int addDouble() {
    return addDouble(1);
  }

  public final int addDouble(int length) {
    return addField(MPI.DOUBLE, 8, length);
  }

  public final int addStruct(Struct struct) throws MPIException {
    return addStruct(struct, 1);
  }

  public final int addStruct(Struct struct, int length) throws MPIException {
    return addField(struct, struct.getExtent(), length);
  }

  public final int addData(Datatype type) throws MPIException {
    return addData(type, 1);
  }

  public final int addData(Datatype type, int length) throws MPIException {
    return addField(type, type.getExtent() * type.baseType().bytes(), length);
  }

  private int addField(Object type, int typeExtent, int length) {
    checkOpen();
    if (length < 0) {
      throw new IllegalArgumentException("a field's length must be >= 0, not " + length);
    }
    int offset = extent;
    extent += typeExtent * length;
    fieldTypes.add(type);
    fieldOffsets.add(offset);
    fieldLengths.add(length);
    return offset;
  }

  private void checkOpen() {
    if (datatype != null) {
      throw new AssertionError("The struct data type was committed.");
    }
  }

  /** Reads and writes one struct's fields in a ByteBuffer; subclasses add typed accessors. */
  public abstract class Data {
    private ByteBuffer buffer;
    private int offset;

    /** The buffer from this struct on (a slice when it is not the first), for send and receive. */
    public final ByteBuffer getBuffer() {
      return offset == 0 ? buffer : slice(offset);
    }

    private ByteBuffer slice(int at) {
      ByteBuffer d = buffer.duplicate();
      d.clear();
      d.position(at);
      return d.slice().order(buffer.order());
    }

    protected final byte getByte(int field) {
      return buffer.get(offset + field);
    }

    protected final byte getByte(int field, int index) {
      return buffer.get(offset + field + index);
    }

    protected final void putByte(int field, byte v) {
      buffer.put(offset + field, v);
    }

    protected final void putByte(int field, int index, byte v) {
      buffer.put(offset + field + index, v);
    }

    protected final char getChar(int field) {
      return buffer.getChar(offset + field);
    }

    protected final char getChar(int field, int index) {
      return buffer.getChar(offset + field + index * 2);
    }

    protected final void putChar(int field, char v) {
      buffer.putChar(offset + field, v);
    }

    protected final void putChar(int field, int index, char v) {
      buffer.putChar(offset + field + index * 2, v);
    }

    protected final short getShort(int field) {
      return buffer.getShort(offset + field);
    }

    protected final short getShort(int field, int index) {
      return buffer.getShort(offset + field + index * 2);
    }

    protected final void putShort(int field, short v) {
      buffer.putShort(offset + field, v);
    }

    protected final void putShort(int field, int index, short v) {
      buffer.putShort(offset + field + index * 2, v);
    }

    protected final int getInt(int field) {
      return buffer.getInt(offset + field);
    }

    protected final int getInt(int field, int index) {
      return buffer.getInt(offset + field + index * 4);
    }

    protected final void putInt(int field, int v) {
      buffer.putInt(offset + field, v);
    }

    protected final void putInt(int field, int index, int v) {
      buffer.putInt(offset + field + index * 4, v);
    }

    protected final long getLong(int field) {
      return buffer.getLong(offset + field);
    }

    protected final long getLong(int field, int index) {
      return buffer.getLong(offset + field + index * 8);
    }

    protected final void putLong(int field, long v) {
      buffer.putLong(offset + field, v);
    }

    protected final void putLong(int field, int index, long v) {
      buffer.putLong(offset + field + index * 8, v);
    }

    protected final float getFloat(int field) {
      return buffer.getFloat(offset + field);
    }

    protected final float getFloat(int field, int index) {
      return buffer.getFloat(offset + field + index * 4);
    }

    protected final void putFloat(int field, float v) {
      buffer.putFloat(offset + field, v);
    }

    protected final void putFloat(int field, int index, float v) {
      buffer.putFloat(offset + field + index * 4, v);
    }

    protected final double getDouble(int field) {
      return buffer.getDouble(offset + field);
    }

    protected final double getDouble(int field, int index) {
      return buffer.getDouble(offset + field + index * 8);
    }

    protected final void putDouble(int field, double v) {
      buffer.putDouble(offset + field, v);
    }

    protected final void putDouble(int field, int index, double v) {
      buffer.putDouble(offset + field + index * 8, v);
    }

    /** Accessor for a nested struct field. */
    @SuppressWarnings("unchecked")
    protected final <S extends Struct, D extends Struct.Data> D getData(S struct, int field) {
      return (D) ((Struct) struct).at(buffer, offset + field);
    }

    /** Accessor for element index of a nested struct array field. */
    @SuppressWarnings("unchecked")
    protected final <S extends Struct, D extends Struct.Data> D getData(S struct, int field, int index) {
      return (D) ((Struct) struct).at(buffer, offset + field + index * struct.getExtent());
    }

    /** The buffer from a field on, for send and receive. */
    protected final ByteBuffer getBuffer(Datatype type, int field) {
      int at = offset + field;
      return at == 0 ? buffer : slice(at);
    }

    /** The buffer from element index of an array field on. */
    protected final ByteBuffer getBuffer(Datatype type, int field, int index) throws MPIException {
      int at = offset + field + index * type.getExtent() * type.baseType().bytes();
      return at == 0 ? buffer : slice(at);
    }
  }

  final Data at(ByteBuffer buffer, int byteOffset) {
    commit();
    Data d = newData();
    d.buffer = buffer;
    d.offset = byteOffset;
    return d;
  }
}
