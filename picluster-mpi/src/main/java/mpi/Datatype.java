package mpi;

import java.nio.Buffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An MPI datatype: how items of data lie in a buffer that is an array (or nio buffer) of ONE Java
 * element type, its base type. Displacements, strides, bounds and extents count elements of the
 * base type, in both APIs, except where Open MPI takes bytes: {@code createHVector},
 * {@code createHIndexed}, {@code createStruct} (which yields a byte-based type) and
 * {@code createResized}. MPJ Express's {@code Hvector}/{@code Hindexed}/{@code Struct} count
 * elements, as its documentation says. Commit is accepted and not required.
 */
public final class Datatype implements Freeable, Cloneable {
  // MPJ Express's type codes, returned by getType().
  private static final int CODE_NULL = 0;
  private static final int CODE_PACKED = 9;
  private static final int CODE_LB = 10;
  private static final int CODE_UB = 11;

  static final Datatype NULL = new Datatype(BaseType.BYTE, TypeMap.EMPTY, null, "MPI_DATATYPE_NULL", CODE_NULL, true);
  static final Datatype BYTE = basic(BaseType.BYTE, "MPI_BYTE", 1);
  static final Datatype CHAR = basic(BaseType.CHAR, "MPI_CHAR", 2);
  static final Datatype SHORT = basic(BaseType.SHORT, "MPI_SHORT", 3);
  static final Datatype BOOLEAN = basic(BaseType.BOOLEAN, "MPI_BOOLEAN", 4);
  static final Datatype INT = basic(BaseType.INT, "MPI_INT", 5);
  static final Datatype LONG = basic(BaseType.LONG, "MPI_LONG", 6);
  static final Datatype FLOAT = basic(BaseType.FLOAT, "MPI_FLOAT", 7);
  static final Datatype DOUBLE = basic(BaseType.DOUBLE, "MPI_DOUBLE", 8);
  static final Datatype PACKED = basic(BaseType.BYTE, "MPI_PACKED", CODE_PACKED);
  static final Datatype LB = new Datatype(BaseType.BYTE, new TypeMap.Builder().lbMarker(0).build(), null, "MPI_LB", CODE_LB, true);
  static final Datatype UB = new Datatype(BaseType.BYTE, new TypeMap.Builder().ubMarker(0).build(), null, "MPI_UB", CODE_UB, true);
  static final Datatype OBJECT = basic(BaseType.OBJECT, "MPI_OBJECT", 12);

  // MPJ Express's pairs for MAXLOC/MINLOC: two elements of one type (value, index). INT2 serves Open MPI too.
  static final Datatype SHORT2 = pair(BaseType.SHORT, "MPI_2SHORT");
  static final Datatype INT2 = pair(BaseType.INT, "MPI_2INT");
  static final Datatype LONG2 = pair(BaseType.LONG, "MPI_2LONG");
  static final Datatype FLOAT2 = pair(BaseType.FLOAT, "MPI_2FLOAT");
  static final Datatype DOUBLE2 = pair(BaseType.DOUBLE, "MPI_2DOUBLE");

  // Open MPI's pairs: C structs {value; int} in bytes, laid out (and padded) as C lays them out.
  static final Datatype SHORT_INT = bytePair(BaseType.SHORT, 4, "MPI_SHORT_INT");
  static final Datatype LONG_INT = bytePair(BaseType.LONG, 8, "MPI_LONG_INT");
  static final Datatype FLOAT_INT = bytePair(BaseType.FLOAT, 4, "MPI_FLOAT_INT");
  static final Datatype DOUBLE_INT = bytePair(BaseType.DOUBLE, 8, "MPI_DOUBLE_INT");

  static final Datatype FLOAT_COMPLEX = complex(BaseType.FLOAT, "MPI_C_FLOAT_COMPLEX");
  static final Datatype DOUBLE_COMPLEX = complex(BaseType.DOUBLE, "MPI_C_DOUBLE_COMPLEX");

  private static final AtomicInteger KEYVALS = new AtomicInteger(1000);

  final BaseType base;
  final TypeMap map;
  /** Pair (MAXLOC/MINLOC) or complex structure of every item, or null. */
  final Compound compound;
  private final boolean builtin;
  private final int code;
  private String name;
  private boolean committed;
  private boolean freed;
  private Map<Integer, Object> attributes;

  private Datatype(BaseType base, TypeMap map, Compound compound, String name, int code, boolean builtin) {
    this.base = base;
    this.map = map;
    this.compound = compound;
    this.name = name;
    this.code = code;
    this.builtin = builtin;
    this.committed = builtin;
  }

