package mpi;

import java.util.Arrays;

/**
 * A datatype's layout, in elements of its base type: the data blocks in type-map order (packing
 * order), each with the primitive it holds (Open MPI's byte-based struct types hold ints, doubles,
 * ... in their bytes), and the bounds. Immutable. Adjacent blocks of one primitive are merged, so
 * a contiguous type has one block however long it is.
 */
final class TypeMap {
  static final TypeMap EMPTY = new Builder().build();

  final int[] disp;
  final int[] len;
  final BaseType[] prim;
  final int blocks;
  /** Data elements in one item. */
  final int size;
  final int lb;
  final int ub;
  /** lb/ub set explicitly (MPI.LB/MPI.UB markers, createResized): sticky through constructors. */
  final boolean lbMarked;
  final boolean ubMarked;
  /** Bounds of the data alone (0 and 0 when there is none). */
  final int trueLb;
  final int trueUb;

  private TypeMap(Builder b, int lb, int ub) {
    this.blocks = b.blocks;
    this.disp = Arrays.copyOf(b.disp, b.blocks);
    this.len = Arrays.copyOf(b.len, b.blocks);
    this.prim = Arrays.copyOf(b.prim, b.blocks);
    this.size = (int) b.size;
    this.lb = lb;
    this.ub = ub;
    this.lbMarked = b.markedLb != null;
    this.ubMarked = b.markedUb != null;
    int tl = Integer.MAX_VALUE;
    int tu = Integer.MIN_VALUE;
    for (int i = 0; i < blocks; i++) {
      tl = Math.min(tl, disp[i]);
      tu = Math.max(tu, disp[i] + len[i]);
    }
    this.trueLb = blocks == 0 ? 0 : tl;
    this.trueUb = blocks == 0 ? 0 : tu;
  }

  /** One element of a basic type: lb 0, ub 1. */
  static TypeMap basic(BaseType t) {
    return new Builder().block(0, 1, t).build();
  }

  int extent() {
    return ub - lb;
  }

  /** True when count items are exactly elements [lb, lb + count*size): no gaps, no reordering. */
  boolean isContiguous() {
    if (size == 0) {
      return true;
    }
    return blocks == 1 && disp[0] == lb && len[0] == extent();
  }

  /** The single primitive all data is made of, or null when it mixes primitives (or has none). */
  BaseType uniformPrimitive() {
    BaseType p = null;
    for (int i = 0; i < blocks; i++) {
      if (p == null) {
        p = prim[i];
      } else if (p != prim[i]) {
        return null;
      }
    }
    return p;
  }

  /** This map in units {@code factor} times smaller (elements of a base type as bytes). */
  TypeMap scaled(int factor) {
    if (factor == 1) {
      return this;
    }
    Builder b = new Builder();
    for (int i = 0; i < blocks; i++) {
      b.block(Math.multiplyExact(disp[i], factor), Math.multiplyExact(len[i], factor), prim[i]);
    }
    return b.buildWithBounds(lb * factor, ub * factor, lbMarked, ubMarked);
  }

  /** Number of primitives (basic elements) in the first {@code elements} data elements of the item sequence. */
  long primitivesIn(long elements, BaseType base) {
    if (size == 0 || elements <= 0) {
      return 0;
    }
    long whole = elements / size;
    long perItem = 0;
    for (int i = 0; i < blocks; i++) {
      perItem += len[i] * (long) base.bytes() / Math.max(1, prim[i].bytes());
    }
    long n = whole * perItem;
    long rest = elements - whole * size;
    for (int i = 0; i < blocks && rest > 0; i++) {
      long take = Math.min(rest, len[i]);
      n += take * base.bytes() / Math.max(1, prim[i].bytes());
      rest -= take;
    }
    if (base == BaseType.OBJECT) {
      return elements;
    }
    return n;
  }

