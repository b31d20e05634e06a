package io.picluster.examples.mpijava;

import io.picluster.examples.HaloBlock;
import mpi.Cartcomm;
import mpi.Datatype;
import mpi.MPI;
import mpi.ShiftParms;

/**
 * A halo exchange on a periodic 2-D Cartesian grid of ranks, mpiJava style. {@code Dims_create}
 * and {@code Create_cart} arrange the ranks in a grid; each rank owns an N×N block of a global
 * field and keeps a one-cell halo around it. {@code Shift} names the neighbours, and
 * {@code Sendrecv} swaps edges with them: rows are contiguous, columns go as a strided
 * {@code Datatype.Vector}. The program first checks that every halo cell holds the neighbour's
 * value, then runs heat diffusion steps, which on a periodic grid keep the total heat. Rank 0
 * prints, on 4 ranks:
 *
 * <pre>
 * halo: 2x2 ranks, 32x32 cells, halo cells right: 256 of 256
 * heat after 50 steps: 5.2377600000e+05, before 5.2377600000e+05: conserved
 * </pre>
 *
 * <p>Run: {@code picluster java -np 4 -cp picluster-examples.jar io.picluster.examples.mpijava.Halo [N] [STEPS]}
 * (default 16 and 50).
 */
public class Halo {
  public static void main(String[] args) {
    String[] rest = MPI.Init(args);
    int n = rest.length > 0 ? Integer.parseInt(rest[0]) : 16;
    int steps = rest.length > 1 ? Integer.parseInt(rest[1]) : 50;
    int size = MPI.COMM_WORLD.Size();

    int[] dims = {0, 0};
    Cartcomm.Dims_create(size, dims);
    Cartcomm grid = MPI.COMM_WORLD.Create_cart(dims, new boolean[] {true, true}, false);
    int[] coords = grid.Coords(grid.Rank());
    ShiftParms vertical = grid.Shift(0, 1); // source: the rank above, dest: the rank below
    ShiftParms horizontal = grid.Shift(1, 1); // source: left, dest: right

    HaloBlock b = new HaloBlock(n, dims, coords);
    // One column of the block: n cells, one every row (n + 2 apart).
    Datatype column = Datatype.Vector(n, 1, n + 2, MPI.DOUBLE);
    column.Commit();

    exchange(grid, b, column, vertical, horizontal);
    int[] right = {b.haloCellsRight()};
    int[] allRight = new int[1];
    grid.Reduce(right, 0, allRight, 0, 1, MPI.INT, MPI.SUM, 0);

    double[] before = {b.heat()};
    for (int s = 0; s < steps; s++) {
      exchange(grid, b, column, vertical, horizontal);
      b.diffuse();
    }
    double[] heat = {before[0], b.heat()};
    double[] total = new double[2];
    grid.Reduce(heat, 0, total, 0, 2, MPI.DOUBLE, MPI.SUM, 0);

    if (grid.Rank() == 0) {
      System.out.println(b.report(allRight[0], size, steps, total[0], total[1]));
    }
    MPI.Finalize();
  }

  /** Fills the four halo edges from the four neighbours (corners are not needed). */
  private static void exchange(Cartcomm grid, HaloBlock b, Datatype column, ShiftParms vertical,
      ShiftParms horizontal) {
    int n = b.n;
    double[] u = b.cells;
    // my last row down, the upper neighbour's last row into my top halo; then the other way
    grid.Sendrecv(u, b.at(n, 1), n, MPI.DOUBLE, vertical.rank_dest, 0,
        u, b.at(0, 1), n, MPI.DOUBLE, vertical.rank_source, 0);
    grid.Sendrecv(u, b.at(1, 1), n, MPI.DOUBLE, vertical.rank_source, 1,
        u, b.at(n + 1, 1), n, MPI.DOUBLE, vertical.rank_dest, 1);
    grid.Sendrecv(u, b.at(1, n), 1, column, horizontal.rank_dest, 2,
        u, b.at(1, 0), 1, column, horizontal.rank_source, 2);
    grid.Sendrecv(u, b.at(1, 1), 1, column, horizontal.rank_source, 3,
        u, b.at(1, n + 1), 1, column, horizontal.rank_dest, 3);
  }
}
