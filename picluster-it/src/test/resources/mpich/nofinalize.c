/* After a barrier that all ranks pass, the last rank exits with status 0 without MPI_Finalize; the
   others go on into MPI_Finalize, which cannot complete without it. The job must fail, naming that
   rank.
   Output:  rank R of N: leaving without MPI_Finalize
            rank R of N: finalizing                 (the others) */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int rank, size;
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  MPI_Barrier(MPI_COMM_WORLD);
  if (rank == size - 1) {
    printf("rank %d of %d: leaving without MPI_Finalize\n", rank, size);
    fflush(stdout);
    exit(0);
  }
  printf("rank %d of %d: finalizing\n", rank, size);
  fflush(stdout);
  MPI_Finalize();
  return 0;
}