  private Datatype(BaseType base, TypeMap map, Compound compound) {
    this(base, map, compound, "", codeOf(base), false);
  }

  private static Datatype basic(BaseType t, String name, int code) {
    return new Datatype(t, TypeMap.basic(t), null, name, code, true);
  }

  private static Datatype pair(BaseType t, String name) {
    TypeMap m = new TypeMap.Builder().block(0, 2, t).build();
    return new Datatype(t, m, new Compound(Compound.Kind.PAIR, t, t), name, codeOf(t), true);
  }

  private static Datatype bytePair(BaseType value, int indexOffset, String name) {
    TypeMap m = new TypeMap.Builder().block(0, value.bytes(), value).block(indexOffset, 4, BaseType.INT)
        .build(Math.max(value.bytes(), 4));
    return new Datatype(BaseType.BYTE, m, new Compound(Compound.Kind.PAIR, value, BaseType.INT), name,
        codeOf(BaseType.BYTE), true);
  }

  private static Datatype complex(BaseType t, String name) {
    TypeMap m = new TypeMap.Builder().block(0, 2, t).build();
    return new Datatype(t, m, new Compound(Compound.Kind.COMPLEX, t, t), name, codeOf(t), true);
  }

  private static int codeOf(BaseType t) {
    switch (t) {
      case BYTE: return 1;
      case CHAR: return 2;
      case SHORT: return 3;
      case BOOLEAN: return 4;
      case INT: return 5;
      case LONG: return 6;
      case FLOAT: return 7;
      case DOUBLE: return 8;
      default: return 12;
    }
  }

  // ---------------------------------------------------------------- package-private contract

  BaseType baseType() {
    return base;
  }

  /** Data elements (of the base type) in one item. */
  int sizeInElements() {
    return map.size;
  }

  int extentInElements() {
    return map.extent();
  }

  int lbInElements() {
    return map.lb;
  }

  /** True when count items at element offset o are exactly elements [o+lb, o+lb+count*size). */
  boolean isContiguous() {
    return map.isContiguous();
  }

  boolean isBuiltin() {
    return builtin;
  }

  /** Packs count items found at element {@code offset} of {@code buf} into a new base-type array. */
  Object pack(Object buf, int offset, int count) {
    checkUsable();
    checkCount(count);
    Object out = base.newArray(Math.multiplyExact(count, map.size));
    if (count > 0 && map.size > 0) {
      packInto(Elements.of(buf, base), offset, count, out, 0);
    }
    return out;
  }

  /** Packs count items of an nio buffer (its elements from its index 0: position ignored, array offset honoured). */
  Object pack(Buffer buf, int count) {
    return pack((Object) buf, 0, count);
  }

  /**
   * Writes packedElements data elements from {@code packed} into {@code buf} at element
   * {@code offset}, item after item; the last item may be partial.
   */
  void unpack(Object packed, int packedElements, Object buf, int offset) {
    checkUsable();
    if (packedElements < 0 || packedElements > BaseType.length(packed)) {
      throw new MPIException(MPI.ERR_COUNT, "cannot unpack " + packedElements + " elements from "
          + BaseType.length(packed));
    }
    if (packedElements == 0) {
      return;
    }
    if (map.size == 0) {
      throw new MPIException(MPI.ERR_TRUNCATE, "received " + packedElements
          + " elements into a datatype that holds no data");
    }
    Elements e = Elements.of(buf, base);
    if (map.isContiguous()) {
      e.write(packed, 0, offset + map.lb, packedElements, map.prim[0]);
      return;
    }
    int at = 0;
    int extent = map.extent();
    for (long item = 0; at < packedElements; item++) {
      long origin = offset + item * extent;
      for (int b = 0; b < map.blocks && at < packedElements; b++) {
        int n = Math.min(map.len[b], packedElements - at);
        e.write(packed, at, index(origin + map.disp[b]), n, map.prim[b]);
        at += n;
      }
    }
  }

  /** Unpacks into an nio buffer (from its index 0). */
  void unpack(Object packed, int n, Buffer buf) {
    unpack(packed, n, (Object) buf, 0);
  }

  /** Bytes that Pack needs for count items. */
  int packSize(int count) {
    checkCount(count);
    if (base == BaseType.OBJECT) {
      throw new MPIException(MPI.ERR_TYPE, "MPI.OBJECT data has no packed size: send it, do not Pack it");
    }
    return Math.multiplyExact(Math.multiplyExact(count, map.size), base.bytes());
  }