  /**
   * Collects the blocks and bounds of a new type, copy by copy, following MPI's rules: the lower
   * bound is the least of the copies' lower bounds, unless some copy carries an explicit LB marker,
   * in which case only marked bounds count; likewise the upper bound.
   */
  static final class Builder {
    private int[] disp = new int[4];
    private int[] len = new int[4];
    private BaseType[] prim = new BaseType[4];
    private int blocks;
    private long size;
    private Integer anyLb;
    private Integer anyUb;
    private Integer markedLb;
    private Integer markedUb;

    /** Appends a data block of len elements at disp; merges it into the previous one when adjacent. */
    Builder block(int d, int n, BaseType p) {
      if (n == 0) {
        return this;
      }
      if (blocks > 0 && prim[blocks - 1] == p && (long) disp[blocks - 1] + len[blocks - 1] == d) {
        len[blocks - 1] = Math.addExact(len[blocks - 1], n);
      } else {
        if (blocks == disp.length) {
          disp = Arrays.copyOf(disp, blocks * 2);
          len = Arrays.copyOf(len, blocks * 2);
          prim = Arrays.copyOf(prim, blocks * 2);
        }
        disp[blocks] = d;
        len[blocks] = n;
        prim[blocks] = p;
        blocks++;
      }
      size += n;
      if (size > Integer.MAX_VALUE) {
        throw new MPIException("datatype too large: more than " + Integer.MAX_VALUE + " elements per item");
      }
      anyLb = anyLb == null ? d : Math.min(anyLb, d);
      anyUb = anyUb == null ? d + n : Math.max(anyUb, d + n);
      return this;
    }

    /** Adds one copy of {@code old} displaced by {@code d} elements: its data and its bounds. */
    Builder copy(int d, TypeMap old) {
      if (old.size == 0 && !old.lbMarked && !old.ubMarked) {
        return this; // an empty type has no bounds to contribute
      }
      for (int i = 0; i < old.blocks; i++) {
        block(Math.addExact(d, old.disp[i]), old.len[i], old.prim[i]);
      }
      int l = Math.addExact(d, old.lb);
      int u = Math.addExact(d, old.ub);
      if (old.size > 0) { // a bare LB or UB marker bounds only its own side
        anyLb = anyLb == null ? l : Math.min(anyLb, l);
        anyUb = anyUb == null ? u : Math.max(anyUb, u);
      }
      if (old.lbMarked) {
        markedLb = markedLb == null ? l : Math.min(markedLb, l);
      }
      if (old.ubMarked) {
        markedUb = markedUb == null ? u : Math.max(markedUb, u);
      }
      return this;
    }

    /** An MPI.LB marker at d. */
    Builder lbMarker(int d) {
      markedLb = markedLb == null ? d : Math.min(markedLb, d);
      return this;
    }

    /** An MPI.UB marker at d. */
    Builder ubMarker(int d) {
      markedUb = markedUb == null ? d : Math.max(markedUb, d);
      return this;
    }

    TypeMap build() {
      return build(1);
    }

    /**
     * Builds, rounding the extent up to a multiple of {@code alignment} unless the upper bound is
     * marked (the padding C compilers add after a struct's last member; Open MPI adds it too).
     */
    TypeMap build(int alignment) {
      int l = markedLb != null ? markedLb : anyLb != null ? anyLb : 0;
      int u = markedUb != null ? markedUb : anyUb != null ? anyUb : l;
      if (markedUb == null && alignment > 1) {
        int ext = u - l;
        int rem = Math.floorMod(ext, alignment);
        if (rem != 0) {
          u += alignment - rem;
        }
      }
      return new TypeMap(this, l, u);
    }

    TypeMap buildWithBounds(int l, int u, boolean lbMark, boolean ubMark) {
      markedLb = lbMark ? Integer.valueOf(l) : null;
      markedUb = ubMark ? Integer.valueOf(u) : null;
      return new TypeMap(this, l, u);
    }
  }
}
