package io.picluster.examples;

import java.util.Locale;

/**
 * One rank's N×N block of the global field, stored row by row with a one-cell halo around it:
 * cell (i, j), 0 ≤ i, j ≤ N+1, is at index i·(N+2)+j; the block's own cells are 1..N both ways.
 * Cell values start as a function of the global position, so every halo cell can be checked. The
 * same for both Halo examples: it holds no MPI calls.
 */
public final class HaloBlock {
  public final int n;
  public final double[] cells;
  private final int rows;
  private final int cols;
  private final int top;
  private final int left;

  public HaloBlock(int n, int[] dims, int[] coords) {
    this.n = n;
    this.cells = new double[(n + 2) * (n + 2)];
    this.rows = dims[0] * n;
    this.cols = dims[1] * n;
    this.top = coords[0] * n;
    this.left = coords[1] * n;
    for (int i = 1; i <= n; i++) {
      for (int j = 1; j <= n; j++) {
        cells[at(i, j)] = initial(top + i - 1, left + j - 1);
      }
    }
  }

  public int at(int i, int j) {
    return i * (n + 2) + j;
  }

  /** The starting value of global cell (row, col), wrapped round the periodic grid. */
  private double initial(int row, int col) {
    return Math.floorMod(row, rows) * (double) cols + Math.floorMod(col, cols);
  }

  /** How many of the 4N halo cells hold the neighbour's starting value. */
  public int haloCellsRight() {
    int right = 0;
    for (int k = 1; k <= n; k++) {
      right += cells[at(0, k)] == initial(top - 1, left + k - 1) ? 1 : 0;
      right += cells[at(n + 1, k)] == initial(top + n, left + k - 1) ? 1 : 0;
      right += cells[at(k, 0)] == initial(top + k - 1, left - 1) ? 1 : 0;
      right += cells[at(k, n + 1)] == initial(top + k - 1, left + n) ? 1 : 0;
    }
    return right;
  }

  /** One explicit heat diffusion step on the block's own cells (the halo must be current). */
  public void diffuse() {
    double[] next = cells.clone();
    for (int i = 1; i <= n; i++) {
      for (int j = 1; j <= n; j++) {
        double u = cells[at(i, j)];
        next[at(i, j)] = u + 0.1 * (cells[at(i - 1, j)] + cells[at(i + 1, j)]
            + cells[at(i, j - 1)] + cells[at(i, j + 1)] - 4 * u);
      }
    }
    System.arraycopy(next, 0, cells, 0, cells.length);
  }

  /** The sum over the block's own cells. */
  public double heat() {
    double sum = 0;
    for (int i = 1; i <= n; i++) {
      for (int j = 1; j <= n; j++) {
        sum += cells[at(i, j)];
      }
    }
    return sum;
  }

  /** Rank 0's two lines. */
  public String report(int haloRight, int ranks, int steps, double before, double after) {
    int haloCells = 4 * n * ranks;
    boolean conserved = Math.abs(after - before) <= 1e-9 * Math.abs(before);
    return String.format(Locale.ROOT, "halo: %dx%d ranks, %dx%d cells, halo cells right: %d of %d%n"
            + "heat after %d steps: %.10e, before %.10e: %s",
        rows / n, cols / n, rows, cols, haloRight, haloCells, steps, after, before,
        conserved ? "conserved" : "NOT conserved");
  }
}