  /** Pack: count items of buf at offset into out at position (native byte order); returns the new position. */
  int pack(Object buf, int offset, int count, byte[] out, int position) {
    int bytes = packSize(count);
    if (position < 0 || (long) position + bytes > out.length) {
      throw new MPIException(MPI.ERR_TRUNCATE, "Pack needs " + bytes + " bytes at position " + position
          + " but the output buffer has " + out.length + " (use Pack_size/packSize)");
    }
    Object packed = pack(buf, offset, count);
    return position + base.toBytes(packed, 0, count * map.size, out, position);
  }

  /** Unpack: count items from in at position into buf at offset; returns the new position. */
  int unpack(byte[] in, int position, Object buf, int offset, int count) {
    int bytes = packSize(count);
    if (position < 0 || (long) position + bytes > in.length) {
      throw new MPIException(MPI.ERR_TRUNCATE, "Unpack of " + count + " items needs " + bytes
          + " bytes at position " + position + " but the packed buffer has " + in.length);
    }
    int n = count * map.size;
    Object packed = base.newArray(n);
    base.fromBytes(in, position, packed, 0, n);
    unpack(packed, n, buf, offset);
    return position + bytes;
  }

  /** Number of basic elements (primitives) in {@code elements} data elements, for Get_elements. */
  long primitivesIn(long elements) {
    return map.primitivesIn(elements, base);
  }

  private void packInto(Elements e, int offset, int count, Object out, int at) {
    if (map.isContiguous()) {
      e.read(offset + map.lb, out, at, count * map.size, map.prim[0]);
      return;
    }
    int extent = map.extent();
    for (int item = 0; item < count; item++) {
      long origin = offset + (long) item * extent;
      for (int b = 0; b < map.blocks; b++) {
        e.read(index(origin + map.disp[b]), out, at, map.len[b], map.prim[b]);
        at += map.len[b];
      }
    }
  }

  private static int index(long i) {
    if (i < 0 || i > Integer.MAX_VALUE) {
      throw new MPIException(MPI.ERR_BUFFER, "the datatype reaches element " + i
          + ", outside the buffer (offset too small or displacements out of range)");
    }
    return (int) i;
  }

  private void checkCount(int count) {
    if (count < 0) {
      throw new MPIException(MPI.ERR_COUNT, "count must be >= 0, not " + count);
    }
  }

  private void checkUsable() {
    if (this == NULL) {
      throw new MPIException(MPI.ERR_TYPE, "MPI.DATATYPE_NULL (MPI.NULL) cannot describe data");
    }
  }

  // ---------------------------------------------------------------- MPJ Express API

  /** Extent (upper bound minus lower bound) in elements of the base type. */
  public int Extent() throws MPIException {
    return map.extent();
  }

  /** Number of base-type elements of data in one item. */
  public int Size() throws MPIException {
    return map.size;
  }

  public int Lb() throws MPIException {
    return map.lb;
  }

  public int Ub() throws MPIException {
    return map.ub;
  }

  public void Commit() throws MPIException {
    commit();
  }

  /** Nothing to release (MPJ Express's finalize is public and empty too). */
  @Override
  @SuppressWarnings({"deprecation", "removal"})
  public void finalize() throws MPIException {
  }

  /** MPJ Express's base-type code: 1 BYTE ... 8 DOUBLE, 9 PACKED, 10 LB, 11 UB, 12 OBJECT. */
  public int getType() {
    return code;
  }

  /** Bytes of data in one item (0 for MPI.OBJECT). */
  public int getByteSize() {
    return map.size * base.bytes();
  }

  public static Datatype Contiguous(int count, Datatype oldtype) throws MPIException {
    return createContiguous(count, oldtype);
  }

  public static Datatype Vector(int count, int blocklength, int stride, Datatype oldtype) throws MPIException {
    return createVector(count, blocklength, stride, oldtype);
  }

  /** As Vector, but the stride counts buffer elements, not old-type extents (MPJ Express: not bytes). */
  public static Datatype Hvector(int count, int blocklength, int stride, Datatype oldtype) throws MPIException {
    return vector("Hvector", count, blocklength, stride, 1, oldtype);
  }

  public static Datatype Indexed(int[] blocklengths, int[] displacements, Datatype oldtype) throws MPIException {
    return createIndexed(blocklengths, displacements, oldtype);
  }

