/* Every rank says it is ready once all have joined, then waits (up to 120 s) for the launcher to
   end it: a job to kill the launcher of. It never finishes on its own in a test's time.
   Output:  rank R of N: ready */
#include <mpi.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv) {
  int rank, size;
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  MPI_Barrier(MPI_COMM_WORLD);
  printf("rank %d of %d: ready\n", rank, size);
  fflush(stdout);
  sleep(120);
  MPI_Finalize();
  return 0;
}
