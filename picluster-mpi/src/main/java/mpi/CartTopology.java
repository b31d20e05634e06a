package mpi;

import java.util.Arrays;

/**
 * The arithmetic of a Cartesian process grid: ranks are laid out row-major (the last dimension
 * varies fastest), as MPI specifies. Pure math; the communicators use it.
 */
final class CartTopology {
  private final int[] dims;
  private final boolean[] periods;
  private final int size;

  CartTopology(int[] dims, boolean[] periods) {
    if (dims == null || periods == null || dims.length != periods.length) {
      throw new MPIException(MPI.ERR_DIMS, "a Cartesian grid needs as many periods as dimensions ("
          + (dims == null ? "no dims" : dims.length + " dims") + ", "
          + (periods == null ? "no periods" : periods.length + " periods") + ")");
    }
    long n = 1;
    for (int d : dims) {
      if (d <= 0) {
        throw new MPIException(MPI.ERR_DIMS, "every dimension of a Cartesian grid must be >= 1, not "
            + Arrays.toString(dims));
      }
      n *= d;
      if (n > Integer.MAX_VALUE) {
        throw new MPIException(MPI.ERR_DIMS, "the grid " + Arrays.toString(dims) + " is too large");
      }
    }
    this.dims = dims.clone();
    this.periods = periods.clone();
    this.size = (int) n;
  }

  /** Number of processes in the grid (the product of the dimensions). */
  int size() {
    return size;
  }

  int ndims() {
    return dims.length;
  }

  int[] dims() {
    return dims.clone();
  }

  boolean[] periods() {
    return periods.clone();
  }

  /** Rank at these coordinates; periodic dimensions wrap, others must be in range. */
  int rank(int[] coords) {
    if (coords == null || coords.length != dims.length) {
      throw new MPIException(MPI.ERR_ARG, "expected " + dims.length + " coordinates, not "
          + (coords == null ? "none" : String.valueOf(coords.length)));
    }
    int r = 0;
    for (int i = 0; i < dims.length; i++) {
      int c = coords[i];
      if (c < 0 || c >= dims[i]) {
        if (!periods[i]) {
          throw new MPIException(MPI.ERR_ARG, "coordinate " + c + " of dimension " + i + " is outside 0.."
              + (dims[i] - 1) + " and the dimension is not periodic");
        }
        c = Math.floorMod(c, dims[i]);
      }
      r = r * dims[i] + c;
    }
    return r;
  }

  /** Coordinates of a rank. */
  int[] coords(int rank) {
    if (rank < 0 || rank >= size) {
      throw new MPIException(MPI.ERR_RANK, "rank " + rank + " is not in the grid of " + size);
    }
    int[] c = new int[dims.length];
    for (int i = dims.length - 1; i >= 0; i--) {
      c[i] = rank % dims[i];
      rank /= dims[i];
    }
    return c;
  }

  /**
   * The ranks a shift by disp along direction pairs myRank with: {source, dest}, where dest is
   * disp steps up and source disp steps down; MPI.PROC_NULL past an open (non-periodic) edge.
   */
  int[] shift(int myRank, int direction, int disp) {
    if (direction < 0 || direction >= dims.length) {
      throw new MPIException(MPI.ERR_ARG, "shift direction " + direction + " is not a dimension (0.."
          + (dims.length - 1) + ")");
    }
    int[] c = coords(myRank);
    return new int[] {neighbour(c, direction, -(long) disp), neighbour(c, direction, disp)};
  }

  private int neighbour(int[] c, int direction, long step) {
    long to = c[direction] + step;
    if (to < 0 || to >= dims[direction]) {
      if (!periods[direction]) {
        return MPI.PROC_NULL;
      }
      to = Math.floorMod(to, (long) dims[direction]);
    }
    int[] n = c.clone();
    n[direction] = (int) to;
    return rank(n);
  }

  CartParms parms(int myRank) {
    return new CartParms(dims(), periods(), coords(myRank));
  }

  /** The sub-grid keeping the dimensions where remain[i] is true (MPI_Cart_sub); 0-d keeps one process. */
  CartTopology sub(boolean[] remain) {
    checkRemain(remain);
    int n = 0;
    for (boolean b : remain) {
      if (b) {
        n++;
      }
    }
    int[] d = new int[n];
    boolean[] p = new boolean[n];
    int k = 0;
    for (int i = 0; i < dims.length; i++) {
      if (remain[i]) {
        d[k] = dims[i];
        p[k] = periods[i];
        k++;
      }
    }
    return new CartTopology(d, p);
  }