  /** As Indexed, but displacements count buffer elements (MPJ Express: not bytes). */
  public static Datatype Hindexed(int[] blocklengths, int[] displacements, Datatype oldtype) throws MPIException {
    return indexed("Hindexed", blocklengths, displacements, 1, oldtype);
  }

  /**
   * MPJ Express's struct: displacements count buffer elements and every component (MPI.LB and
   * MPI.UB aside) must have the same base type, which the new type takes.
   */
  public static Datatype Struct(int[] blocklengths, int[] displacements, Datatype[] types) throws MPIException {
    checkLengths("Struct", blocklengths, displacements, requireTypes("Struct", types));
    BaseType b = null;
    for (Datatype t : types) {
      if (t == null) {
        throw new MPIException(MPI.ERR_TYPE, "Struct: a component type is null");
      }
      if (t.isMarker()) {
        continue;
      }
      if (b == null) {
        b = t.base;
      } else if (b != t.base) {
        throw new MPIException(MPI.ERR_TYPE, "Struct: every component must have the same base type"
            + " (MPJ Express's rule), but " + b.javaName() + " and " + t.base.javaName() + " are mixed");
      }
    }
    TypeMap.Builder m = new TypeMap.Builder();
    for (int i = 0; i < types.length; i++) {
      placeBlock(m, "Struct", blocklengths[i], displacements[i], types[i], types[i].map);
    }
    return new Datatype(b == null ? BaseType.BYTE : b, m.build(), commonCompound(types));
  }

  public void free() {
    if (!builtin) {
      freed = true;
    }
  }

  // ---------------------------------------------------------------- Open MPI API

  public int getLb() throws MPIException {
    return map.lb;
  }

  public int getExtent() throws MPIException {
    return map.extent();
  }

  public int getTrueLb() throws MPIException {
    return map.trueLb;
  }

  public int getTrueExtent() throws MPIException {
    return map.trueUb - map.trueLb;
  }

  public int getSize() throws MPIException {
    return map.size;
  }

  public void commit() throws MPIException {
    committed = true;
  }

  public boolean isNull() {
    return this == NULL;
  }

  /** A duplicate (MPI_Type_dup); Open MPI's clone. */
  @Override
  public Datatype clone() {
    return dup();
  }

  public Datatype dup() throws MPIException {
    Datatype d = new Datatype(base, map, compound, name, code, false);
    d.committed = committed;
    if (attributes != null) {
      d.attributes = new HashMap<>(attributes);
    }
    return d;
  }

  public static Datatype createContiguous(int count, Datatype oldType) throws MPIException {
    return vector("createContiguous", count, 1, 1, 0, requireType(oldType));
  }

  public static Datatype createVector(int count, int blockLength, int stride, Datatype oldType) throws MPIException {
    return vector("createVector", count, blockLength, stride, 0, requireType(oldType));
  }

  /** As createVector, but the stride is in bytes (Open MPI passes it to C unchanged). */
  public static Datatype createHVector(int count, int blockLength, int stride, Datatype oldType) throws MPIException {
    requireType(oldType);
    int elements = bytesToElements("createHVector stride", stride, oldType.base);
    return vector("createHVector", count, blockLength, elements, 1, oldType);
  }

  public static Datatype createIndexed(int[] blockLengths, int[] displacements, Datatype oldType) throws MPIException {
    return indexed("createIndexed", blockLengths, displacements, 0, requireType(oldType));
  }

  /** As createIndexed, but displacements are in bytes (Open MPI passes them to C unchanged). */
  public static Datatype createHIndexed(int[] blockLengths, int[] displacements, Datatype oldType) throws MPIException {
    requireType(oldType);
    checkLengths("createHIndexed", blockLengths, displacements, null);
    int[] d = new int[displacements.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = bytesToElements("createHIndexed displacement", displacements[i], oldType.base);
    }
    return indexed("createHIndexed", blockLengths, d, 1, oldType);
  }

