package mpi;

/**
 * A Cartesian communicator's shape and this process's place in it: MPJ Express's public fields
 * and Open MPI's getters, over the same arrays.
 */
public final class CartParms {
  /** Extent of each dimension. */
  public int[] dims;
  /** Whether each dimension wraps around. */
  public boolean[] periods;
  /** This process's coordinates. */
  public int[] coords;

  CartParms(int[] dims, boolean[] periods, int[] coords) {
    this.dims = dims;
    this.periods = periods;
    this.coords = coords;
  }

  public int getDimCount() {
    return dims.length;
  }

  public int getDim(int i) {
    return dims[i];
  }

  public boolean getPeriod(int i) {
    return periods[i];
  }

  public int getCoord(int i) {
    return coords[i];
  }
}
