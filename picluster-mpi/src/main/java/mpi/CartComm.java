package mpi;

/**
 * A communicator with a Cartesian grid, Open MPI's class ({@code getCoords}, {@code shift},
 * {@code sub} ...); it is also MPJ Express's {@link Cartcomm}.
 */
public final class CartComm extends Cartcomm {
  CartComm(io.picluster.comm.Comm base, CartTopology topology) {
    super(base, topology);
  }

  @Override
  public CartComm clone() {
    return (CartComm) super.clone();
  }

  @Override
  public CartComm dup() throws MPIException {
    return (CartComm) super.dup();
  }

  @Override
  public CartComm iDup() throws MPIException {
    return (CartComm) super.iDup();
  }

  @Override
  public CartComm dupWithInfo(Info info) throws MPIException {
    return (CartComm) super.dupWithInfo(info);
  }

  /** Dimensions, periods and this rank's coordinates. */
  public CartParms getTopo() throws MPIException {
    try {
      return topology.parms(localRank());
    } catch (RuntimeException e) {
      throw error("getTopo", e);
    }
  }

  public int getRank(int[] coords) throws MPIException {
    try {
      base();
      return topology.rank(coords);
    } catch (RuntimeException e) {
      throw error("getRank", e);
    }
  }

  public int[] getCoords(int rank) throws MPIException {
    try {
      base();
      return topology.coords(rank);
    } catch (RuntimeException e) {
      throw error("getCoords", e);
    }
  }

  public ShiftParms shift(int direction, int disp) throws MPIException {
    try {
      return shiftOf(direction, disp);
    } catch (RuntimeException e) {
      throw error("shift", e);
    }
  }

  public CartComm sub(boolean[] remainDims) throws MPIException {
    try {
      return subOf(remainDims);
    } catch (RuntimeException e) {
      throw error("sub", e);
    }
  }

  public int map(int[] dims, boolean[] periods) throws MPIException {
    try {
      return mapOf(dims, periods);
    } catch (RuntimeException e) {
      throw error("map", e);
    }
  }

  /** Fills the zero entries of {@code dims} with a balanced factorisation of {@code nnodes}. */
  public static void createDims(int nnodes, int[] dims) throws MPIException {
    try {
      CartTopology.dimsCreate(nnodes, dims);
    } catch (RuntimeException e) {
      throw Errors.handle(MPI.COMM_WORLD, "createDims", e);
    }
  }
}