  /**
   * Open MPI's struct: byte displacements, components of any primitive types, and a byte-based
   * result (use it with a ByteBuffer or byte[], e.g. through {@link Struct}). The extent is padded
   * to the widest component's alignment, as C and Open MPI do.
   */
  public static Datatype createStruct(int[] blockLengths, int[] displacements, Datatype[] types) throws MPIException {
    checkLengths("createStruct", blockLengths, displacements, requireTypes("createStruct", types));
    TypeMap.Builder m = new TypeMap.Builder();
    int align = 1;
    for (int i = 0; i < types.length; i++) {
      Datatype t = requireType(types[i]);
      if (t.base == BaseType.OBJECT) {
        throw new MPIException(MPI.ERR_TYPE, "createStruct: MPI.OBJECT cannot be part of a struct");
      }
      TypeMap scaled = t.isMarker() ? t.map : t.map.scaled(t.base.bytes());
      placeBlock(m, "createStruct", blockLengths[i], displacements[i], t, scaled);
      if (blockLengths[i] > 0) {
        for (int b = 0; b < scaled.blocks; b++) {
          align = Math.max(align, Math.min(8, scaled.prim[b].bytes()));
        }
      }
    }
    return new Datatype(BaseType.BYTE, m.build(align), commonCompound(types));
  }

  /** A copy of oldType with lower bound lb and extent extent, both in bytes (Open MPI's rule). */
  public static Datatype createResized(Datatype oldType, int lb, int extent) throws MPIException {
    requireType(oldType);
    int l = bytesToElements("createResized lb", lb, oldType.base);
    int e = bytesToElements("createResized extent", extent, oldType.base);
    TypeMap.Builder m = new TypeMap.Builder();
    TypeMap old = oldType.map;
    for (int b = 0; b < old.blocks; b++) {
      m.block(old.disp[b], old.len[b], old.prim[b]);
    }
    return new Datatype(oldType.base, m.buildWithBounds(l, l + e, true, true), oldType.compound);
  }

  public void setName(String name) throws MPIException {
    this.name = name == null ? "" : name;
  }

  public String getName() throws MPIException {
    return name;
  }

  public static int createKeyval() throws MPIException {
    return KEYVALS.getAndIncrement();
  }

  public static void freeKeyval(int keyval) throws MPIException {
    // keys are plain numbers here; nothing to release
  }

  public synchronized void setAttr(int keyval, Object value) throws MPIException {
    if (attributes == null) {
      attributes = new HashMap<>();
    }
    attributes.put(keyval, value);
  }

  public synchronized Object getAttr(int keyval) throws MPIException {
    return attributes == null ? null : attributes.get(keyval);
  }

  public synchronized void deleteAttr(int keyval) throws MPIException {
    if (attributes != null) {
      attributes.remove(keyval);
    }
  }

  @Override
  public String toString() {
    return name == null || name.isEmpty() ? "datatype of " + map.size + " " + base.javaName() + " (extent "
        + map.extent() + ")" : name;
  }

  boolean isCommitted() {
    return committed;
  }

  boolean isFreed() {
    return freed;
  }

  // ---------------------------------------------------------------- constructors' common work

  private boolean isMarker() {
    return this == LB || this == UB;
  }

  /**
   * count blocks of blockLength copies of old; block i starts at i*stride, counted in old extents
   * (unit 0) or in elements (unit 1).
   */
  private static Datatype vector(String what, int count, int blockLength, int stride, int unit, Datatype old) {
    requireType(old);
    if (count < 0) {
      throw new MPIException(MPI.ERR_COUNT, what + ": count must be >= 0, not " + count);
    }
    if (blockLength < 0) {
      throw new MPIException(MPI.ERR_ARG, what + ": block length must be >= 0, not " + blockLength);
    }
    checkTotal(what, (long) count * blockLength, old);
    int oldExtent = old.map.extent();
    long step = unit == 0 ? (long) stride * oldExtent : stride;
    TypeMap.Builder m = new TypeMap.Builder();
    if (isDense(old.map) && step == (long) blockLength * oldExtent && count > 0 && blockLength > 0) {
      // copies of a gapless type, block after block: one run (contiguous types of any length stay O(1))
      m.block(0, Math.multiplyExact(count * blockLength, old.map.size), old.map.prim[0]);
      return new Datatype(old.base, m.build(), old.compound);
    }
    for (int i = 0; i < count; i++) {
      long start = i * step;
      for (int j = 0; j < blockLength; j++) {
        m.copy(toInt(start + (long) j * oldExtent, what), old.map);
      }
    }
    return new Datatype(old.base, m.build(), old.compound);
  }

  /** One block from 0 to the extent, no markers: copies of it placed an extent apart are one run. */
  private static boolean isDense(TypeMap m) {
    return m.blocks == 1 && m.lb == 0 && m.disp[0] == 0 && m.len[0] == m.extent() && !m.lbMarked && !m.ubMarked;
  }