  /** Which sub-grid a rank falls in: the row-major number of its coordinates in the dropped dimensions. */
  int subColor(int rank, boolean[] remain) {
    return linear(rank, remain, false);
  }

  /** A rank's rank inside its sub-grid: the row-major number of its coordinates in the kept dimensions. */
  int subKey(int rank, boolean[] remain) {
    return linear(rank, remain, true);
  }

  private int linear(int rank, boolean[] remain, boolean kept) {
    checkRemain(remain);
    int[] c = coords(rank);
    int r = 0;
    for (int i = 0; i < dims.length; i++) {
      if (remain[i] == kept) {
        r = r * dims[i] + c[i];
      }
    }
    return r;
  }

  private void checkRemain(boolean[] remain) {
    if (remain == null || remain.length != dims.length) {
      throw new MPIException(MPI.ERR_ARG, "expected " + dims.length + " remain flags, not "
          + (remain == null ? "none" : String.valueOf(remain.length)));
    }
  }

  /**
   * Fills the zero entries of dims so that the product of all entries is nnodes, with the filled
   * dimensions as close to each other as possible and in non-increasing order (MPI_Dims_create).
   * Non-zero entries are kept; their product must divide nnodes.
   */
  static void dimsCreate(int nnodes, int[] dims) {
    if (nnodes < 1) {
      throw new MPIException(MPI.ERR_ARG, "Dims_create: the number of nodes must be >= 1, not " + nnodes);
    }
    if (dims == null) {
      throw new MPIException(MPI.ERR_ARG, "Dims_create: dims is null");
    }
    long fixed = 1;
    int free = 0;
    for (int d : dims) {
      if (d < 0) {
        throw new MPIException(MPI.ERR_DIMS, "Dims_create: dimensions must be >= 0, not " + Arrays.toString(dims));
      }
      if (d == 0) {
        free++;
      } else {
        fixed *= d;
      }
    }
    if (fixed > nnodes || nnodes % fixed != 0) {
      throw new MPIException(MPI.ERR_DIMS, "Dims_create: " + nnodes + " nodes cannot be laid out with the"
          + " preset dimensions " + Arrays.toString(dims) + " (their product must divide " + nnodes + ")");
    }
    int rest = (int) (nnodes / fixed);
    if (free == 0) {
      if (rest != 1) {
        throw new MPIException(MPI.ERR_DIMS, "Dims_create: the dimensions " + Arrays.toString(dims)
            + " make " + fixed + " nodes, not " + nnodes);
      }
      return;
    }
    int[] best = balancedFactors(rest, free);
    int k = 0;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] == 0) {
        dims[i] = best[k++];
      }
    }
  }

  /** n as a product of k factors, non-increasing, with the smallest spread between largest and smallest. */
  static int[] balancedFactors(int n, int k) {
    int[] divisors = divisorsDescending(n);
    int[] current = new int[k];
    int[] best = new int[k];
    long[] bestSpread = {Long.MAX_VALUE};
    search(divisors, n, k, 0, n, current, best, bestSpread);
    return best;
  }

  // Chooses factor i (a divisor of what is left, at most the previous factor); the first complete
  // choice with the least spread wins, and larger first factors are tried first.
  private static void search(int[] divisors, int left, int k, int i, int max, int[] current, int[] best,
      long[] bestSpread) {
    if (i == k - 1) {
      if (left <= max) {
        current[i] = left;
        long spread = (long) current[0] - left;
        if (spread < bestSpread[0]) {
          bestSpread[0] = spread;
          System.arraycopy(current, 0, best, 0, k);
        }
      }
      return;
    }
    int slots = k - i;
    for (int f : divisors) {
      if (f > max || f > left || left % f != 0) {
        continue;
      }
      // f is the largest of the remaining factors, so f^slots >= left.
      if (Math.pow(f, slots) < left - 0.5) {
        break;
      }
      current[i] = f;
      search(divisors, left / f, k, i + 1, f, current, best, bestSpread);
    }
  }

  private static int[] divisorsDescending(int n) {
    java.util.List<Integer> ds = new java.util.ArrayList<>();
    for (int d = 1; (long) d * d <= n; d++) {
      if (n % d == 0) {
        ds.add(d);
        ds.add(n / d);
      }
    }
    return ds.stream().distinct().sorted(java.util.Comparator.reverseOrder()).mapToInt(Integer::intValue).toArray();
  }
}
