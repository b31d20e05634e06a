/* The tutorial's prime.py in C: rank r tests the odd numbers 2r+1, 2r+1+2n, ... below N (so 1
   counts and 2 does not, as in prime.py: the count is still pi(N)), by trial division up to the
   square root rather than prime.py's N-1 (same answer, less waiting), and rank 0 adds up the
   counts. Prints prime.py's report, less its time line.
   Output:  Find all primes up to: N
            Nodes: n
            Primes discovered: P */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int rank, size;
  MPI_Init(&argc, &argv);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  long end = argc > 1 ? atol(argv[1]) : 100000;
  long found = 0, total = 0;
  for (long candidate = 2L * rank + 1; candidate < end; candidate += 2L * size) {
    int prime = 1;
    for (long d = 2; d * d <= candidate; d++) {
      if (candidate % d == 0) {
        prime = 0;
        break;
      }
    }
    found += prime;
  }
  MPI_Reduce(&found, &total, 1, MPI_LONG, MPI_SUM, 0, MPI_COMM_WORLD);
  if (rank == 0) {
    printf("Find all primes up to: %ld\nNodes: %d\nPrimes discovered: %ld\n", end, size, total);
  }
  MPI_Finalize();
  return 0;
}
