package io.picluster.examples.openmpi;

import io.picluster.examples.HaloBlock;
import java.nio.DoubleBuffer;
import mpi.CartComm;
import mpi.Datatype;
import mpi.MPI;
import mpi.MPIException;
import mpi.ShiftParms;

/**
 * The halo exchange of {@link io.picluster.examples.mpijava.Halo}, Open MPI style: {@code
 * createDims}, {@code createCart}, {@code shift} and {@code sendRecv}. Open MPI's calls take no
 * offset, so the block is a {@code DoubleBuffer} and {@code MPI.slice(buffer, offset)} points a
 * call at a row or column; a column goes as a strided {@code Datatype.createVector}. Rank 0
 * prints, on 4 ranks:
 *
 * <pre>
 * halo: 2x2 ranks, 32x32 cells, halo cells right: 256 of 256
 * heat after 50 steps: 5.2377600000e+05, before 5.2377600000e+05: conserved
 * </pre>
 *
 * <p>Run: {@code picluster java -np 4 -cp picluster-examples.jar io.picluster.examples.openmpi.Halo [N] [STEPS]}
 * (default 16 and 50).
 */
public class Halo {
  public static void main(String[] args) throws MPIException {
    String[] rest = MPI.Init(args);
    int n = rest.length > 0 ? Integer.parseInt(rest[0]) : 16;
    int steps = rest.length > 1 ? Integer.parseInt(rest[1]) : 50;
    int size = MPI.COMM_WORLD.getSize();

    int[] dims = {0, 0};
    CartComm.createDims(size, dims);
    CartComm grid = MPI.COMM_WORLD.createCart(dims, new boolean[] {true, true}, false);
    int[] coords = grid.getCoords(grid.getRank());
    ShiftParms vertical = grid.shift(0, 1); // source: the rank above, dest: the rank below
    ShiftParms horizontal = grid.shift(1, 1); // source: left, dest: right

    HaloBlock b = new HaloBlock(n, dims, coords);
    DoubleBuffer cells = DoubleBuffer.wrap(b.cells); // the block's array, seen as a buffer
    // One column of the block: n cells, one every row (n + 2 apart).
    Datatype column = Datatype.createVector(n, 1, n + 2, MPI.DOUBLE);
    column.commit();

    exchange(grid, b, cells, column, vertical, horizontal);
    int[] right = {b.haloCellsRight()};
    int[] allRight = new int[1];
    grid.reduce(right, allRight, 1, MPI.INT, MPI.SUM, 0);

    double before = b.heat();
    for (int s = 0; s < steps; s++) {
      exchange(grid, b, cells, column, vertical, horizontal);
      b.diffuse();
    }
    double[] heat = {before, b.heat()};
    double[] total = new double[2];
    grid.reduce(heat, total, 2, MPI.DOUBLE, MPI.SUM, 0);

    if (grid.getRank() == 0) {
      System.out.println(b.report(allRight[0], size, steps, total[0], total[1]));
    }
    column.free();
    MPI.Finalize();
  }

  /** Fills the four halo edges from the four neighbours (corners are not needed). */
  private static void exchange(CartComm grid, HaloBlock b, DoubleBuffer u, Datatype column,
      ShiftParms vertical, ShiftParms horizontal) throws MPIException {
    int n = b.n;
    int up = vertical.getRankSource();
    int down = vertical.getRankDest();
    int left = horizontal.getRankSource();
    int right = horizontal.getRankDest();
    grid.sendRecv(MPI.slice(u, b.at(n, 1)), n, MPI.DOUBLE, down, 0,
        MPI.slice(u, b.at(0, 1)), n, MPI.DOUBLE, up, 0);
    grid.sendRecv(MPI.slice(u, b.at(1, 1)), n, MPI.DOUBLE, up, 1,
        MPI.slice(u, b.at(n + 1, 1)), n, MPI.DOUBLE, down, 1);
    grid.sendRecv(MPI.slice(u, b.at(1, n)), 1, column, right, 2,
        MPI.slice(u, b.at(1, 0)), 1, column, left, 2);
    grid.sendRecv(MPI.slice(u, b.at(1, 1)), 1, column, left, 3,
        MPI.slice(u, b.at(1, n + 1)), 1, column, right, 3);
  }
}
