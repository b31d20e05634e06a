/* Ring send/recv: a token goes round the ranks LAPS times, each rank adding rank + 1 to it, so rank 0
   ends with LAPS * n(n+1)/2. Every rank first says where it runs and how many ranks share its node
   as MPICH sees it (MPI_Comm_split_type SHARED, which follows PMI_process_mapping).
   Output:  rank R of N on HOST: K on this node
            ring: 10 laps over N ranks, token T (expected T) */
#include <mpi.h>
#include <stdio.h>

#define LAPS 10

int main(int argc, char **argv) {
  int rank, size, len, local;
  char host[MPI_MAX_PROCESSOR_NAME];
  MPI_Comm node;
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  MPI_Get_processor_name(host, &len);
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank, MPI_INFO_NULL, &node);
  MPI_Comm_size(node, &local);
  printf("rank %d of %d on %s: %d on this node\n", rank, size, host, local);
  fflush(stdout);

  int next = (rank + 1) % size, prev = (rank + size - 1) % size;
  long token = 0;
  for (int lap = 0; lap < LAPS; lap++) {
    if (rank == 0) {
      long out = token + 1;
      MPI_Sendrecv(&out, 1, MPI_LONG, next, lap, &token, 1, MPI_LONG, prev, lap, MPI_COMM_WORLD,
                   MPI_STATUS_IGNORE);
    } else {
      MPI_Recv(&token, 1, MPI_LONG, prev, lap, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      token += rank + 1;
      MPI_Send(&token, 1, MPI_LONG, next, lap, MPI_COMM_WORLD);
    }
  }
  if (rank == 0) {
    printf("ring: %d laps over %d ranks, token %ld (expected %ld)\n", LAPS, size, token,
           (long) LAPS * size * (size + 1) / 2);
  }
  MPI_Comm_free(&node);
  MPI_Finalize();
  return 0;
}
