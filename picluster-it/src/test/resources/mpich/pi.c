/* The classic cpi: pi as the integral of 4/(1+x^2) over [0,1] by the midpoint rule with
   1,000,000 intervals dealt round-robin to the ranks, summed at rank 0.
   Output:  pi is approximately 3.1415926536, error below 1e-9: yes (N ranks) */
#include <mpi.h>
#include <stdio.h>

#define PI25DT 3.141592653589793238462643

int main(int argc, char **argv) {
  int rank, size;
  const long n = 1000000;
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  double h = 1.0 / n, part = 0.0, pi = 0.0;
  for (long i = rank + 1; i <= n; i += size) {
    double x = h * (i - 0.5);
    part += 4.0 / (1.0 + x * x);
  }
  part *= h;
  MPI_Reduce(&part, &pi, 1, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD);
  if (rank == 0) {
    double error = pi > PI25DT ? pi - PI25DT : PI25DT - pi;
    printf("pi is approximately %.10f, error below 1e-9: %s (%d ranks)\n", pi,
           error < 1e-9 ? "yes" : "no", size);
  }
  MPI_Finalize();
  return 0;
}
