/* Gather at rank 0 of {rank, rank squared} from every rank, then the reverse: scatter of rank 0's
   numbers 100 + r back to each rank r.
   Output:  gather: 0:0 1:1 2:4 3:9
            rank R: scattered 100+R */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int rank, size;
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  int mine[2] = {rank, rank * rank};
  int *all = rank == 0 ? malloc(sizeof(int) * 2 * size) : NULL;
  MPI_Gather(mine, 2, MPI_INT, all, 2, MPI_INT, 0, MPI_COMM_WORLD);
  if (rank == 0) {
    printf("gather:");
    for (int r = 0; r < size; r++) {
      printf(" %d:%d", all[2 * r], all[2 * r + 1]);
    }
    printf("\n");
    fflush(stdout);
    for (int r = 0; r < size; r++) {
      all[r] = 100 + r;
    }
  }
  int got = -1;
  MPI_Scatter(all, 1, MPI_INT, &got, 1, MPI_INT, 0, MPI_COMM_WORLD);
  printf("rank %d: scattered %d\n", rank, got);
  free(all);
  MPI_Finalize();
  return 0;
}
