package mpi;

import java.nio.Buffer;
import java.nio.ByteBuffer;

/**
 * {@code count} items of a datatype in a user's buffer, from an element offset: one side of a
 * transfer. The buffer is a Java array (MPJ Express's calls, Open MPI's blocking calls) or a
 * {@link Buffer} (Open MPI's calls; its position is ignored and its array offset honoured, as Open
 * MPI does). A region is "direct" when its data is one gapless run of a primitive array of the
 * datatype's base type: then picluster-comm reads or writes the user's array itself, with no copy.
 */
final class Region {
  /** The user's array (for a Buffer: its backing array when that holds the base type), else null. */
  private final Object array;
  /** The user's Buffer when {@link #array} is null. */
  private final Buffer buffer;
  /** Offset of item 0, in elements of the base type, into {@link #array} or {@link #buffer}. */
  private final int offset;
  /** True when {@link #array} holds packed items (item k at element k * size), not the user's layout. */
  private final boolean packed;
  final int count;
  final Datatype type;

  private Region(Object array, Buffer buffer, int offset, int count, Datatype type) {
    this(array, buffer, offset, false, count, type);
  }

  private Region(Object array, Buffer buffer, int offset, boolean packed, int count, Datatype type) {
    this.array = array;
    this.buffer = buffer;
    this.offset = offset;
    this.packed = packed;
    this.count = count;
    this.type = type;
  }

  /** A packed copy of this region's data, as a region of the same datatype (in-place operations send it). */
  Region packedCopy() {
    return new Region(pack(), null, 0, true, count, type);
  }

  /** {@code count} items of {@code type} at element {@code offset} of {@code buf}. */
  static Region of(Object buf, int offset, int count, Datatype type) {
    if (type == null) {
      throw new MPIException(MPI.ERR_TYPE, "the datatype is null; give one such as MPI.INT");
    }
    if (count < 0) {
      throw new MPIException(MPI.ERR_COUNT, "count " + count + " is negative");
    }
    BaseType base = type.baseType();
    if (buf == null) {
      if (count == 0 || type.sizeInElements() == 0) {
        return new Region(base.newArray(0), null, 0, count, type);
      }
      throw new MPIException(MPI.ERR_BUFFER, "the buffer is null but count is " + count);
    }
    if (buf instanceof Buffer) {
      Buffer b = (Buffer) buf;
      if (b.hasArray() && base != BaseType.OBJECT && BaseType.ofArray(b.array()) == base) {
        return new Region(b.array(), null, b.arrayOffset() + offset, count, type);
      }
      return new Region(null, b, offset, count, type);
    }
    if (base == BaseType.OBJECT ? !(buf instanceof Object[]) : BaseType.ofArrayOrNull(buf) != base) {
      throw new MPIException(MPI.ERR_TYPE, "the buffer is a " + describe(buf) + " but the datatype's elements are "
          + base.arrayClass().getComponentType().getSimpleName() + "; give a "
          + base.arrayClass().getSimpleName() + " (or the datatype that matches the buffer)");
    }
    if (offset < 0) {
      throw new MPIException(MPI.ERR_BUFFER, "offset " + offset + " is negative");
    }
    return new Region(buf, null, offset, count, type);
  }

  /** {@code count} items starting {@code item} items (extents) into this region. */
  Region at(int item, int count) {
    if (count < 0) {
      throw new MPIException(MPI.ERR_COUNT, "count " + count + " is negative");
    }
    int step = packed ? type.sizeInElements() : type.extentInElements();
    return new Region(array, buffer, offset + Math.multiplyExact(item, step), packed, count, type);
  }

  /** Data elements of the base type the region holds. */
  int elements() {
    return Math.multiplyExact(count, type.sizeInElements());
  }

  BaseType base() {
    return type.baseType();
  }

  boolean isObjects() {
    return type.baseType() == BaseType.OBJECT;
  }

  /** True when picluster-comm can use the user's array itself: {@link #array()} from {@link #first()}. */
  boolean direct() {
    return type.baseType() != BaseType.OBJECT && (packed || array != null && type.isContiguous());
  }

  /** True for a user's array (not a Buffer, not a packed copy): item 0 at element {@link #offset()}. */
  boolean isUserArray() {
    return array != null && !packed;
  }

  int offset() {
    return offset;
  }

  Object array() {
    return array;
  }

  /** Where the data starts in {@link #array()}, for a direct region. */
  int first() {
    return packed ? offset : offset + type.lbInElements();
  }

  /** A new packed array of the base type holding the region's data. */
  Object pack() {
    if (packed) {
      Object copy = type.baseType().newArray(elements());
      System.arraycopy(array, offset, copy, 0, elements());
      return copy;
    }
    if (array != null) {
      return type.pack(array, offset, count);
    }
    return type.pack(bufferAtOffset(), count);
  }

  /** Writes {@code elements} data elements from {@code packed} (from its start) into the region. */
  void unpack(Object packed, int elements) {
    if (this.packed) {
      System.arraycopy(packed, 0, array, offset, elements);
    } else if (array != null) {
      type.unpack(packed, elements, array, offset);
    } else {
      type.unpack(packed, elements, bufferAtOffset());
    }
  }

  /**
   * The region's data as base-type elements: the user's array when direct, else a packed copy, from
   * {@link Flat#start}. For a receive, {@link Flat#finish()} writes a copy back into the region.
   */
  Flat flat(boolean keepContents) {
    if (direct()) {
      return new Flat(this, array, first(), false);
    }
    return new Flat(this, keepContents ? pack() : base().newArray(elements()), 0, true);
  }

  /** The buffer viewed from this region's offset, in the same byte order. */
  private Buffer bufferAtOffset() {
    if (offset == 0) {
      return buffer;
    }
    int unit = buffer instanceof ByteBuffer ? type.baseType().bytes() : 1;
    int index = Math.multiplyExact(offset, unit);
    Buffer view = buffer.slice(index, buffer.capacity() - index);
    if (buffer instanceof ByteBuffer) {
      ((ByteBuffer) view).order(((ByteBuffer) buffer).order());
    }
    return view;
  }

  private static String describe(Object buf) {
    return buf.getClass().isArray() ? buf.getClass().getComponentType().getSimpleName() + "[]"
        : buf.getClass().getName();
  }

  /** A region as one run of base-type elements (see {@link Region#flat}). */
  static final class Flat {
    final Region region;
    final Object array;
    final int start;
    private final boolean copy;

    Flat(Region region, Object array, int start, boolean copy) {
      this.region = region;
      this.array = array;
      this.start = start;
      this.copy = copy;
    }

    /** Element offset of item {@code item} of the region. */
    int at(int item) {
      return start + Math.multiplyExact(item, region.type.sizeInElements());
    }

    /** After a receive into a copy: writes the copy back into the user's buffer. */
    void finish() {
      if (copy) {
        region.unpack(array, region.elements());
      }
    }
  }
}