  /** Refuses, before building anything, a type of more than Integer.MAX_VALUE elements per item. */
  private static void checkTotal(String what, long copies, Datatype old) {
    if (copies * old.map.size > Integer.MAX_VALUE) {
      throw new MPIException(MPI.ERR_ARG, what + ": " + copies + " copies of " + old.map.size
          + " elements make a datatype too large (more than " + Integer.MAX_VALUE + " elements per item)");
    }
  }

  private static Datatype indexed(String what, int[] blockLengths, int[] displacements, int unit, Datatype old) {
    requireType(old);
    checkLengths(what, blockLengths, displacements, null);
    long copies = 0;
    for (int b : blockLengths) {
      copies += Math.max(0, b);
    }
    checkTotal(what, copies, old);
    TypeMap.Builder m = new TypeMap.Builder();
    for (int i = 0; i < blockLengths.length; i++) {
      long start = unit == 0 ? (long) displacements[i] * old.map.extent() : displacements[i];
      placeBlock(m, what, blockLengths[i], toInt(start, what), old, old.map);
    }
    return new Datatype(old.base, m.build(), old.compound);
  }

  /** blockLength copies of a type (map in the new type's units) from displacement start. */
  private static void placeBlock(TypeMap.Builder m, String what, int blockLength, int start, Datatype t, TypeMap map) {
    if (blockLength < 0) {
      throw new MPIException(MPI.ERR_ARG, what + ": block lengths must be >= 0, not " + blockLength);
    }
    if (t == LB) {
      m.lbMarker(start);
      return;
    }
    if (t == UB) {
      m.ubMarker(start);
      return;
    }
    for (int j = 0; j < blockLength; j++) {
      m.copy(toInt(start + (long) j * map.extent(), what), map);
    }
  }

  private static Compound commonCompound(Datatype[] types) {
    Compound c = null;
    boolean first = true;
    for (Datatype t : types) {
      if (t == null || t.isMarker()) {
        continue;
      }
      if (first) {
        c = t.compound;
        first = false;
      } else if (!Objects.equals(c, t.compound)) {
        return null;
      }
    }
    return c;
  }

  private static int bytesToElements(String what, int bytes, BaseType base) {
    int w = base.bytes();
    if (w == 0) {
      throw new MPIException(MPI.ERR_TYPE, what + ": MPI.OBJECT data has no byte layout");
    }
    if (bytes % w != 0) {
      throw new MPIException(MPI.ERR_ARG, what + " is in bytes (Open MPI's rule) and must be a multiple of "
          + w + " for " + base.javaName() + " data, not " + bytes);
    }
    return bytes / w;
  }

  private static int toInt(long v, String what) {
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new MPIException(MPI.ERR_ARG, what + ": displacement " + v + " out of range");
    }
    return (int) v;
  }

  private static Datatype[] requireTypes(String what, Datatype[] types) {
    if (types == null) {
      throw new MPIException(MPI.ERR_ARG, what + ": the types array is null");
    }
    return types;
  }

  private static Datatype requireType(Datatype t) {
    if (t == null) {
      throw new MPIException(MPI.ERR_TYPE, "the datatype is null");
    }
    if (t == NULL) {
      throw new MPIException(MPI.ERR_TYPE, "MPI.DATATYPE_NULL cannot be used to build a datatype");
    }
    return t;
  }

  private static void checkLengths(String what, int[] blockLengths, int[] displacements, Datatype[] types) {
    if (blockLengths == null || displacements == null) {
      throw new MPIException(MPI.ERR_ARG, what + ": block lengths and displacements must not be null");
    }
    if (blockLengths.length != displacements.length || (types != null && types.length != blockLengths.length)) {
      throw new MPIException(MPI.ERR_ARG, what + ": " + blockLengths.length + " block lengths, "
          + displacements.length + " displacements" + (types == null ? "" : ", " + types.length + " types")
          + ": they must be as many");
    }
  }

  /** The structure each item's data has beyond its primitives: a (value, index) pair or a complex number. */
  static final class Compound {
    enum Kind { PAIR, COMPLEX }

    final Kind kind;
    final BaseType value;
    final BaseType index;

    Compound(Kind kind, BaseType value, BaseType index) {
      this.kind = kind;
      this.value = value;
      this.index = index;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Compound)) {
        return false;
      }
      Compound c = (Compound) o;
      return c.kind == kind && c.value == value && c.index == index;
    }

    @Override
    public int hashCode() {
      return Objects.hash(kind, value, index);
    }
  }
}
