/* Reductions at rank 0 of rank + 1 (sum, max, min) and, element by element, of a vector of 1000
   doubles (rank + i), checked against the closed form.
   Output:  reduce: sum S, max M, min 1, vector ok */
#include <mpi.h>
#include <stdio.h>

#define LEN 1000

int main(int argc, char **argv) {
  int rank, size;
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  long mine = rank + 1, sum = 0, max = 0, min = 0;
  MPI_Reduce(&mine, &sum, 1, MPI_LONG, MPI_SUM, 0, MPI_COMM_WORLD);
  MPI_Reduce(&mine, &max, 1, MPI_LONG, MPI_MAX, 0, MPI_COMM_WORLD);
  MPI_Reduce(&mine, &min, 1, MPI_LONG, MPI_MIN, 0, MPI_COMM_WORLD);
  double v[LEN], total[LEN];
  for (int i = 0; i < LEN; i++) {
    v[i] = rank + i;
  }
  MPI_Reduce(v, total, LEN, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD);
  if (rank == 0) {
    const char *vector = "ok";
    for (int i = 0; i < LEN; i++) {
      if (total[i] != (double) size * (size - 1) / 2 + (double) size * i) {
        vector = "WRONG";
      }
    }
    printf("reduce: sum %ld, max %ld, min %ld, vector %s\n", sum, max, min, vector);
  }
  MPI_Finalize();
  return 0;
}
