package mpi;

/**
 * A communicator with a Cartesian grid, MPJ Express's class ({@code Coords}, {@code Shift},
 * {@code Sub} ...). Every grid communicator is a {@link CartComm}, Open MPI's class, which extends
 * this one: either vocabulary works on it. Ranks are laid out row-major; {@code reorder} is ignored,
 * so a process keeps its rank.
 */
public class Cartcomm extends Intracomm {
  final CartTopology topology;

  Cartcomm(io.picluster.comm.Comm base, CartTopology topology) {
    super(base);
    this.topology = topology;
  }

  @Override
  Comm duplicate() {
    return inherit(new CartComm(base().dup(), topology));
  }

  @Override
  int topology() {
    return MPI.CART;
  }

  @Override
  Neighbourhood neighbourhood() {
    return Neighbourhood.of(topology, localRank());
  }

  @Override
  public Cartcomm clone() {
    return (Cartcomm) super.clone();
  }

  /** The rank at {@code coords} (periodic dimensions wrap). */
  public int Rank(int[] coords) throws MPIException {
    try {
      base();
      return topology.rank(coords);
    } catch (RuntimeException e) {
      throw error("Rank", e);
    }
  }

  /** The coordinates of {@code rank}. */
  public int[] Coords(int rank) throws MPIException {
    try {
      base();
      return topology.coords(rank);
    } catch (RuntimeException e) {
      throw error("Coords", e);
    }
  }

  /** The ranks to receive from and send to for a shift by {@code disp} along {@code direction} (PROC_NULL at open edges). */
  public ShiftParms Shift(int direction, int disp) throws MPIException {
    try {
      return shiftOf(direction, disp);
    } catch (RuntimeException e) {
      throw error("Shift", e);
    }
  }

  /** The sub-grid of this rank keeping the dimensions where {@code remain_dims} is true. */
  public Cartcomm Sub(boolean[] remain_dims) throws MPIException {
    try {
      return subOf(remain_dims);
    } catch (RuntimeException e) {
      throw error("Sub", e);
    }
  }

  /** The rank this process would have in such a grid (its own rank, or MPI.UNDEFINED outside it). */
  public int Map(int[] dims, boolean[] periods) throws MPIException {
    try {
      return mapOf(dims, periods);
    } catch (RuntimeException e) {
      throw error("Map", e);
    }
  }

  /** Dimensions, periods and this rank's coordinates. */
  public CartParms Get() throws MPIException {
    try {
      return topology.parms(localRank());
    } catch (RuntimeException e) {
      throw error("Get", e);
    }
  }

  @Override
  public int Topo_test() throws MPIException {
    return MPI.CART;
  }

  /** Fills the zero entries of {@code dims} with a balanced factorisation of {@code nnodes}. */
  public static void Dims_create(int nnodes, int[] dims) throws MPIException {
    try {
      CartTopology.dimsCreate(nnodes, dims);
    } catch (RuntimeException e) {
      throw Errors.handle(MPI.COMM_WORLD, "Dims_create", e);
    }
  }

  // ---------------------------------------------------------------- one implementation

  ShiftParms shiftOf(int direction, int disp) {
    int[] sd = topology.shift(localRank(), direction, disp);
    return new ShiftParms(sd[0], sd[1]);
  }

  CartComm subOf(boolean[] remain) {
    CartTopology sub = topology.sub(remain);
    int rank = localRank();
    io.picluster.comm.Comm c = base().split(topology.subColor(rank, remain), topology.subKey(rank, remain));
    return inherit(new CartComm(c, sub));
  }

  int mapOf(int[] dims, boolean[] periods) {
    CartTopology grid = new CartTopology(dims, periods);
    int rank = base().rank();
    return rank < grid.size() ? rank : MPI.UNDEFINED;
  }
}
