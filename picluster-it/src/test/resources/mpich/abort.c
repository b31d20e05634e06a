/* The last rank calls MPI_Abort(MPI_COMM_WORLD, 7) while the others wait in a barrier that never
   completes: the job must end with exit code 7, naming that rank.
   Output:  rank R of N: waiting in a barrier       (the others)
            rank R of N: calling MPI_Abort(MPI_COMM_WORLD, 7) */
#include <mpi.h>
#include <stdio.h>

int main(int argc, char **argv) {
  int rank, size;
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  if (rank == size - 1) {
    printf("rank %d of %d: calling MPI_Abort(MPI_COMM_WORLD, 7)\n", rank, size);
    fflush(stdout);
    MPI_Abort(MPI_COMM_WORLD, 7);
  }
  printf("rank %d of %d: waiting in a barrier\n", rank, size);
  fflush(stdout);
  MPI_Barrier(MPI_COMM_WORLD);
  MPI_Finalize();
  return 0;
}
