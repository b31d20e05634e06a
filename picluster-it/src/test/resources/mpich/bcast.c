/* 1 MiB broadcasts, from rank 0 and from the last rank; every rank checks every byte.
   Output:  rank R: 1048576 bytes from rank 0 ok, from rank N-1 ok */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

#define SIZE (1 << 20)

static unsigned char expected(int root, long i) { return (unsigned char) (i * 7 + 3 + root * 13); }

static const char *check(const unsigned char *buf, int root) {
  for (long i = 0; i < SIZE; i++) {
    if (buf[i] != expected(root, i)) {
      return "WRONG";
    }
  }
  return "ok";
}

int main(int argc, char **argv) {
  int rank, size;
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  unsigned char *buf = malloc(SIZE);
  const char *result[2];
  int roots[2] = {0, size - 1};
  for (int b = 0; b < 2; b++) {
    for (long i = 0; i < SIZE; i++) {
      buf[i] = rank == roots[b] ? expected(roots[b], i) : 0;
    }
    MPI_Bcast(buf, SIZE, MPI_UNSIGNED_CHAR, roots[b], MPI_COMM_WORLD);
    result[b] = check(buf, roots[b]);
  }
  printf("rank %d: %d bytes from rank 0 %s, from rank %d %s\n", rank, SIZE, result[0], size - 1,
         result[1]);
  free(buf);
  MPI_Finalize();
  return 0;
}
