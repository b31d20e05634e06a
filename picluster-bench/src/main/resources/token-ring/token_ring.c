/* The 8-byte token ring of bench row 11, in C over MPI: rank 0 sends a counter round the ranks
 * LAPS times and prints the time per hop, as io.picluster.bench.TokenRing does; like it, after as
 * many laps untimed. */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

static void laps(int rank, int size, int count) {
  long token = 0;
  for (int lap = 0; lap < count; lap++) {
    if (rank == 0) {
      token = lap;
      MPI_Send(&token, 1, MPI_LONG, 1, 3, MPI_COMM_WORLD);
      MPI_Recv(&token, 1, MPI_LONG, size - 1, 3, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      if (token != lap + size - 1) {
        fprintf(stderr, "token-ring: lap %d came back as %ld\n", lap, token);
        MPI_Abort(MPI_COMM_WORLD, 1);
      }
    } else {
      MPI_Recv(&token, 1, MPI_LONG, rank - 1, 3, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      token++;
      MPI_Send(&token, 1, MPI_LONG, (rank + 1) % size, 3, MPI_COMM_WORLD);
    }
  }
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  int count = argc > 1 ? atoi(argv[1]) : 1000;
  laps(rank, size, count);
  MPI_Barrier(MPI_COMM_WORLD);
  double start = MPI_Wtime();
  laps(rank, size, count);
  if (rank == 0) {
    printf("ring_us_per_hop laps=%d ranks=%d value=%.3f\n", count, size,
           (MPI_Wtime() - start) * 1e6 / ((double) count * size));
  }
  MPI_Finalize();
  return 0;
}
