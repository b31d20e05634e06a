/* Allreduce of the ranks: every rank gets the sum and the maximum.
   Output:  rank R of N: allreduce sum S, max M */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char **argv) {
  int rank, size, sum = -1, max = -1;
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  MPI_Allreduce(&rank, &sum, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  MPI_Allreduce(&rank, &max, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  printf("rank %d of %d: allreduce sum %d, max %d\n", rank, size, sum, max);
  MPI_Finalize();
  return 0;
}
